package io.cfychatops.cloudify.http;

import static io.cfychatops.cloudify.http.TestSupport.fixture;
import static io.cfychatops.cloudify.http.TestSupport.html;
import static io.cfychatops.cloudify.http.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.CreateOptions;
import io.cfychatops.cloudify.MaintenanceModeException;
import io.cfychatops.cloudify.ProxyErrorException;
import io.cfychatops.cloudify.ServerErrorException;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.cloudify.SnapshotStatus;
import io.cfychatops.cloudify.TransportException;
import java.io.IOException;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

class RetryPolicyTest extends ScriptedManager {

  @Test
  void getRetriesOn502HtmlThenSucceeds() {
    server.enqueue(html(502, fixture("nginx-502.html")));
    server.enqueue(html(502, fixture("nginx-502.html")));
    server.enqueue(json(200, TestSupport.snapshotJson("n1", "created")));

    assertThat(client.getSnapshot(SnapshotId.of("n1")).status()).isEqualTo(SnapshotStatus.CREATED);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeper.delays).hasSize(2);
    // equal jitter: retry n waits between half and all of base * 2^(n-1)
    assertThat(sleeper.delays.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(sleeper.delays.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void getGivesUpAfterMaxAttempts() {
    for (int i = 0; i < 10; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }
    assertThatThrownBy(() -> client.getMaintenance())
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> {
              assertThat(e.httpStatus()).isZero();
              assertThat(e.request()).isEqualTo("GET /api/v3.1/maintenance");
            });
    assertThat(server.getRequestCount()).isEqualTo(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
    assertThat(sleeper.delays).hasSize(RetryPolicy.DEFAULT_MAX_ATTEMPTS - 1);
  }

  @Test
  void putDoesNotRetryOn502() {
    server.enqueue(html(502, fixture("nginx-502.html")));
    server.enqueue(json(201, TestSupport.executionJson("e1", "pending", null)));
    assertThatThrownBy(() -> client.createSnapshot(SnapshotId.of("n1"), CreateOptions.defaults()))
        .isInstanceOfSatisfying(
            ProxyErrorException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(502);
              assertThat(e.bodySnippet()).contains("502 Bad Gateway");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void postAndDeleteDoNotRetryOnTransportErrors() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    assertThatThrownBy(() -> client.activateMaintenance()).isInstanceOf(TransportException.class);
    assertThatThrownBy(() -> client.deleteSnapshot(SnapshotId.of("n1")))
        .isInstanceOf(TransportException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void maintenance503JsonDoesNotRetry() {
    server.enqueue(json(503, fixture("maintenance-503.json")));
    assertThatThrownBy(() -> client.getExecution("e1"))
        .isInstanceOf(MaintenanceModeException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void jsonServerErrorIsNotRetried() {
    server.enqueue(json(500, TestSupport.error("internal_server_error", "boom")));
    assertThatThrownBy(() -> client.getSnapshot(SnapshotId.of("n1")))
        .isInstanceOf(ServerErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterWinsButIsCapped() {
    RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5));
    assertThat(p.delayBeforeRetry(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(p.delayBeforeRetry(1, Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.delayBeforeRetry(30, null))
        .isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
    assertThat(Exchange.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(Exchange.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
  }

  @Test
  void policyValidation() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("baseDelay");
  }

  @Test
  void noRetryPolicyMakesOneAttempt() throws IOException {
    server.enqueue(html(502, "bad gateway"));
    try (CloudifyClient once =
        HttpCloudifyClient.builder(TestSupport.connection(server, TestSupport.BASIC))
            .retryPolicy(RetryPolicy.NONE)
            .sleeper(sleeper)
            .build()) {
      assertThatThrownBy(once::version).isInstanceOf(ProxyErrorException.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
