package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A restore reads the stored archive back as a 7.x manager does, faults and all. */
class ContentRestoreTest extends SimTestSupport {

  private SimulatorConfig.Builder small() {
    return config().contentSize(ContentSize.SMALL).outageDuration(Duration.ZERO);
  }

  private void create(String id, String body) {
    client.putJson("snapshots/" + id, body);
    advanceSeconds(5);
    assertThat(client.get("snapshots/" + id).json().get("status").asText()).isEqualTo("created");
  }

  private JsonNode restore(String id) {
    String exec =
        client.postJson("snapshots/" + id + "/restore", RestoreTest.BODY).json().get("id").asText();
    advanceSeconds(10);
    return client.get("executions/" + exec).json();
  }

  private List<String> errors(String exec) {
    JsonNode env =
        client
            .get(
                "events?execution_id="
                    + exec
                    + "&type=cloudify_log&level=error"
                    + "&_sort=timestamp")
            .json();
    List<String> out = new ArrayList<>();
    env.get("items")
        .forEach(
            i -> {
              assertThat(i.at("/context/execution_id").asText()).isEqualTo(exec);
              assertThat(i.get("logger").asText()).isEqualTo("ctx." + exec);
              out.add(i.at("/message/text").asText());
            });
    return out;
  }

  /** Counts without executions and events, which the restore itself adds to. */
  private static Map<String, Map<String, Long>> entities(Map<String, Map<String, Long>> counts) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    counts.forEach(
        (scope, types) ->
            types.forEach(
                (type, n) -> {
                  if (!type.equals("executions") && !type.equals("events")) {
                    out.computeIfAbsent(scope, s -> new TreeMap<>()).put(type, n);
                  }
                }));
    return out;
  }

  @Test
  void cleanRestoreBringsBackExactlyWhatWasDumped() {
    start(small().auditDuplicates(5));
    create("s1", "{}");
    Map<String, Map<String, Long>> dumped = sim.dumpedCounts("s1");
    JsonNode exec = restore("s1");
    assertThat(exec.get("status").asText()).isEqualTo("terminated");
    assertThat(errors(exec.get("id").asText())).isEmpty();
    Map<String, Map<String, Long>> now = sim.contentCounts();
    assertThat(entities(now)).isEqualTo(entities(dumped));
    assertThat(now.get("default_tenant").get("executions"))
        .isEqualTo(dumped.get("default_tenant").get("executions") + 1); // + the restore itself
    assertThat(now.get("ops").get("events")).isEqualTo(dumped.get("ops").get("events"));
    // the create execution the archive names is PATCHed to terminated, not left cancelled
    String createExec =
        client
            .get("executions?_include_system_workflows=true" + "&workflow_id=create_snapshot")
            .json()
            .at("/items/0/status")
            .asText();
    assertThat(createExec).isEqualTo("terminated");
  }

  @Test
  void uploadedArchiveIsWhatARestoreReads() {
    start(small());
    create("s1", "{}");
    Map<String, Map<String, Long>> dumped = sim.dumpedCounts("s1");
    byte[] zip = client.get("snapshots/s1/archive").raw();
    start(config().outageDuration(Duration.ZERO)); // a fresh, empty manager
    assertThat(sim.contentCounts()).doesNotContainKey("ops");
    assertThat(client.send("PUT", "snapshots/copy/archive", zip, "application/zip").status())
        .isEqualTo(201);
    assertThat(restore("copy").get("status").asText()).isEqualTo("terminated");
    assertThat(entities(sim.contentCounts())).isEqualTo(entities(dumped));
  }

  @Test
  void entityFailuresAreLoggedCascadeAndTheExecutionStillTerminates() {
    start(small());
    create("s1", "{}");
    sim.failRestoreOf("blueprints", "bp-1");
    JsonNode exec = restore("s1");
    assertThat(exec.get("status").asText()).isEqualTo("terminated");
    assertThat(exec.get("error").asText()).isEmpty();
    List<String> errors = errors(exec.get("id").asText());
    assertThat(errors)
        .contains(
            "Error restoring blueprint bp-1: 400: simulated failure restoring blueprints (fault knob)",
            "Error restoring deployment dep-1: 404: Requested `Blueprint` with ID `bp-1` was not found",
            "Error restoring nodes: 404: Requested `Deployment` with ID `dep-1` was not found",
            "Error restoring node instances: 404: Requested `Deployment` with ID `dep-1` was not found");
    assertThat(errors).allMatch(m -> m.matches("^Error restoring [a-z -]+?(?: \\S+)?: \\d{3}: .*"));
    assertThat(client.get("blueprints/bp-1").status()).isEqualTo(404);
    assertThat(client.get("blueprints/bp-2").status()).isEqualTo(200);
    String all = client.get("events?execution_id=" + exec.get("id").asText()).body();
    assertThat(all).contains("Successfully restored snapshot `s1`");
  }

  @Test
  void randomEntityFailuresKnob() {
    start(small().restoreEntityFailures(2));
    create("s1", "{}");
    JsonNode exec = restore("s1");
    assertThat(exec.get("status").asText()).isEqualTo("terminated");
    assertThat(
            errors(exec.get("id").asText()).stream()
                .filter(m -> m.contains("(fault knob)"))
                .count())
        .isEqualTo(2);
  }

  @Test
  void newerSnapshotIsNotCheckedOnSevenXButIsOnLegacy() {
    start(small().snapshotVersion("7.1.0"));
    create("s1", "{}");
    JsonNode seven = restore("s1");
    assertThat(seven.get("status").asText()).isEqualTo("terminated");
    create("old2", "{\"legacy\": true}");
    JsonNode legacy = restore("old2");
    assertThat(legacy.get("status").asText()).isEqualTo("failed");
    assertThat(legacy.get("error").asText())
        .isEqualTo("Cannot restore a newer manager's snapshot on this manager [7.1.0 > 7.0.4]");
  }

  @Test
  void communityLegacyArchiveIsMisreadAsSevenXAndRestoresNothing() {
    start(small().edition("community"));
    create("ce", "{\"legacy\": true}");
    JsonNode exec = restore("ce");
    assertThat(exec.get("status").asText()).isEqualTo("terminated");
    assertThat(sim.contentCounts()).doesNotContainKey("ops");
    assertThat(sim.contentCounts().get("default_tenant")).doesNotContainKey("blueprints");
  }

  @Test
  void nonEmptyTargetMergesWith409sAndWarnsAboutSecrets() {
    start(small().restoreTarget(RestoreTarget.NON_EMPTY));
    create("s1", "{}");
    Map<String, Map<String, Long>> before = entities(sim.contentCounts());
    JsonNode exec = restore("s1");
    assertThat(exec.get("status").asText()).isEqualTo("terminated");
    List<String> errors = errors(exec.get("id").asText());
    assertThat(errors)
        .anyMatch(m -> m.startsWith("Error restoring blueprint bp-1: 409: "))
        .anyMatch(m -> m.startsWith("Error restoring tenant ops: 409: "))
        .anyMatch(m -> m.startsWith("Error restoring user user-1: 409: "))
        .noneMatch(m -> m.contains("default_tenant") && m.startsWith("Error restoring tenant"));
    String warnings =
        client.get("events?execution_id=" + exec.get("id").asText() + "&level=warning").body();
    assertThat(warnings).contains("The following secrets existed: [secret-1");
    assertThat(entities(sim.contentCounts())).isEqualTo(before);
  }
}
