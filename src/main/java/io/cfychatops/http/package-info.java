/**
 * HTTP helpers shared by the adapters: {@link io.cfychatops.http.QueryString}, the one query-string
 * parser of those that serve HTTP on the JDK server (the Slack HTTP mode and the simulator;
 * OkHttp's {@code HttpUrl} underneath), and {@link io.cfychatops.http.Tls}, trust from a CA PEM for
 * the clients of servers with private CAs (the Cloudify client, the S3 bucket). Adapters only: core
 * packages never import it.
 */
@NullMarked
package io.cfychatops.http;

import org.jspecify.annotations.NullMarked;
