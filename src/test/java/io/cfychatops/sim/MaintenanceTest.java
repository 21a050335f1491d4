package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MaintenanceTest extends SimTestSupport {

  @BeforeEach
  void setUp() {
    start();
  }

  @Test
  void deactivatedShape() {
    JsonNode m = client.get("maintenance").json();
    assertThat(m.get("status").asText()).isEqualTo("deactivated");
    assertThat(m.get("activated_at").asText()).isEmpty();
    assertThat(m.get("remaining_executions").isNull()).isTrue();
  }

  @Test
  void activateWithRunningExecutionGoesActivatingWithDoubleListQuirkThenFlipsLazily() {
    String exec = client.putJson("snapshots/s1", "{}").json().get("id").asText();
    SimClient.Resp r = client.post("maintenance/activate");
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("status").asText()).isEqualTo("activating");
    assertThat(body.get("requested_by").asText()).isEqualTo("admin");
    JsonNode remaining = body.get("remaining_executions");
    assertThat(remaining.isArray()).isTrue();
    assertThat(remaining.get(0).isArray()).isTrue(); // [[...]]
    assertThat(remaining.get(0).get(0).get("id").asText()).isEqualTo(exec);
    assertThat(remaining.get(0).get(0).get("workflow_id").asText()).isEqualTo("create_snapshot");

    // GET has the flat list
    assertThat(client.get("maintenance").json().at("/remaining_executions/0/id").asText())
        .isEqualTo(exec);

    SimClient.Resp again = client.post("maintenance/activate");
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.raw()).isEmpty();

    // while activating: creating is refused, reading executions is fine
    SimClient.Resp create = client.putJson("snapshots/s2", "{}");
    assertThat(create.status()).isEqualTo(503);
    assertThat(create.errorCode()).isEqualTo("entering_maintenance_mode");
    assertThat(client.get("executions/" + exec).status()).isEqualTo(200);

    advanceSeconds(3);
    JsonNode m = client.get("maintenance").json();
    assertThat(m.get("status").asText()).isEqualTo("activated");
    assertThat(m.get("activated_at").asText()).isEqualTo("2024-08-12T02:00:03.000Z");
    assertThat(m.get("remaining_executions").isNull()).isTrue();
  }

  @Test
  void activatedBlocksOutsideAllowListBeforeAuth() {
    assertThat(client.post("maintenance/activate").json().get("status").asText())
        .isEqualTo("activated");
    String exec =
        client.putJson("snapshots/s1", "{}").json().get("id").asText(); // snapshots allowed

    SimClient.Resp blocked = client.get("executions/" + exec);
    assertThat(blocked.status()).isEqualTo(503);
    assertThat(blocked.json().get("error_code").asText()).isEqualTo("maintenance_mode_active");
    assertThat(blocked.json().get("message").asText())
        .isEqualTo(
            "Your request was rejected since Cloudify manager is currently in maintenance mode");
    assertThat(blocked.json().get("server_traceback").asText()).isEqualTo("NoneType: None\n");
    assertThat(client.get("tokens").status()).isEqualTo(503);

    SimClient.Resp bypass = client.header("X-BYPASS-MAINTENANCE", "true").get("executions/" + exec);
    assertThat(bypass.status()).isEqualTo(200);
    assertThat(bypass.json().get("id").asText()).isEqualTo(exec);

    // bypass needs an admin: a plain user still gets 503
    assertThat(client.basic("viewer", "viewer-pw").get("executions/" + exec).status())
        .isEqualTo(503);
    client.basic("admin", "admin").header("X-BYPASS-MAINTENANCE", null);

    // the check runs before authentication
    SimClient.Resp anon = client.anonymous().get("executions/" + exec);
    assertThat(anon.status()).isEqualTo(503);
    assertThat(client.anonymous().get("snapshots").status()).isEqualTo(401);
    assertThat(client.anonymous().get("snapshot-status").status()).isEqualTo(200);
  }

  @Test
  void deactivateAnd304WhenAlreadyOff() {
    client.post("maintenance/activate");
    SimClient.Resp off = client.post("maintenance/deactivate");
    assertThat(off.status()).isEqualTo(200);
    assertThat(off.json().get("status").asText()).isEqualTo("deactivated");
    assertThat(client.post("maintenance/deactivate").status()).isEqualTo(304);
  }

  @Test
  void invalidActionIs400AndNonAdminIs403() {
    SimClient.Resp r = client.post("maintenance/pause");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").asText())
        .isEqualTo("Invalid action: pause, Valid action values are: ['activate', 'deactivate']");
    assertThat(client.basic("viewer", "viewer-pw").post("maintenance/activate").status())
        .isEqualTo(403);
  }

  @Test
  void queuedExecutionKeepsItActivating() {
    sim.startWorkflowExecution("install", "dep-1", java.time.Duration.ofSeconds(2));
    client.putJson("snapshots/q", "{\"legacy\": true, \"queue\": true}");
    client.post("maintenance/activate");
    advanceSeconds(2.6); // install ends; the queued create starts
    assertThat(client.get("maintenance").json().get("status").asText()).isEqualTo("activating");
    advanceSeconds(3);
    assertThat(client.get("maintenance").json().get("status").asText()).isEqualTo("activated");
  }
}
