package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.testing.SettableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreTest extends SimTestSupport {
  static final String BODY =
      "{\"force\": false, \"restore_certificates\": false, \"no_reboot\": false,"
          + " \"recreate_deployments_envs\": true, \"ignore_plugin_failure\": false}";

  private void seed() {
    sim.seedSnapshot("nightly-1", "created", "", SettableClock.DEFAULT_START.minusSeconds(3600));
  }

  @Test
  void restoreTimelineWithHtml502OutageAndStatusFlag() {
    start();
    seed();
    String token = client.postJson("tokens", "{}").json().get("value").asText();
    SimClient.Resp r = client.header("Tenant", null).postJson("snapshots/nightly-1/restore", BODY);
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.has("workflow_id")).isFalse();
    assertThat(fieldNames(body))
        .containsExactly(
            "id",
            "status",
            "error",
            "created_at",
            "visibility",
            "tenant_name",
            "created_by",
            "resource_availability",
            "private_resource");
    assertThat(body.get("status").asText()).isEqualTo("pending");
    String execId = body.get("id").asText();
    SimClient anon = new SimClient(sim).anonymous();
    assertThat(anon.get("snapshot-status").json().get("status").asText()).isEqualTo("running");

    advanceSeconds(1); // outage window [1 s, 4 s)
    SimClient.Resp down = anon.get("snapshot-status");
    assertThat(down.status()).isEqualTo(502);
    assertThat(down.header("Content-Type")).isEqualTo("text/html");
    assertThat(down.body()).contains("<title>502 Bad Gateway</title>").contains("nginx");
    assertThat(client.get("executions/" + execId).status()).isEqualTo(502);

    advanceSeconds(3); // REST back; execution ends at 5.5 s
    JsonNode exec = client.get("executions/" + execId).json();
    assertThat(exec.get("status").asText()).isEqualTo("started");
    assertThat(exec.get("workflow_id").asText()).isEqualTo("restore_snapshot");
    assertThat(exec.at("/parameters/config/postgresql_password").asText())
        .isEqualTo(CloudifySimulator.LEAKED_DB_PASSWORD);

    advanceSeconds(1.5); // t = 5.5 s: terminated, flag still set for 2 s
    assertThat(client.get("executions/" + execId).json().get("status").asText())
        .isEqualTo("terminated");
    assertThat(anon.get("snapshot-status").json().get("status").asText()).isEqualTo("running");
    advanceSeconds(1.999);
    assertThat(anon.get("snapshot-status").json().get("status").asText()).isEqualTo("running");
    advanceSeconds(0.001);
    assertThat(anon.get("snapshot-status").json().get("status").asText()).isEqualTo("not-running");

    // the DB was replaced: the snapshot is gone and tokens are invalid
    assertThat(client.get("snapshots/nightly-1").status()).isEqualTo(404);
    assertThat(client.token(token).get("version").status()).isEqualTo(401);
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void dropConnectionsOutageMode() {
    start(config().outageMode(OutageMode.DROP_CONNECTIONS));
    seed();
    client.postJson("snapshots/nightly-1/restore", BODY);
    advanceSeconds(2);
    assertThatThrownBy(() -> client.sendOrThrow("GET", "snapshot-status", null, null))
        .isInstanceOf(IOException.class);
    advanceSeconds(2);
    assertThat(client.get("snapshot-status").status()).isEqualTo(200);
  }

  @Test
  void optionsCanKeepSnapshotAndTokens() {
    start(
        config()
            .dropRestoredSnapshot(false)
            .invalidateTokensOnRestore(false)
            .outageDuration(Duration.ZERO));
    seed();
    String token = client.postJson("tokens", "{}").json().get("value").asText();
    client.postJson("snapshots/nightly-1/restore", BODY);
    advanceSeconds(10);
    assertThat(client.get("snapshots/nightly-1").status()).isEqualTo(200);
    assertThat(client.token(token).get("version").status()).isEqualTo(200);
  }

  @Test
  void refusedWhileAnExecutionIsActive() {
    start();
    seed();
    String exec = client.putJson("snapshots/other", "{}").json().get("id").asText();
    SimClient.Resp r = client.postJson("snapshots/nightly-1/restore", BODY);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("existing_running_execution_error");
    assertThat(r.json().get("message").asText()).contains(exec);
    assertThat(client.get("snapshot-status").json().get("status").asText())
        .isEqualTo("not-running");
  }

  @Test
  void injectedRestoreFailure() {
    start(config().outageDuration(Duration.ZERO));
    seed();
    sim.failNextRestore("Snapshot restore failed: manager is not clean");
    String id = client.postJson("snapshots/nightly-1/restore", BODY).json().get("id").asText();
    advanceSeconds(6);
    JsonNode exec = client.get("executions/" + id).json();
    assertThat(exec.get("status").asText()).isEqualTo("failed");
    assertThat(exec.get("error").asText())
        .isEqualTo("Snapshot restore failed: manager is not clean");
    assertThat(client.get("snapshots/nightly-1").status()).isEqualTo(200); // not replaced
  }

  @Test
  void validation() {
    start();
    seed();
    sim.seedSnapshot("bad", "failed", "boom", SettableClock.DEFAULT_START);
    SimClient.Resp failed = client.postJson("snapshots/bad/restore", BODY);
    assertThat(failed.status()).isEqualTo(400);
    assertThat(failed.errorCode()).isEqualTo("snapshot_action_error");
    assertThat(failed.json().get("message").asText())
        .isEqualTo("Failed snapshot cannot be restored");

    SimClient.Resp noForce = client.postJson("snapshots/nightly-1/restore", "{}");
    assertThat(noForce.status()).isEqualTo(500);
    assertThat(noForce.errorCode()).isEqualTo("internal_server_error");

    SimClient.Resp reboot =
        client.postJson("snapshots/nightly-1/restore", "{\"force\": false, \"no_reboot\": true}");
    assertThat(reboot.status()).isEqualTo(400);
    assertThat(reboot.json().get("message").asText())
        .isEqualTo("`no_reboot` is only relevant when `restore_certificates` is activated");

    assertThat(
            client
                .postJson("snapshots/nightly-1/restore", "{\"force\": null}")
                .json()
                .get("message")
                .asText())
        .isEqualTo("force must be <true/false>, got None");
    assertThat(
            client
                .postJson("snapshots/nightly-1/restore", "{\"force\": false, \"timeout\": \"x\"}")
                .json()
                .get("message")
                .asText())
        .isEqualTo("invalid parameter, should be int, got: x");
    assertThat(client.postJson("snapshots/missing/restore", BODY).status()).isEqualTo(404);
    assertThat(
            client
                .send("POST", "snapshots/nightly-1/restore", BODY.getBytes(), "text/plain")
                .status())
        .isEqualTo(415);
  }

  @Test
  void allowedWhenMaintenanceActivatedButNotWhileActivating() {
    start();
    seed();
    sim.startWorkflowExecution("install", "dep", Duration.ofSeconds(1));
    client.post("maintenance/activate");
    SimClient.Resp activating = client.postJson("snapshots/nightly-1/restore", BODY);
    assertThat(activating.status()).isEqualTo(503);
    assertThat(activating.errorCode()).isEqualTo("entering_maintenance_mode");
    advanceSeconds(2);
    assertThat(client.postJson("snapshots/nightly-1/restore", BODY).status()).isEqualTo(200);
  }
}
