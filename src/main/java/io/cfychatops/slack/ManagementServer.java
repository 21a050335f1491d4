package io.cfychatops.slack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management listener, in both modes: {@code GET /healthz} (liveness), {@code GET /readyz}
 * (200, or 503 listing what is not ready: Slack connection, store) and {@code GET /metrics}
 * (Prometheus text). It binds {@code MANAGEMENT_BIND:MANAGEMENT_PORT}, by default {@code
 * 127.0.0.1:3001}: readiness details and metrics name managers, queues and failure counts, which
 * strangers on the Slack port have no business reading. It has its own small pool and deadlines
 * ({@link HttpListener.Limits#MANAGEMENT}), so nothing on the public port can starve the probes.
 */
public final class ManagementServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

  private final HttpListener listener;

  public ManagementServer(InetSocketAddress bind, Readiness readiness, MetricsText metrics)
      throws IOException {
    this(bind, readiness, metrics, HttpListener.Limits.MANAGEMENT);
  }

  ManagementServer(
      InetSocketAddress bind, Readiness readiness, MetricsText metrics, HttpListener.Limits limits)
      throws IOException {
    Objects.requireNonNull(bind, "bind");
    this.listener = new HttpListener("management", bind, limits);
    HealthEndpoints.installManagement(
        listener,
        readiness == null ? Readiness.ALWAYS : readiness,
        metrics == null ? MetricsText.NONE : metrics);
  }

  public ManagementServer start() {
    listener.start();
    InetSocketAddress a = listener.address();
    log.info(
        "Management endpoints (/healthz, /readyz, /metrics) on {}:{}{}",
        a.getAddress().getHostAddress(),
        a.getPort(),
        a.getAddress().isLoopbackAddress()
            ? ""
            : " — not loopback: keep this port off public networks");
    return this;
  }

  public int port() {
    return listener.port();
  }

  HttpListener listener() {
    return listener;
  }

  @Override
  public void close() {
    listener.close();
  }
}
