/**
 * HTTP helpers shared by the adapters that serve HTTP on the JDK server (the Slack HTTP mode and
 * the simulator): {@link io.cfychatops.http.QueryString}, the one query-string parser (OkHttp's
 * {@code HttpUrl} underneath). Adapters only: core packages never import it.
 */
@NullMarked
package io.cfychatops.http;

import org.jspecify.annotations.NullMarked;
