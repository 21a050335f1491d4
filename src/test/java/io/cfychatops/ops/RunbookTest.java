package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.Status;
import io.cfychatops.ops.ManagerPort.ClusterInfo;
import io.cfychatops.ops.ManagerPort.NodeInfo;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookTest {
  @TempDir Path root;

  private static OperationRequest restore(String snap) {
    return OperationRequest.of(OpKind.RESTORE, "prod", snap, "U1");
  }

  private Harness harnessWith(java.util.function.Consumer<FakeManager> setup) {
    SettableClock clock = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(clock);
    setup.accept(fm);
    return new Harness(fm, Harness.config(root), clock);
  }

  @Test
  void createSucceedsAndReportsCreated() {
    Harness h = harnessWith(fm -> {});
    String id = h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "nightly-1", "U1"));
    Operation op = h.runToEnd(id, Duration.ofMinutes(5));
    assertThat(op.status()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(op.step("verify").orElseThrow().detail()).contains("created");
    assertThat(h.chat.livingMessage().status()).isEqualTo(Status.OK);
    assertThat(h.chat.living()).contains("done in");
    assertThat(((FakeManager) h.api).count("createSnapshot")).isEqualTo(1);
  }

  @Test
  void createFailureIsReportedWithTheErrorAndNoSecret() {
    Harness h = harnessWith(fm -> fm.createError = "Snapshot creation failed: disk full");
    String id = h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "nightly-1", "U1"));
    Operation op = h.runToEnd(id, Duration.ofMinutes(5));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure()).contains("disk full");
    assertThat(h.chat.living()).contains("FAILED").contains("disk full");
    assertThat(h.chat.transcript()).doesNotContain(FakeManager.DB_PASSWORD);
  }

  @Test
  void createConflictFailsHonestly() {
    Harness h = harnessWith(fm -> fm.withSnapshot("nightly-1", "created"));
    String id = h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "nightly-1", "U1"));
    Operation op = h.runToEnd(id, Duration.ofMinutes(5));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure()).contains("already exists");
  }

  @Test
  void restoreSucceedsThroughTheOutageAndDeactivatesMaintenance() {
    Harness h = harnessWith(fm -> fm.withSnapshot("nightly-1", "created"));
    FakeManager fm = (FakeManager) h.api;
    String id = h.engine.submit(restore("nightly-1"));
    Operation op = h.runToEnd(id, Duration.ofMinutes(30));
    assertThat(op.status()).as(op.toString()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(fm.count("restoreSnapshot")).isEqualTo(1);
    assertThat(fm.maintenanceState()).isEqualTo("deactivated");
    assertThat(op.step("safety-snapshot").orElseThrow().data().get("snapshot"))
        .startsWith("safety-prod-20260301-10");
    String living = h.chat.living();
    assertThat(living)
        .contains("done in")
        .contains("Safety snapshot")
        .contains("sign in again")
        .contains("admin password");
    assertThat(h.chat.transcript()).contains("REST API unavailable").contains("REST API is back");
  }

  @Test
  void restoreExecutionFailedStillDeactivatesMaintenance() {
    Harness h =
        harnessWith(
            fm -> {
              fm.withSnapshot("nightly-1", "created");
              fm.restoreError = "Snapshot version 7.1 is newer than manager";
            });
    FakeManager fm = (FakeManager) h.api;
    Operation op = h.runToEnd(h.engine.submit(restore("nightly-1")), Duration.ofMinutes(30));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure()).contains("newer than manager");
    assertThat(fm.maintenanceState()).isEqualTo("deactivated");
    assertThat(h.chat.living()).contains("Maintenance mode: deactivated");
    assertThat(h.chat.transcript()).doesNotContain(FakeManager.DB_PASSWORD);
  }

  @Test
  void restoreOutageLongerThanTheLimitFailsAndDeactivates() {
    SettableClock clock = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(clock).withSnapshot("nightly-1", "created");
    fm.outageDuration = Duration.ofMinutes(15);
    fm.restoreDuration = Duration.ofMinutes(40);
    fm.outageAsRefused = true;
    Harness h =
        new Harness(fm, Harness.config(root).withRestoreTimeout(Duration.ofMinutes(10)), clock);
    Operation op = h.runToEnd(h.engine.submit(restore("nightly-1")), Duration.ofHours(2));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure())
        .contains("gave up after the 10m 00s limit")
        .contains("cfy snapshots status");
    assertThat(fm.maintenanceState()).isEqualTo("deactivated");
    assertThat(fm.count("restoreSnapshot")).isEqualTo(1);
  }

  @Test
  void managerThatNeverComesBackLeavesAnHonestMaintenanceWarning() {
    SettableClock clock = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(clock).withSnapshot("nightly-1", "created");
    fm.outageDuration = Duration.ofHours(5);
    fm.restoreDuration = Duration.ofHours(6);
    Harness h =
        new Harness(fm, Harness.config(root).withRestoreTimeout(Duration.ofMinutes(10)), clock);
    Operation op = h.runToEnd(h.engine.submit(restore("nightly-1")), Duration.ofHours(2));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.step("maintenance-off").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
    assertThat(h.chat.living())
        .contains("Maintenance mode: NOT deactivated")
        .contains("cfy maintenance-mode deactivate");
  }

  @Test
  void maintenanceStuckActivatingFailsHonestly() {
    SettableClock clock = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(clock).withSnapshot("nightly-1", "created");
    fm.stuckExecution = true;
    Harness h =
        new Harness(fm, Harness.config(root).withMaintenanceTimeout(Duration.ofMinutes(3)), clock);
    Operation op = h.runToEnd(h.engine.submit(restore("nightly-1")), Duration.ofHours(1));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure())
        .contains("still `activating`")
        .contains("1 running or pending execution");
    assertThat(fm.count("restoreSnapshot")).isZero();
    assertThat(fm.maintenanceState()).isEqualTo("deactivated");
    assertThat(h.chat.transcript()).contains("waiting for 1 running or pending execution");
  }

  @Test
  void restoreRefusedByRunningExecutionsStopsInPreflight() {
    Harness h =
        harnessWith(
            fm -> {
              fm.withSnapshot("nightly-1", "created");
              fm.createSnapshot("prod", "other");
            });
    FakeManager fm = (FakeManager) h.api;
    Operation op = h.runToEnd(h.engine.submit(restore("nightly-1")), Duration.ofMinutes(5));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure()).contains("would block the restore");
    assertThat(fm.count("activateMaintenance")).isZero();
    assertThat(fm.maintenanceState()).isEqualTo("deactivated");
  }

  @Test
  void failedSnapshotIsNotRestored() {
    Harness h = harnessWith(fm -> fm.withSnapshot("bad", "failed"));
    Operation op = h.runToEnd(h.engine.submit(restore("bad")), Duration.ofMinutes(5));
    assertThat(op.failure()).contains("is `failed`");
  }

  @Test
  void clusterRestoreNeedsTheEncodingAlphabetConfirmation() {
    ClusterInfo cluster =
        new ClusterInfo(
            "OK",
            java.util.Map.of("manager", "OK"),
            List.of(
                new NodeInfo("manager", "m1", "OK", true),
                new NodeInfo("manager", "m2", "OK", false)));
    Harness h =
        harnessWith(
            fm -> {
              fm.withSnapshot("nightly-1", "created");
              fm.cluster = cluster;
            });
    Operation op = h.runToEnd(h.engine.submit(restore("nightly-1")), Duration.ofMinutes(5));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(h.chat.living())
        .contains("encoding_alphabet")
        .contains("/opt/manager/rest-security.conf")
        .contains("--encoding-alphabet-copied");

    Harness h2 =
        harnessWith(
            fm -> {
              fm.withSnapshot("nightly-1", "created");
              fm.cluster = cluster;
            });
    String id = h2.engine.submit(TestSpecs.request(TestSpecs.restore("nightly-1", false, true)));
    assertThat(h2.runToEnd(id, Duration.ofMinutes(30)).status()).isEqualTo(OpStatus.SUCCEEDED);
  }

  @Test
  void cancelDuringTheOutageIsRefusedAndTheRestoreContinues() {
    Harness h = harnessWith(fm -> fm.withSnapshot("nightly-1", "created"));
    FakeManager fm = (FakeManager) h.api;
    String id = h.engine.submit(TestSpecs.request(TestSpecs.restore("nightly-1", false, false)));
    for (int i = 0; i < 200 && fm.count("restoreSnapshot") == 0; i++) {
      h.scheduler.runDue();
      h.advance(Duration.ofSeconds(1));
    }
    h.advance(Duration.ofSeconds(20)); // inside the outage
    h.scheduler.runDue();
    assertThat(h.engine.cancel(id, "U2")).contains("requested");
    h.scheduler.runDue();
    Operation op = h.runToEnd(id, Duration.ofMinutes(30));
    assertThat(op.cancel()).isEqualTo("REFUSED");
    assertThat(op.status()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(h.chat.transcript()).contains("Cannot cancel now").contains("REST API is down");
  }

  @Test
  void cancelOfACreateCancelsTheExecution() {
    Harness h = harnessWith(fm -> fm.createDuration = Duration.ofMinutes(10));
    FakeManager fm = (FakeManager) h.api;
    String id = h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "nightly-1", "U1"));
    h.scheduler.runDue();
    h.advance(Duration.ofSeconds(5));
    h.scheduler.runDue();
    h.engine.cancel(id, "U1");
    Operation op = h.runToEnd(id, Duration.ofMinutes(5));
    assertThat(op.status()).isEqualTo(OpStatus.CANCELLED);
    assertThat(fm.count("cancelExecution")).isEqualTo(1);
    assertThat(h.chat.transcript()).contains("Cancel accepted");
  }

  @Test
  void downloadWritesAtomicallyWithSha256() throws Exception {
    Harness h = harnessWith(fm -> fm.withSnapshot("nightly-1", "created"));
    Operation op =
        h.runToEnd(
            h.engine.submit(OperationRequest.of(OpKind.DOWNLOAD, "prod", "nightly-1", "U1")),
            Duration.ofMinutes(5));
    assertThat(op.status()).isEqualTo(OpStatus.SUCCEEDED);
    Path file = root.resolve("prod/nightly-1.zip");
    assertThat(file).hasContent("zip of nightly-1");
    try (var files = Files.list(root.resolve("prod"))) {
      // kept by the archive store: the copy and its sidecar (a fake, unverifiable archive here)
      assertThat(files).containsExactlyInAnyOrder(file, root.resolve("prod/nightly-1.json"));
    }
    assertThat(op.step("download").orElseThrow().detail())
        .contains("bytes → " + file, "not verified");
    try (var temps = Files.list(root.resolve(".tmp"))) {
      assertThat(temps).isEmpty(); // the temporary file lived in <root>/.tmp/, cleaned at start-up
    }
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(file.getParent())))
          .isEqualTo("rwx------");
    }
    assertThat(op.step("download").orElseThrow().data().get("sha256")).hasSize(64);
  }

  @Test
  void uploadFromStoredArchiveAndUrlThenDelete() throws Exception {
    Files.createDirectories(root.resolve("old"));
    Files.writeString(root.resolve("old/nightly-1.zip"), "zip");
    Harness h = harnessWith(fm -> {});
    FakeManager fm = (FakeManager) h.api;
    Operation up =
        h.runToEnd(
            h.engine.submit(
                TestSpecs.request(TestSpecs.uploadArchive("nightly-1", "old/nightly-1.zip"))),
            Duration.ofMinutes(5));
    assertThat(up.status()).isEqualTo(OpStatus.SUCCEEDED);
    Operation url =
        h.runToEnd(
            h.engine.submit(TestSpecs.request(TestSpecs.uploadUrl("n2", "https://store/n2.zip"))),
            Duration.ofMinutes(5));
    assertThat(url.status()).isEqualTo(OpStatus.SUCCEEDED);
    Operation again =
        h.runToEnd(
            h.engine.submit(TestSpecs.request(TestSpecs.uploadUrl("n2", "https://store/n2.zip"))),
            Duration.ofMinutes(5));
    assertThat(again.failure()).contains("already exists");
    Operation del =
        h.runToEnd(
            h.engine.submit(OperationRequest.of(OpKind.DELETE, "prod", "n2", "U1")),
            Duration.ofMinutes(5));
    assertThat(del.status()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(fm.snapshots).containsOnlyKeys("nightly-1");
  }

  @Test
  void maintenanceActivateAndDeactivateRunbooks() {
    Harness h = harnessWith(fm -> {});
    FakeManager fm = (FakeManager) h.api;
    Operation on =
        h.runToEnd(
            h.engine.submit(OperationRequest.of(OpKind.MAINTENANCE_ON, "prod", null, "U1")),
            Duration.ofMinutes(5));
    assertThat(on.status()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(fm.maintenanceState()).isEqualTo("activated");
    Operation off =
        h.runToEnd(
            h.engine.submit(OperationRequest.of(OpKind.MAINTENANCE_OFF, "prod", null, "U1")),
            Duration.ofMinutes(5));
    assertThat(off.status()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(fm.maintenanceState()).isEqualTo("deactivated");
  }

  @Test
  void incidentChannelNewIsOpenedWithRequesterAndApprovers() {
    Harness h = harnessWith(fm -> fm.withSnapshot("nightly-1", "created"));
    String id =
        h.engine.submit(
            TestSpecs.request(
                TestSpecs.restore("nightly-1", true, false), List.of("U2", "U3"), "new"));
    h.runToEnd(id, Duration.ofMinutes(30));
    assertThat(h.chat.openedChannels()).containsExactly("inc-restore-prod-20260301 [U1, U2, U3]");
    assertThat(h.chat.events("post").get(0).channel()).isEqualTo("C-inc-restore-prod-20260301");
  }

  @Test
  void opsListAndShowRender() {
    Harness h = harnessWith(fm -> fm.withSnapshot("nightly-1", "created"));
    String id = h.engine.submit(OperationRequest.of(OpKind.DOWNLOAD, "prod", "nightly-1", "U1"));
    h.runToEnd(id, Duration.ofMinutes(5));
    assertThat(h.engine.renderList(10).fallbackText()).contains(id).contains("succeeded");
    assertThat(h.engine.renderShow(id).fallbackText()).contains("✓ download");
    assertThat(h.engine.renderShow("op-nope").fallbackText()).contains("/cfy ops list");
  }
}
