package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotLifecycleTest extends SimTestSupport {

  @BeforeEach
  void setUp() {
    start();
  }

  @Test
  void createReturns201PendingExecutionThenClockDrivesItToCreated() {
    SimClient.Resp r =
        client.putJson(
            "snapshots/nightly-1",
            "{\"include_credentials\": true, \"include_logs\": true, \"include_events\": true, \"queue\": false}");
    assertThat(r.status()).isEqualTo(201);
    JsonNode exec = r.json();
    String execId = exec.get("id").asText();
    assertThat(exec.get("workflow_id").asText()).isEqualTo("create_snapshot");
    assertThat(exec.get("status").asText()).isEqualTo("pending");
    assertThat(exec.get("is_system_workflow").asBoolean()).isTrue();
    assertThat(exec.get("created_at").asText()).isEqualTo("2024-08-12T02:00:00.000Z");
    assertThat(exec.at("/parameters/snapshot_id").asText()).isEqualTo("nightly-1");
    // the real server leaks the DB password; the bot must filter it
    assertThat(exec.at("/parameters/config/postgresql_password").asText())
        .isEqualTo(CloudifySimulator.LEAKED_DB_PASSWORD);
    assertThat(client.get("snapshots/nightly-1").json().get("status").asText())
        .isEqualTo("creating");

    advanceSeconds(0.5);
    JsonNode started = client.get("executions/" + execId).json();
    assertThat(started.get("status").asText()).isEqualTo("started");
    assertThat(started.get("started_at").asText()).isEqualTo("2024-08-12T02:00:00.500Z");

    advanceSeconds(2);
    JsonNode done = client.get("executions/" + execId).json();
    assertThat(done.get("status").asText()).isEqualTo("terminated");
    assertThat(done.get("status_display").asText()).isEqualTo("completed");
    assertThat(done.get("ended_at").asText()).isEqualTo("2024-08-12T02:00:02.500Z");
    assertThat(done.get("error").asText()).isEmpty();
    // as a 7.x manager: the workflow wrote the snapshot status before the execution ended
    JsonNode snap = client.get("snapshots/nightly-1").json();
    assertThat(snap.get("status").asText()).isEqualTo("created");
    assertThat(snap.get("error").asText()).isEmpty();
    assertThat(snap.get("visibility").asText()).isEqualTo("private");
    assertThat(snap.get("created_by").asText()).isEqualTo("admin");
  }

  @Test
  void theStatusLagKnobLeavesTheSnapshotCreatingForAMomentAfterTheExecutionEnded() {
    start(config().snapshotUpdateLag(java.time.Duration.ofMillis(250)));
    String execId = client.putJson("snapshots/lagged", "{}").json().get("id").asText();
    advanceSeconds(2.5);
    assertThat(client.get("executions/" + execId).json().get("status").asText())
        .isEqualTo("terminated");
    assertThat(client.get("snapshots/lagged").json().get("status").asText()).isEqualTo("creating");
    advanceSeconds(0.25);
    assertThat(client.get("snapshots/lagged").json().get("status").asText()).isEqualTo("created");
  }

  @Test
  void aFailedCreateMarksTheSnapshotFailedBeforeTheExecutionEnds() {
    sim.failNextCreate("disk full");
    String execId = client.putJson("snapshots/broken", "{}").json().get("id").asText();
    advanceSeconds(2.5);
    assertThat(client.get("executions/" + execId).json().get("status").asText())
        .isEqualTo("failed");
    JsonNode snap = client.get("snapshots/broken").json();
    assertThat(snap.get("status").asText()).isEqualTo("failed");
    assertThat(snap.get("error").asText()).contains("disk full");
  }

  @Test
  void duplicateCreateIs409() {
    client.putJson("snapshots/dup", "{}");
    SimClient.Resp r = client.putJson("snapshots/dup", "{}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.errorCode()).isEqualTo("conflict_error");
    assertThat(r.json().get("message").asText())
        .startsWith("<Snapshot id=`dup` tenant=`default_tenant`> already exists");
  }

  @Test
  void invalidIdsAre400() {
    SimClient.Resp digit = client.putJson("snapshots/1abc", "{}");
    assertThat(digit.status()).isEqualTo(400);
    assertThat(digit.json().get("message").asText())
        .isEqualTo("The `snapshot_id` argument must begin with a letter");
    SimClient.Resp illegal = client.putJson("snapshots/ab%20c", "{}");
    assertThat(illegal.status()).isEqualTo(400);
    assertThat(illegal.json().get("message").asText()).contains("contains illegal characters");
    assertThat(client.putJson("snapshots/" + "a".repeat(257), "{}").json().get("message").asText())
        .contains("too long");
  }

  @Test
  void injectedCreateFailureFailsExecutionAndSnapshot() {
    sim.failNextCreate("Snapshot creation failed: disk full");
    String execId = client.putJson("snapshots/broken", "{}").json().get("id").asText();
    advanceSeconds(3);
    JsonNode exec = client.get("executions/" + execId).json();
    assertThat(exec.get("status").asText()).isEqualTo("failed");
    assertThat(exec.get("error").asText()).isEqualTo("Snapshot creation failed: disk full");
    JsonNode snap = client.get("snapshots/broken").json();
    assertThat(snap.get("status").asText()).isEqualTo("failed");
    assertThat(snap.get("error").asText()).isEqualTo("Snapshot creation failed: disk full");
    SimClient.Resp dl = client.get("snapshots/broken/archive");
    assertThat(dl.status()).isEqualTo(400);
    assertThat(dl.errorCode()).isEqualTo("snapshot_action_error");
    // only the next create fails
    String next = client.putJson("snapshots/fine", "{}").json().get("id").asText();
    advanceSeconds(3);
    assertThat(client.get("executions/" + next).json().get("status").asText())
        .isEqualTo("terminated");
  }

  @Test
  void failureRateOneFailsEveryCreate() {
    sim.setCreateFailureRate(1.0);
    client.putJson("snapshots/a1", "{}");
    advanceSeconds(3);
    assertThat(client.get("snapshots/a1").json().get("status").asText()).isEqualTo("failed");
  }

  @Test
  void legacyCreateBlockedByActiveExecutionUnlessQueued() {
    String first = client.putJson("snapshots/first", "{}").json().get("id").asText();
    SimClient.Resp blocked = client.putJson("snapshots/second", "{\"legacy\": true}");
    assertThat(blocked.status()).isEqualTo(400);
    assertThat(blocked.errorCode()).isEqualTo("existing_running_execution_error");
    assertThat(blocked.json().get("message").asText()).contains(first);
    assertThat(client.get("snapshots/second").status()).isEqualTo(404);

    // the non-legacy (7.x) create is non-blocking
    assertThat(client.putJson("snapshots/parallel", "{}").json().get("status").asText())
        .isEqualTo("pending");

    JsonNode queued =
        client.putJson("snapshots/third", "{\"legacy\": true, \"queue\": true}").json();
    assertThat(queued.get("status").asText()).isEqualTo("queued");
    advanceSeconds(2.5); // the other two end
    assertThat(client.get("executions/" + queued.get("id").asText()).json().get("status").asText())
        .isEqualTo("pending");
    advanceSeconds(3);
    assertThat(client.get("executions/" + queued.get("id").asText()).json().get("status").asText())
        .isEqualTo("terminated");
  }

  @Test
  void executionListHidesSystemWorkflowsByDefault() {
    client.putJson("snapshots/s1", "{}");
    sim.startWorkflowExecution("install", "dep-1", java.time.Duration.ofSeconds(5));
    JsonNode plain = client.get("executions").json();
    assertThat(plain.at("/metadata/pagination/total").asInt()).isEqualTo(1);
    assertThat(plain.at("/items/0/workflow_id").asText()).isEqualTo("install");
    JsonNode all = client.get("executions?_include_system_workflows=true&_sort=workflow_id").json();
    assertThat(all.at("/metadata/pagination/total").asInt()).isEqualTo(2);
    assertThat(all.at("/items/0/workflow_id").asText()).isEqualTo("create_snapshot");
  }

  @Test
  void cancelMovesThroughCancellingToCancelled() {
    String id = client.putJson("snapshots/c1", "{}").json().get("id").asText();
    SimClient.Resp r = client.postJson("executions/" + id, "{\"action\": \"cancel\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("cancelling");
    advanceSeconds(0.5);
    assertThat(client.get("executions/" + id).json().get("status").asText()).isEqualTo("cancelled");
    SimClient.Resp again = client.postJson("executions/" + id, "{\"action\": \"cancel\"}");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errorCode()).isEqualTo("illegal_action_error");
    assertThat(client.postJson("executions/" + id, "{\"action\": \"explode\"}").errorCode())
        .isEqualTo("bad_parameters_error");
    assertThat(
            client
                .send("POST", "executions/" + id, "{\"action\":\"kill\"}".getBytes(), "text/plain")
                .status())
        .isEqualTo(415);
  }

  @Test
  void deleteReturns200WithTheSnapshot() {
    sim.seedSnapshot("old", "created", "", SettableClock.DEFAULT_START.minusSeconds(86400));
    SimClient.Resp r = client.delete("snapshots/old");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("id").asText()).isEqualTo("old");
    assertThat(r.json().get("status").asText()).isEqualTo("created");
    assertThat(client.get("snapshots/old").status()).isEqualTo(404);
    SimClient.Resp missing = client.delete("snapshots/old");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("message").asText())
        .isEqualTo("Requested `Snapshot` with ID `old` was not found");
  }
}
