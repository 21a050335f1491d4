package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.testing.SettableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TestHooksTest extends SimTestSupport {
  static final String CREATE = "PUT /snapshots/{id}";
  static final String RESTORE = "POST /snapshots/{id}/restore";

  private JsonNode hook(String pathAndQuery) throws Exception {
    HttpResponse<String> r =
        client
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return SimClient.MAPPER.readTree(r.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void offByDefault() throws Exception {
    start();
    HttpResponse<String> off =
        client
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/requests")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(off.statusCode()).isEqualTo(404);
    assertThat(off.body()).contains("not_found_error");
    SimClient.Resp r = new SimClient(sim).send("GET", "/api/v3.1/snapshots", null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(sim.enableTestHooks().count("GET /snapshots"))
        .as("nothing is logged before the hooks are on")
        .isZero();
  }

  @Test
  void countsPerTemplateAndPathWithStatusesAndHosts() throws Exception {
    start();
    RequestLog log = sim.enableTestHooks();
    assertThat(client.putJson("snapshots/s1", "{}").status()).isEqualTo(201);
    assertThat(client.putJson("snapshots/s1", "{}").status()).isEqualTo(409);
    assertThat(client.putJson("snapshots/s2", "{}").status()).isEqualTo(201);
    client.get("snapshots/s1");
    client.get("/api/version");
    client.post("maintenance/activate");

    JsonNode all = hook("/_sim/requests");
    JsonNode counts = all.get("counts");
    assertThat(counts.get(CREATE).asLong()).isEqualTo(3);
    assertThat(counts.get("PUT /snapshots/s1").asLong()).isEqualTo(2);
    assertThat(counts.get("PUT /snapshots/s2").asLong()).isEqualTo(1);
    assertThat(counts.get("GET /snapshots/{id}").asLong()).isEqualTo(1);
    assertThat(counts.has("GET /snapshots/s1")).as("reads are counted by template only").isFalse();
    assertThat(counts.get("GET /version").asLong()).isEqualTo(1);
    assertThat(counts.get("POST /maintenance/activate").asLong()).isEqualTo(1);
    assertThat(counts.get("status 409").asLong()).isEqualTo(1);
    assertThat(counts.has("GET /_sim/requests")).as("the hooks do not count themselves").isFalse();
    JsonNode writes = all.get("entries");
    assertThat(writes).hasSize(4);
    assertThat(writes.get(0).get("path").asText()).isEqualTo("/snapshots/s1");
    assertThat(writes.get(0).get("status").asInt()).isEqualTo(201);
    assertThat(writes.get(1).get("status").asInt()).isEqualTo(409);
    assertThat(writes.get(0).get("host").asText()).isEqualTo("127.0.0.1:" + sim.port());
    assertThat(log.count(CREATE)).isEqualTo(3);

    JsonNode reads =
        hook("/_sim/requests?entries=all&since_ms=" + writes.get(2).get("at_ms").asLong());
    assertThat(reads.get("entries"))
        .extracting(e -> e.get("key").asText())
        .containsSubsequence(
            CREATE, "GET /snapshots/{id}", "GET /version", "POST /maintenance/activate");
  }

  @Test
  void awaitReturnsWhenTheRequestArrivesOrAfterItsTimeout() throws Exception {
    start();
    sim.enableTestHooks();
    sim.seedSnapshot("r1", "created", "", SettableClock.DEFAULT_START.minusSeconds(60));
    JsonNode none = hook("/_sim/await?key=" + enc(RESTORE) + "&timeout_ms=50");
    assertThat(none.get("reached").asBoolean()).isFalse();
    assertThat(none.get("count").asLong()).isZero();

    CompletableFuture<JsonNode> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return hook("/_sim/await?key=" + enc(RESTORE) + "&count=1&timeout_ms=20000");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(waiting).isNotDone();
    long before = System.currentTimeMillis();
    assertThat(
            client
                .header("Tenant", null)
                .postJson("snapshots/r1/restore", RestoreTest.BODY)
                .status())
        .isEqualTo(200);
    JsonNode got = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(got.get("reached").asBoolean()).isTrue();
    assertThat(got.get("count").asLong()).isEqualTo(1);
    assertThat(got.get("last_at_ms").asLong()).isBetween(before, System.currentTimeMillis());
    assertThat(got.get("last_host").asText()).isEqualTo("127.0.0.1:" + sim.port());
  }

  @Test
  void restoreOutageAnswersAreCountedAndHooksStayUp() throws Exception {
    start();
    sim.enableTestHooks();
    sim.seedSnapshot("r1", "created", "", SettableClock.DEFAULT_START.minusSeconds(60));
    client.header("Tenant", null).postJson("snapshots/r1/restore", RestoreTest.BODY);
    advanceSeconds(1.5); // inside the outage window
    assertThat(new SimClient(sim).anonymous().get("snapshot-status").status()).isEqualTo(502);
    JsonNode counts = hook("/_sim/requests?entries=none").get("counts");
    assertThat(counts.get("status 502").asLong()).isEqualTo(1);
    assertThat(counts.get("GET /snapshot-status").asLong()).isEqualTo(1);
    assertThat(hook("/_sim/requests").get("entries")).hasSize(1);
  }

  @Test
  void theCommandLineFlagTakesNoValue() {
    assertThat(SimulatorMain.parse(new String[] {"--test-hooks", "--port", "9001"}).port())
        .isEqualTo(9001);
    assertThat(SimulatorMain.usage()).contains("--test-hooks");
  }

  @Test
  void templates() {
    assertThat(RequestLog.apiPath("/api/v3.1/snapshots/a/restore/"))
        .isEqualTo("/snapshots/a/restore");
    assertThat(RequestLog.apiPath("/api/version")).isEqualTo("/version");
    assertThat(RequestLog.template("/snapshots/a/restore")).isEqualTo("/snapshots/{id}/restore");
    assertThat(RequestLog.template("/maintenance/activate")).isEqualTo("/maintenance/activate");
    assertThat(RequestLog.template("/executions")).isEqualTo("/executions");
    assertThat(RequestLog.apiPath("/x".repeat(500))).hasSize(RequestLog.MAX_PATH);
  }

  @Test
  void keysAreBounded() {
    RequestLog log = new RequestLog();
    for (int i = 0; i < RequestLog.MAX_KEYS + 50; i++) {
      log.arrived("DELETE", "/api/v3.1/odd" + i, "h", i);
    }
    assertThat(log.counts()).hasSize(RequestLog.MAX_KEYS + 1);
    assertThat(log.count(RequestLog.OTHER)).isPositive();
  }
}
