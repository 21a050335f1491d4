package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ClusterScenario;
import io.cfychatops.sim.OutageMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runbooks against the simulator over real HTTP; every run ends with maintenance mode off. */
class SimRunbookTest {
  @TempDir Path tmp;
  SimHarness s;

  @AfterEach
  void stop() {
    if (s != null) {
      s.close();
    }
  }

  private SimHarness start(
      java.util.function.UnaryOperator<io.cfychatops.sim.SimulatorConfig.Builder> cfg,
      OpsConfig ops) {
    s = new SimHarness(tmp, cfg, ops);
    return s;
  }

  private OpsConfig ops() {
    return OpsConfig.defaults("#ops", tmp.resolve("archives"));
  }

  private static OperationRequest restore(String snap, boolean safety) {
    return TestSpecs.request(TestSpecs.restore(snap, safety, true), List.of("U2"), null);
  }

  private void seed(String id, String status) {
    s.sim.seedSnapshot(id, status, status.equals("failed") ? "boom" : "", s.clock.instant());
  }

  @Test
  void createDownloadUploadDeleteOverHttp() {
    start(b -> b, ops());
    Operation c =
        s.h.runToEnd(
            s.h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "nightly-1", "U1")),
            Duration.ofMinutes(5));
    assertThat(c.status()).as(c.toString()).isEqualTo(OpStatus.SUCCEEDED);
    Operation d =
        s.h.runToEnd(
            s.h.engine.submit(OperationRequest.of(OpKind.DOWNLOAD, "prod", "nightly-1", "U1")),
            Duration.ofMinutes(5));
    assertThat(d.status()).as(d.toString()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(tmp.resolve("archives/prod/nightly-1.zip")).exists();
    Operation u =
        s.h.runToEnd(
            s.h.engine.submit(
                TestSpecs.request(TestSpecs.uploadArchive("copy-1", "prod/nightly-1.zip"))),
            Duration.ofMinutes(5));
    assertThat(u.status()).as(u.toString()).isEqualTo(OpStatus.SUCCEEDED);
    Operation del =
        s.h.runToEnd(
            s.h.engine.submit(OperationRequest.of(OpKind.DELETE, "prod", "copy-1", "U1")),
            Duration.ofMinutes(5));
    assertThat(del.status()).as(del.toString()).isEqualTo(OpStatus.SUCCEEDED);
  }

  @Test
  void createWaitsForASnapshotStatusThatLagsBehindTheExecution() {
    start(b -> b.snapshotUpdateLag(Duration.ofSeconds(5)), ops());
    Operation c =
        s.h.runToEnd(
            s.h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "lagged-1", "U1")),
            Duration.ofMinutes(5));
    assertThat(c.status()).as(c.toString()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(c.step("verify").orElseThrow().detail()).contains("created");
    assertThat(s.counting.count("getSnapshot"))
        .as("re-read until the status landed")
        .isGreaterThan(1);
  }

  @Test
  void createFailureAnd409() {
    start(b -> b, ops());
    s.sim.failNextCreate("Snapshot creation failed: no space left on device");
    Operation c =
        s.h.runToEnd(
            s.h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "n1", "U1")),
            Duration.ofMinutes(5));
    assertThat(c.status()).isEqualTo(OpStatus.FAILED);
    assertThat(c.failure()).contains("no space left");
    Operation dup =
        s.h.runToEnd(
            s.h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "n1", "U1")),
            Duration.ofMinutes(5));
    assertThat(dup.failure()).contains("already exists");
    assertThat(s.h.chat.transcript()).doesNotContain(CloudifySimulator.LEAKED_DB_PASSWORD);
  }

  @Test
  void restoreSucceedsThrough502OutageAndEndsWithMaintenanceOff() {
    start(
        b ->
            b.restoreRunDuration(Duration.ofSeconds(90))
                .outageDelay(Duration.ofSeconds(5))
                .outageDuration(Duration.ofSeconds(40)),
        ops());
    seed("nightly-1", "created");
    Operation op =
        s.h.runToEnd(s.h.engine.submit(restore("nightly-1", true)), Duration.ofMinutes(30));
    assertThat(op.status()).as(op.toString()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(s.counting.count("restoreSnapshot")).isEqualTo(1);
    assertThat(s.maintenance()).isEqualTo("deactivated");
    assertThat(s.h.chat.transcript()).contains("REST API unavailable").contains("REST API is back");
    assertThat(s.h.chat.living()).contains("sign in again").contains("Safety snapshot");
    assertThat(s.h.chat.transcript()).doesNotContain(CloudifySimulator.LEAKED_DB_PASSWORD);
  }

  @Test
  void restoreExecutionFailsAndMaintenanceIsStillDeactivated() {
    start(b -> b, ops());
    seed("nightly-1", "created");
    s.sim.failNextRestore("Snapshot restore failed: version 7.1.0 is newer than 7.0.4");
    Operation op =
        s.h.runToEnd(s.h.engine.submit(restore("nightly-1", false)), Duration.ofMinutes(30));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure()).contains("newer than 7.0.4");
    assertThat(s.maintenance()).isEqualTo("deactivated");
    assertThat(s.h.chat.living()).contains("FAILED").contains("Maintenance mode: deactivated");
  }

  @Test
  void outageLongerThanTheLimitFailsHonestlyAndDeactivates() {
    start(
        b ->
            b.outageMode(OutageMode.DROP_CONNECTIONS)
                .restoreRunDuration(Duration.ofMinutes(30))
                .outageDelay(Duration.ofSeconds(2))
                .outageDuration(Duration.ofMinutes(8)),
        ops().withRestoreTimeout(Duration.ofMinutes(5)));
    seed("nightly-1", "created");
    Operation op =
        s.h.runToEnd(s.h.engine.submit(restore("nightly-1", false)), Duration.ofHours(1));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure()).contains("gave up after the 5m 00s limit");
    assertThat(s.counting.count("restoreSnapshot")).isEqualTo(1);
    assertThat(s.maintenance()).isEqualTo("deactivated");
  }

  @Test
  void maintenanceStuckActivatingFailsAndIsUndone() {
    start(b -> b, ops().withMaintenanceTimeout(Duration.ofMinutes(2)));
    seed("nightly-1", "created");
    String id = s.h.engine.submit(restore("nightly-1", true));
    s.h.scheduler.runDue(); // preflight passes with nothing running; the safety snapshot starts
    s.sim.startWorkflowExecution("install", "dep-1", Duration.ofHours(3));
    Operation op = s.h.runToEnd(id, Duration.ofMinutes(30));
    assertThat(op.status()).as(op.toString()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure()).contains("still `activating`");
    assertThat(s.counting.count("restoreSnapshot")).isZero();
    assertThat(s.maintenance()).isEqualTo("deactivated");
  }

  @Test
  void badRequestsStopInPreflightWithoutTouchingMaintenance() {
    start(b -> b, ops());
    seed("broken", "failed");
    Operation failed =
        s.h.runToEnd(s.h.engine.submit(restore("broken", true)), Duration.ofMinutes(5));
    assertThat(failed.failure()).contains("is `failed`");
    Operation missing =
        s.h.runToEnd(s.h.engine.submit(restore("nope", true)), Duration.ofMinutes(5));
    assertThat(missing.failure()).contains("not found");
    seed("nightly-1", "created");
    s.sim.startWorkflowExecution("install", "dep-1", Duration.ofHours(1));
    s.clock.advance(Duration.ofSeconds(1));
    Operation blocked =
        s.h.runToEnd(s.h.engine.submit(restore("nightly-1", true)), Duration.ofMinutes(5));
    assertThat(blocked.failure()).contains("would block the restore").contains("install");
    assertThat(s.counting.count("activateMaintenance")).isZero();
    assertThat(s.maintenance()).isEqualTo("deactivated");
  }

  @Test
  void clusterRestoreWithoutConfirmationShowsTheEncodingAlphabetStep() {
    start(b -> b, ops());
    seed("nightly-1", "created");
    Operation op =
        s.h.runToEnd(
            s.h.engine.submit(OperationRequest.of(OpKind.RESTORE, "prod", "nightly-1", "U1")),
            Duration.ofMinutes(5));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(s.h.chat.living())
        .contains("encoding_alphabet")
        .contains("--encoding-alphabet-copied");
    assertThat(s.maintenance()).isEqualTo("deactivated");
  }

  @Test
  void clusterDiagnosisNamesEveryScenario() {
    start(b -> b, ops());
    Map<ClusterScenario, ClusterDiagnosis.Case> expected =
        Map.of(
            ClusterScenario.HEALTHY, ClusterDiagnosis.Case.HEALTHY,
            ClusterScenario.ONE_NODE_DOWN, ClusterDiagnosis.Case.ONE_NODE_DOWN,
            ClusterScenario.ACTIVE_NODE_DOWN, ClusterDiagnosis.Case.ACTIVE_NODE_DOWN,
            ClusterScenario.WHOLE_CLUSTER_DOWN, ClusterDiagnosis.Case.WHOLE_CLUSTER_DOWN,
            ClusterScenario.SPLIT_BRAIN, ClusterDiagnosis.Case.SPLIT_BRAIN);
    expected.forEach(
        (scenario, kase) -> {
          s.sim.setClusterScenario(scenario);
          ManagerPort.ClusterInfo info = s.counting.api.clusterStatus("prod");
          assertThat(ClusterDiagnosis.diagnose(info).kind()).as(scenario.name()).isEqualTo(kase);
        });
    s.sim.setClusterScenario(ClusterScenario.ONE_NODE_DOWN);
    assertThat(ClusterDiagnosis.run(s.counting.api, "prod").fallbackText())
        .contains("One manager cluster node down")
        .contains("Remove manager from the cluster.");
  }

  @Test
  void cancelOfRestoreDuringTheOutageIsRefused() {
    start(
        b ->
            b.restoreRunDuration(Duration.ofSeconds(120))
                .outageDelay(Duration.ofSeconds(3))
                .outageDuration(Duration.ofSeconds(60)),
        ops());
    seed("nightly-1", "created");
    String id = s.h.engine.submit(restore("nightly-1", false));
    Instant stop = s.clock.instant().plus(Duration.ofMinutes(5));
    while (s.clock.instant().isBefore(stop)
        && s.h
                .store
                .find(id)
                .orElseThrow()
                .step("restore-wait")
                .orElseThrow()
                .data()
                .get("outageSince")
            == null) {
      s.h.scheduler.runDue();
      s.clock.advance(Duration.ofMillis(500));
    }
    s.h.engine.cancel(id, "U2");
    Operation op = s.h.runToEnd(id, Duration.ofMinutes(30));
    assertThat(op.cancel()).isEqualTo("REFUSED");
    assertThat(op.status()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(s.h.chat.transcript()).contains("nothing can be cancelled now");
    assertThat(s.maintenance()).isEqualTo("deactivated");
  }
}
