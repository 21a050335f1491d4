package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.testing.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthAndFaultsTest extends SimTestSupport {

  @Test
  void clusterStatusScenarios() {
    start();
    JsonNode ok = client.get("cluster-status").json();
    assertThat(ok.get("status").asText()).isEqualTo("OK");
    assertThat(ok.at("/services/manager/nodes").size()).isEqualTo(3);
    assertThat(
            ok.at("/services/db/nodes/db-1/services/Patroni/extra_info/patroni_status/role")
                .asText())
        .isEqualTo("leader");
    assertThat(client.get("status").json().get("status").asText()).isEqualTo("OK");
    assertThat(client.get("status").json().at("/services/PostgreSQL/status").asText())
        .isEqualTo("Active");
    assertThat(client.get("status?summary=true").json().get("services").size()).isZero();

    sim.setClusterScenario(ClusterScenario.ONE_NODE_DOWN);
    JsonNode degraded = client.get("cluster-status").json();
    assertThat(degraded.get("status").asText()).isEqualTo("Degraded");
    assertThat(degraded.at("/services/manager/nodes/manager-3/status").asText()).isEqualTo("Fail");
    assertThat(client.get("cluster-status?summary=true").status()).isEqualTo(200);

    sim.setClusterScenario(ClusterScenario.ACTIVE_NODE_DOWN);
    assertThat(client.get("cluster-status").json().at("/services/db/status").asText())
        .isEqualTo("Fail");
    assertThat(client.get("status").json().get("status").asText()).isEqualTo("Fail");
    SimClient.Resp summary = client.get("cluster-status?summary=true");
    assertThat(summary.status()).isEqualTo(500);
    assertThat(summary.json().get("status").asText()).isEqualTo("Fail");
    assertThat(summary.json().get("services").size()).isZero();
    SimClient.Resp okEndpoint = client.get("ok");
    assertThat(okEndpoint.status()).isEqualTo(500);
    assertThat(okEndpoint.body()).isEqualTo("\"FAIL\"");

    sim.setClusterScenario(ClusterScenario.SPLIT_BRAIN);
    JsonNode split = client.get("cluster-status").json();
    int leaders = 0;
    for (JsonNode node : split.at("/services/db/nodes")) {
      if (node.at("/services/Patroni/extra_info/patroni_status/role").asText().equals("leader")) {
        leaders++;
      }
    }
    assertThat(leaders).isEqualTo(2);
    assertThat(split.get("status").asText()).isEqualTo("Fail");

    sim.setClusterScenario(ClusterScenario.WHOLE_CLUSTER_DOWN);
    JsonNode down = client.get("cluster-status").json();
    assertThat(down.at("/services/broker/status").asText()).isEqualTo("Fail");
    assertThat(down.at("/services/manager/nodes/manager-1/status").asText()).isEqualTo("Fail");
  }

  @Test
  void errorRateOneFaultsEveryRequestWithHtmlOrDrop() {
    start(
        config()
            .errorRate(1.0)
            .faultKinds(
                EnumSet.of(
                    FaultKind.BAD_GATEWAY_502,
                    FaultKind.UNAVAILABLE_503,
                    FaultKind.DROP_CONNECTION)));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      try {
        SimClient.Resp r = client.sendOrThrow("GET", "version", null, null);
        assertThat(r.status()).isIn(502, 503);
        assertThat(r.header("Content-Type")).isEqualTo("text/html");
        seen.add(String.valueOf(r.status()));
      } catch (IOException e) {
        seen.add("drop");
      }
    }
    assertThat(seen).containsExactlyInAnyOrder("502", "503", "drop");
    sim.setErrorRate(0);
    assertThat(client.get("version").status()).isEqualTo(200);
  }

  @Test
  void slowResponseFaultUsesConfiguredDelay() {
    start(
        config()
            .errorRate(1.0)
            .faultKinds(EnumSet.of(FaultKind.SLOW_RESPONSE))
            .slowResponseDelay(Duration.ofMillis(150)));
    long t0 = System.nanoTime();
    assertThat(client.get("version").status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void latencyKnobDelaysResponses() {
    start();
    assertThat(sim.latency()).isZero();
    sim.setLatency(Duration.ofMillis(120));
    assertThat(sim.latency()).isEqualTo(Duration.ofMillis(120));
    long t0 = System.nanoTime();
    assertThat(client.get("version").status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(120));
    assertThatThrownBy(() -> sim.setLatency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manualOutageEndsWhenTheClockMoves() {
    start();
    sim.outageFor(Duration.ofSeconds(10));
    assertThat(client.get("version").status()).isEqualTo(502);
    sim.outageFor(Duration.ofSeconds(10), OutageMode.DROP_CONNECTIONS);
    assertThatThrownBy(() -> client.sendOrThrow("GET", "version", null, null))
        .isInstanceOf(IOException.class);
    advanceSeconds(10);
    assertThat(client.get("version").status()).isEqualTo(200);
  }

  @Test
  void rateLimitGivesNginx503PerClockSecond() {
    start(config().rateLimitPerSecond(3));
    for (int i = 0; i < 3; i++) {
      assertThat(client.get("version").status()).isEqualTo(200);
    }
    SimClient.Resp limited = client.get("version");
    assertThat(limited.status()).isEqualTo(503);
    assertThat(limited.body()).contains("503 Service Temporarily Unavailable");
    advanceSeconds(1);
    assertThat(client.get("version").status()).isEqualTo(200);
  }

  @Test
  void concurrentSlowRequestDoesNotBlockOthers() throws Exception {
    start();
    sim.setSlowResponseDelay(Duration.ofSeconds(30));
    sim.setFaultKinds(EnumSet.of(FaultKind.SLOW_RESPONSE));
    sim.setErrorRate(1.0);
    var slow =
        client
            .http()
            .sendAsync(
                client.request("version").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    Await.require(
        Duration.ofSeconds(10),
        "the slow request held by the slow-response fault",
        () -> sim.slowInFlight() > 0);
    // the next request on another connection must not wait behind it
    sim.setErrorRate(0);
    SimClient other = new SimClient(sim);
    long t0 = System.nanoTime();
    assertThat(other.get("version").status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(slow).isNotDone();
    slow.cancel(true);
  }
}
