package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.json.Json;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManualOperationScheduler;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OpStatus;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationRequest;
import io.cfychatops.ops.OperationSpec;
import io.cfychatops.ops.OpsConfig;
import io.cfychatops.ops.StepState;
import io.cfychatops.ops.TestSpecs;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations stored before typed specs (format 1: a {@code params} string map) still load, with the
 * defaults their runbooks applied, and resume; every spec kind round-trips in format 2.
 */
class LegacyOperationRowTest {
  static final Instant T0 = TestDatabases.T0;
  @TempDir Path tmp;

  /**
   * The body {@code op} had when operations stored {@code params}: same fields, the map instead.
   */
  static String legacyBody(Operation op, Map<String, String> params) {
    ObjectNode tree = (ObjectNode) Json.tryParse(JdbcOperationStore.write(op));
    tree.remove(List.of("spec", "format", "approval", "incident"));
    tree.set("params", Json.mapper().valueToTree(params));
    return tree.toString();
  }

  static Operation op(OperationSpec spec) {
    return new Operation(
        "op-1",
        spec.kind(),
        "prod",
        spec,
        null,
        null,
        "U1",
        List.of(),
        OpStatus.RUNNING,
        List.of(StepState.pending("x")),
        null,
        null,
        T0,
        null,
        null,
        null,
        null,
        null,
        0);
  }

  @Test
  void everySpecKindRoundTripsInFormat2() {
    SnapshotId s = SnapshotId.of("nightly-1");
    List<OperationSpec> specs =
        List.of(
            new OperationSpec.CreateSpec(
                s, new ManagerPort.CreateFlags(false, true, false, false, "/var/tmp", false, 2.5)),
            new OperationSpec.DownloadSpec(s),
            TestSpecs.uploadArchive("nightly-1", "/srv/archives/prod/nightly-1.zip")
                .withOverwrite(true),
            TestSpecs.uploadUrl("nightly-1", "https://store.example/n.zip"),
            TestSpecs.uploadArchive("nightly-1", "prod/nightly-1.zip"),
            new OperationSpec.DeleteSpec(s),
            new OperationSpec.MaintenanceOnSpec(Duration.ofSeconds(90)),
            new OperationSpec.MaintenanceOnSpec(null),
            new OperationSpec.MaintenanceOffSpec(),
            new OperationSpec.RestoreSpec(
                s, false, true, new ManagerPort.RestoreFlags(true, false, true, true)));
    for (OperationSpec spec : specs) {
      String body = JdbcOperationStore.write(op(spec));
      assertThat(body).contains("\"format\":2");
      assertThat(JdbcOperationStore.read(body).spec()).as(body).isEqualTo(spec);
    }
  }

  @Test
  void aLegacyRowLoadsWithTheDefaultsItRanWith() {
    Operation create =
        JdbcOperationStore.read(
            legacyBody(
                op(OperationSpec.defaults(OpKind.CREATE, SnapshotId.of("n1"))),
                Map.of("snapshot", "n1", "includeLogs", "false", "listenerTimeout", "3.5")));
    // queue was not recorded by the oldest rows: those operations queued (CreateFlags.DEFAULT)
    assertThat(create.spec())
        .isEqualTo(
            new OperationSpec.CreateSpec(
                SnapshotId.of("n1"),
                new ManagerPort.CreateFlags(true, false, true, true, null, null, 3.5)));

    Operation restore =
        JdbcOperationStore.read(
            legacyBody(
                op(TestSpecs.restore("n1", true, false)),
                Map.of(
                    "snapshot",
                    "n1",
                    "approval",
                    "apr-x7k2",
                    "incident",
                    "new",
                    "noReboot",
                    "true")));
    assertThat(restore.spec())
        .isEqualTo(
            new OperationSpec.RestoreSpec(
                SnapshotId.of("n1"),
                true,
                false,
                new ManagerPort.RestoreFlags(false, false, true, false)));
    assertThat(restore.approval()).isEqualTo("apr-x7k2");
    assertThat(restore.incident()).isEqualTo("new");

    Operation on =
        JdbcOperationStore.read(
            legacyBody(
                op(new OperationSpec.MaintenanceOnSpec(null)), Map.of("waitTimeout", "600")));
    assertThat(on.spec()).isEqualTo(new OperationSpec.MaintenanceOnSpec(Duration.ofSeconds(600)));

    Operation up =
        JdbcOperationStore.read(
            legacyBody(
                op(TestSpecs.uploadUrl("n1", "https://x/n1.zip")),
                Map.of("snapshot", "n1", "archive", "prod/n1.zip", "overwrite", "true")));
    assertThat(up.spec())
        .isEqualTo(TestSpecs.uploadArchive("n1", "prod/n1.zip").withOverwrite(true));
  }

  @Test
  void aLegacyRestoreRowResumesAndSendsTheFlagsItWasStoredWith() {
    SettableClock clock = SettableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(clock).withSnapshot("nightly-1", "created");
    RecordingChatPort chat = new RecordingChatPort(clock);
    OpsConfig cfg = OpsConfig.defaults("#ops", tmp);
    try (TestDb t = TestDatabases.hsqldb()) {
      JdbcOperationStore store = new JdbcOperationStore(t.db());
      OperationRequest req = TestSpecs.request(TestSpecs.restore("nightly-1", true, false));
      String id =
          new OperationEngine(store, fm, chat, clock, cfg)
              .attach(new ManualOperationScheduler(clock))
              .submit(req); // stored, never run: the process "stopped" before its first step
      String legacy =
          legacyBody(
              store.find(id).orElseThrow(),
              Map.of(
                  "snapshot",
                  "nightly-1",
                  "safety",
                  "false",
                  "encodingAlphabetCopied",
                  "true",
                  "force",
                  "true",
                  "restoreCertificates",
                  "true",
                  "noReboot",
                  "true",
                  "ignorePluginFailure",
                  "true"));
      t.db().jdbc().update("UPDATE ops_operation SET body = ? WHERE id = ?", legacy, id);

      ManualOperationScheduler sched = new ManualOperationScheduler(clock);
      OperationEngine upgraded = new OperationEngine(store, fm, chat, clock, cfg).attach(sched);
      assertThat(upgraded.resumeUnfinished()).containsExactly(id);
      Instant stop = clock.instant().plus(Duration.ofHours(1));
      while (!store.find(id).orElseThrow().status().isFinal() && clock.instant().isBefore(stop)) {
        sched.runDue();
        clock.advance(Duration.ofSeconds(1));
      }
      Operation done = store.find(id).orElseThrow();
      assertThat(done.status()).as(done.toString()).isEqualTo(OpStatus.SUCCEEDED);
      assertThat(fm.lastRestoreFlags)
          .isEqualTo(new ManagerPort.RestoreFlags(true, true, true, true));
      assertThat(fm.count("restoreSnapshot")).isEqualTo(1);
      assertThat(fm.count("createSnapshot"))
          .as("safety snapshot off in the stored params")
          .isZero();
      assertThat(JdbcOperationStore.write(done)).contains("\"format\":2");
    }
  }
}
