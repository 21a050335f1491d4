package io.cfychatops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfychatops.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator as its own process ({@code java -jar cfy-chatops.jar simulator --port 0
 * --test-hooks …}), with the manager-side views the acceptance cases assert on: request counts
 * ({@code /_sim/requests}), a wait for a request to arrive ({@code /_sim/await}), and admin reads
 * of the REST API (maintenance mode, executions, snapshots).
 */
final class SimProcess implements AutoCloseable {
  static final String PASSWORD = "it-Mgr-pa55w0rd-4417";
  static final String CREATE_PUT = "PUT /snapshots/{id}";
  static final String RESTORE_POST = "POST /snapshots/{id}/restore";
  private static final Pattern LISTENING =
      Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChildProcess process;
  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SimProcess(ChildProcess process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts a single-node simulator with admin password {@link #PASSWORD}, test hooks on, and {@code
   * flags} (e.g. {@code --exec-seconds 2 --outage-seconds 8 --latency-ms 100}).
   */
  static SimProcess start(Path logDir, String name, String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "simulator",
                "--port",
                "0",
                "--password",
                PASSWORD,
                "--cluster",
                "single-node",
                "--test-hooks"));
    args.addAll(List.of(flags));
    // TCP_NODELAY on the JDK HTTP server: without it the answer of /_sim/await (headers and body in
    // two writes) waits ~40 ms for a delayed ACK, and "kill within 0.1 s" would start 40 ms late
    ChildProcess p =
        ChildProcess.start(
            name,
            logDir,
            List.of("-Dsun.net.httpserver.nodelay=true"),
            args,
            Map.of("LOG_LEVEL", "WARN"));
    try {
      Matcher m = p.awaitStdout(LISTENING, Duration.ofSeconds(60));
      return new SimProcess(p, m.group(1));
    } catch (RuntimeException | Error e) {
      p.close();
      throw e;
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  ChildProcess process() {
    return process;
  }

  // ---------------------------------------------------------------- test hooks

  /**
   * Counts per key (see {@code sim.RequestLog}): {@code "PUT /snapshots/{id}"}, {@code "PUT
   * /snapshots/s1"}, …
   */
  Map<String, Long> counts() {
    JsonNode c = hook("/_sim/requests?entries=none", Duration.ofSeconds(10)).get("counts");
    Map<String, Long> out = new LinkedHashMap<>();
    c.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }

  long count(String key) {
    return counts().getOrDefault(key, 0L);
  }

  /** Keys starting with {@code prefix} and their counts (e.g. every concrete create PUT). */
  Map<String, Long> counts(String prefix) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts()
        .forEach(
            (k, v) -> {
              if (k.startsWith(prefix)) {
                out.put(k, v);
              }
            });
    return out;
  }

  /** When a awaited request arrived (epoch ms) and the Host header it carried. */
  record Arrival(long atMillis, String host) {}

  /**
   * Returns as soon as {@code key} has occurred {@code n} times (long poll: the answer leaves the
   * simulator the moment the request arrives), with the time and Host of its latest occurrence;
   * fails after {@code max}.
   */
  Arrival awaitArrival(String key, long n, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      long ask = Math.min(left, 60_000);
      JsonNode r =
          hook(
              "/_sim/await?key="
                  + URLEncoder.encode(key, StandardCharsets.UTF_8)
                  + "&count="
                  + n
                  + "&timeout_ms="
                  + ask,
              Duration.ofMillis(ask + 10_000));
      if (r.get("reached").asBoolean()) {
        return new Arrival(r.get("last_at_ms").asLong(), r.get("last_host").asText());
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(
            "the manager saw `"
                + key
                + "` "
                + r.get("count").asLong()
                + " time(s), not "
                + n
                + ", within "
                + max
                + "; counts: "
                + counts());
      }
    }
  }

  /** {@link #awaitArrival} returning only the time. */
  long awaitCount(String key, long n, Duration max) {
    return awaitArrival(key, n, max).atMillis();
  }

  /** Requests that arrived at or after {@code sinceMillis}: writes only, or every request. */
  List<JsonNode> entries(long sinceMillis, boolean all) {
    JsonNode r =
        hook(
            "/_sim/requests?since_ms=" + sinceMillis + "&entries=" + (all ? "all" : "writes"),
            Duration.ofSeconds(10));
    List<JsonNode> out = new ArrayList<>();
    r.get("entries").forEach(out::add);
    return out;
  }

  private JsonNode hook(String pathAndQuery, Duration timeout) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                  .timeout(timeout)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError(
            "simulator hook " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("simulator hook " + pathAndQuery + "\n" + process.tails(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  // ---------------------------------------------------------------- admin reads of the REST API

  /** An admin call to the REST API (Basic auth, tenant header); returns status and JSON body. */
  record Answer(int status, JsonNode json, String raw) {}

  Answer api(String method, String path, String jsonBody) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v3.1/" + path))
            .timeout(Duration.ofSeconds(20))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .header("Tenant", "default_tenant")
            .header("X-BYPASS-MAINTENANCE", "true");
    if (jsonBody != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        jsonBody == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode n = null;
      try {
        n = JSON.readTree(r.body());
      } catch (IOException notJson) {
        // nginx HTML during an outage
      }
      return new Answer(r.statusCode(), n, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Creates snapshot {@code id} on the manager directly (not through the bot) and waits until it is
   * {@code created}.
   */
  void createSnapshot(String id) {
    Answer a = api("PUT", "snapshots/" + id, "{}");
    if (a.status() != 201) {
      throw new AssertionError(
          "creating " + id + " on the simulator: " + a.status() + " " + a.raw());
    }
    if (!Await.until(Duration.ofSeconds(60), () -> "created".equals(snapshotStatus(id)))) {
      throw new AssertionError("snapshot " + id + " never became created: " + snapshotStatus(id));
    }
  }

  String snapshotStatus(String id) {
    Answer a = api("GET", "snapshots/" + id, null);
    return a.status() == 200 ? a.json().path("status").asText() : "http " + a.status();
  }

  /**
   * {@code activated}, {@code activating} or {@code deactivated}; {@code http 502} during an
   * outage.
   */
  String maintenance() {
    Answer a = api("GET", "maintenance", null);
    return a.status() == 200 ? a.json().path("status").asText() : "http " + a.status();
  }

  /** Every execution (system workflows included), as the list endpoint returns them. */
  List<JsonNode> executions() {
    Answer a = api("GET", "executions?_include_system_workflows=true&_size=1000", null);
    if (a.status() != 200) {
      throw new AssertionError("GET executions: " + a.status() + " " + a.raw());
    }
    List<JsonNode> out = new ArrayList<>();
    a.json().path("items").forEach(out::add);
    return out;
  }

  /** Executions not yet in a terminal state. */
  long activeExecutions() {
    return executions().stream()
        .map(e -> e.path("status").asText())
        .filter(s -> !List.of("terminated", "failed", "cancelled").contains(s))
        .count();
  }

  @Override
  public void close() {
    process.close();
  }
}
