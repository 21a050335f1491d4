package io.cfychatops.cloudify.http;

import static io.cfychatops.cloudify.http.TestSupport.fixture;
import static io.cfychatops.cloudify.http.TestSupport.json;
import static io.cfychatops.cloudify.http.TestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.cloudify.BadRequestException;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.ClusterStatus;
import io.cfychatops.cloudify.ErrorCode;
import io.cfychatops.cloudify.HealthStatus;
import io.cfychatops.cloudify.ManagerStatus;
import io.cfychatops.cloudify.ServerErrorException;
import io.cfychatops.cloudify.VersionInfo;
import org.junit.jupiter.api.Test;

class StatusEndpointsTest extends ScriptedManager {

  @Test
  void clusterStatusSummaryFailIs500WithBodyAndIsParsed() {
    server.enqueue(json(500, "{\"status\": \"Fail\", \"services\": {}}"));
    ClusterStatus s = client.clusterStatus(true);
    assertThat(s.status()).isEqualTo(HealthStatus.FAIL);
    assertThat(s.services()).isEmpty();
    assertThat(take(server).getPath()).isEqualTo("/api/v3.1/cluster-status?summary=true");
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void clusterStatus500WithoutStatusBodyStillThrows() {
    server.enqueue(json(500, TestSupport.error("internal_server_error", "KeyError: 'x'")));
    assertThatThrownBy(() -> client.clusterStatus(true)).isInstanceOf(ServerErrorException.class);
  }

  @Test
  void fullClusterStatus() {
    server.enqueue(json(200, fixture("cluster-status-full.json")));
    ClusterStatus s = client.clusterStatus();
    assertThat(s.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(s.db())
        .get()
        .satisfies(
            db -> {
              assertThat(db.status()).isEqualTo(HealthStatus.DEGRADED);
              assertThat(db.external()).isTrue();
            });
    ClusterStatus.Node node = s.manager().orElseThrow().nodes().get(0);
    assertThat(node.name()).isEqualTo("mgr-1");
    assertThat(node.version()).isEqualTo("7.0.4");
    assertThat(node.publicIp()).isEqualTo("10.0.0.5");
    assertThat(node.privateIp()).isEqualTo("192.168.0.5");
    assertThat(node.services())
        .containsEntry("Manager Rest-Service", true)
        .containsEntry("Cloudify Console", false);
    assertThat(s.broker().orElseThrow().nodes().get(0).publicIp()).isNull();
  }

  @Test
  void managerStatus7xAnd4xShapes() {
    server.enqueue(
        json(
            200,
            "{\"status\": \"Fail\", \"services\": {\"PostgreSQL\": {\"status\": \"Inactive\","
                + " \"is_remote\": false, \"extra_info\": {}}, \"Webserver\": {\"status\": \"Active\"}}}"));
    server.enqueue(json(200, fixture("status-4x.json")));

    ManagerStatus s7 = client.status();
    assertThat(s7.status()).isEqualTo(HealthStatus.FAIL);
    assertThat(s7.services()).containsEntry("PostgreSQL", false).containsEntry("Webserver", true);

    ManagerStatus s4 = client.status();
    assertThat(s4.isHealthy()).isTrue();
    assertThat(s4.services())
        .containsEntry("Manager Rest-Service", true)
        .containsEntry("RabbitMQ", false);
  }

  @Test
  void version() {
    server.enqueue(
        json(
            200,
            "{\"version\": \"7.0.4\", \"edition\": \"premium\", \"build\": null, \"date\": null,"
                + " \"commit\": null, \"distribution\": \"rhel\", \"distro_release\": \"Ootpa\"}"));
    VersionInfo v = client.version();
    assertThat(v.version()).isEqualTo("7.0.4");
    assertThat(v.majorVersion()).isEqualTo(7);
    assertThat(v.isPremium()).isTrue();
    assertThat(v.distroRelease()).isEqualTo("Ootpa");
    assertThat(v.build()).isNull();
    assertThat(take(server).getPath()).isEqualTo("/api/v3.1/version");
  }

  @Test
  void sslRequiredOnPlainHttpIsBadRequestWithCode() {
    server.enqueue(
        json(
            400,
            "{\"message\": \"SSL must be used for API access on SSL-enabled managers.\","
                + " \"error_code\": \"SSL_REQUIRED\"}"));
    assertThatThrownBy(() -> client.version())
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SSL_REQUIRED));
  }

  @Test
  void redirectsAreNotFollowed() {
    server.enqueue(
        new okhttp3.mockwebserver.MockResponse()
            .setResponseCode(308)
            .setHeader("Location", "https://elsewhere.invalid/api/v3.1/version"));
    assertThatThrownBy(() -> client.version())
        .isInstanceOf(CloudifyException.class)
        .hasMessageContaining("https://");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
