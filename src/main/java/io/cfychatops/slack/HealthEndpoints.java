package io.cfychatops.slack;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health endpoints. Public listeners get only {@link #installLiveness} (a plain {@code ok});
 * the {@link ManagementServer} gets {@link #installManagement}: {@code /healthz}, the detailed
 * {@code /readyz} and {@code /metrics}.
 */
final class HealthEndpoints {
  private static final Logger log = LoggerFactory.getLogger(HealthEndpoints.class);
  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private HealthEndpoints() {}

  /** {@code GET /healthz}: 200 {@code ok} while the process serves HTTP; says nothing else. */
  static void installLiveness(HttpListener listener) {
    listener.context(
        "/healthz",
        ex -> {
          if (getOnly(ex)) {
            send(ex, 200, "text/plain; charset=utf-8", "ok\n");
          }
        });
  }

  /** Liveness, plus {@code /readyz} (503 naming what is not ready) and {@code /metrics}. */
  static void installManagement(HttpListener listener, Readiness readiness, MetricsText metrics) {
    installLiveness(listener);
    listener.context(
        "/readyz",
        ex -> {
          if (!getOnly(ex)) {
            return;
          }
          List<String> problems;
          try {
            problems = readiness.notReady();
          } catch (RuntimeException e) {
            problems = List.of("readiness check failed: " + e);
          }
          if (problems.isEmpty()) {
            send(ex, 200, "text/plain; charset=utf-8", "ready\n");
          } else {
            send(
                ex,
                503,
                "text/plain; charset=utf-8",
                "not ready:\n- " + String.join("\n- ", problems) + "\n");
          }
        });
    listener.context(
        "/metrics",
        ex -> {
          if (!getOnly(ex)) {
            return;
          }
          String text;
          try {
            text = metrics.scrape();
          } catch (RuntimeException e) {
            log.warn("Metrics scrape failed: {}", e.toString());
            send(ex, 500, "text/plain; charset=utf-8", "metrics unavailable\n");
            return;
          }
          send(ex, 200, PROMETHEUS_CONTENT_TYPE, text == null ? "" : text);
        });
  }

  private static boolean getOnly(HttpExchange ex) throws IOException {
    String m = ex.getRequestMethod();
    if ("GET".equals(m) || "HEAD".equals(m)) {
      return true;
    }
    ex.getResponseHeaders().set("Allow", "GET, HEAD");
    send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
    return false;
  }

  static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    }
    ex.close();
  }
}
