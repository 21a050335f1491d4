package io.cfychatops.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Unauthenticated test hooks under {@code /_sim/}, for acceptance tests that run the simulator as a
 * separate process ({@code simulator --test-hooks}). Off by default: a simulator without them
 * answers {@code /_sim/…} like any unknown route (404). They are served before the nginx layer, so
 * latency, faults and restore outages do not touch them.
 *
 * <ul>
 *   <li>{@code GET /_sim/requests[?since_ms=T][&entries=writes|all|none]}: {@code {"counts": {key:
 *       n}, "entries": [{seq, at_ms, method, path, key, host, status}]}} — counts per key as {@link
 *       RequestLog} defines them (e.g. {@code "PUT /snapshots/{id}"}, {@code "POST
 *       /snapshots/{id}/restore"}, {@code "PUT /snapshots/s1"}, {@code "status 502"}); entries are
 *       the writes (default), every request, or none, that arrived at or after {@code since_ms}.
 *   <li>{@code GET /_sim/await?key=K&count=N[&timeout_ms=T]}: returns as soon as key {@code K} has
 *       occurred {@code N} times (default 1), or after {@code T} ms (default 10,000, at most
 *       60,000): {@code {"reached": bool, "count": n, "last_at_ms": t, "last_host": h}} (time and
 *       Host header of the latest occurrence). A test kills the bot the moment this returns to hit
 *       "within 0.1 s after the restore POST reached the manager".
 * </ul>
 */
public final class TestHooks {
  static final String PREFIX = "/_sim/";
  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final RequestLog log = new RequestLog();

  public RequestLog log() {
    return log;
  }

  boolean serves(HttpExchange ex) {
    return ex.getRequestURI().getPath().startsWith(PREFIX);
  }

  void serve(HttpExchange ex) {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      Map<String, List<String>> q = CloudifySimulator.parseQuery(ex.getRequestURI().getRawQuery());
      if (!ex.getRequestMethod().equals("GET")) {
        send(ex, 405, Json.obj("error", "test hooks answer GET only"));
      } else if (path.equals(PREFIX + "requests")) {
        send(ex, 200, requests(q));
      } else if (path.equals(PREFIX + "await")) {
        String key = Listing.first(q, "key");
        if (key == null || key.isBlank()) {
          send(
              ex, 400, Json.obj("error", "key is required, e.g. key=POST /snapshots/{id}/restore"));
          return;
        }
        long count = number(q, "count", 1);
        long ms = Math.min(number(q, "timeout_ms", 10_000), MAX_WAIT.toMillis());
        RequestLog.Reached r = log.await(key, count, Duration.ofMillis(Math.max(0, ms)));
        send(
            ex,
            200,
            Json.obj(
                "reached",
                r.reached(),
                "count",
                r.count(),
                "last_at_ms",
                r.lastAtMillis(),
                "last_host",
                r.lastHost()));
      } else {
        send(
            ex,
            404,
            Json.obj("error", "unknown test hook " + path + "; try /_sim/requests or /_sim/await"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // the test that asked went away, or sent a bad number (answered 400 below when possible)
      try {
        send(ex, 400, Json.obj("error", String.valueOf(e.getMessage())));
      } catch (IOException | RuntimeException ignored) {
        // headers already sent or connection gone
      }
    }
  }

  private Map<String, Object> requests(Map<String, List<String>> q) {
    long since = number(q, "since_ms", 0);
    String which = Listing.first(q, "entries");
    List<Map<String, Object>> list = new ArrayList<>();
    if (!"none".equals(which)) {
      for (RequestLog.Entry e : log.entries(since, !"all".equals(which))) {
        list.add(
            Json.obj(
                "seq",
                e.seq(),
                "at_ms",
                e.atMillis(),
                "method",
                e.method(),
                "path",
                e.path(),
                "key",
                e.key(),
                "host",
                e.host(),
                "status",
                e.status()));
      }
    }
    return Json.obj("counts", log.counts(), "entries", list);
  }

  private static long number(Map<String, List<String>> q, String name, long dflt) {
    String v = Listing.first(q, name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got `" + v + "`");
    }
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = Json.bytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
