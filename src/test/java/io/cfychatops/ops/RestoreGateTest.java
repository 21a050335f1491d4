package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.archive.ArchiveFormat;
import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.EntityKind;
import io.cfychatops.archive.Finding;
import io.cfychatops.archive.TenantContents;
import io.cfychatops.ops.ManagerPort.ContentCounts;
import io.cfychatops.ops.ManagerPort.RestoreFlags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the pre-restore gate refuses and warns about, from a preview and the target's facts. */
class RestoreGateTest {
  private static final RestoreFlags CERTS = new RestoreFlags(false, true, false);

  private static ArchivePreview preview(ArchiveFormat format, String version, Finding... f) {
    return new ArchivePreview(
        format,
        version,
        "exec-1",
        Instant.parse("2026-11-30T02:00:00Z"),
        Map.of(EntityKind.USERS, 2L, EntityKind.TENANTS, 1L),
        0,
        1,
        List.of(
            new TenantContents(
                "default_tenant",
                Map.of(EntityKind.BLUEPRINTS, 2L, EntityKind.DEPLOYMENTS, 3L),
                List.of("bp-1", "bp-2"),
                0,
                List.of("dep-1", "dep-2", "dep-3"),
                0,
                List.of(),
                0)),
        List.of(f),
        new ArchivePreview.Stats(10, 1000, 500, 8, 7));
  }

  private static ContentCounts fresh() {
    return new ContentCounts(
        Map.of(
            "", Map.of(EntityKind.TENANTS, 1L, EntityKind.USERS, 1L, EntityKind.PERMISSIONS, 40L),
            "default_tenant", Map.of()));
  }

  private static ContentCounts busy() {
    return new ContentCounts(
        Map.of(
            "", Map.of(EntityKind.TENANTS, 2L, EntityKind.USERS, 1L),
            "default_tenant", Map.of(EntityKind.BLUEPRINTS, 4L, EntityKind.SECRETS, 2L)));
  }

  @Test
  void aSnapshotNewerThanTheManagerIsRefusedWithTheReasonAndAnOlderOrEqualOneIsNot() {
    RestoreGate.Verdict v =
        RestoreGate.judge(
            preview(ArchiveFormat.SEVEN_X, "7.1.0"),
            new RestoreGate.Target("7.0.4", RestoreFlags.DEFAULT, fresh(), 1));
    assertThat(v.refused()).isTrue();
    assertThat(v.refusal())
        .contains("7.1.0, newer than this manager's 7.0.4")
        .contains("does not check this for 7.x archives");
    assertThat(v.warnings()).isEmpty();

    assertThat(
            RestoreGate.judge(
                    preview(ArchiveFormat.SEVEN_X, "7.0.4"),
                    new RestoreGate.Target("7.0.4-ga", RestoreFlags.DEFAULT, fresh(), 1))
                .refused())
        .isFalse();
    RestoreGate.Verdict older =
        RestoreGate.judge(
            preview(ArchiveFormat.SEVEN_X, "6.4.0"),
            new RestoreGate.Target("7.0.4", RestoreFlags.DEFAULT, fresh(), 1));
    assertThat(older.refused()).isFalse();
    assertThat(older.warnings()).singleElement().asString().contains("install_new_agents");
  }

  @Test
  void aNonEmptyTargetIsAWarningThatSaysWhatIsThere() {
    RestoreGate.Verdict v =
        RestoreGate.judge(
            preview(ArchiveFormat.SEVEN_X, "7.0.4"),
            new RestoreGate.Target("7.0.4", RestoreFlags.DEFAULT, busy(), 1));
    assertThat(v.refused()).isFalse();
    assertThat(v.warnings())
        .singleElement()
        .asString()
        .contains("not empty (4 blueprints, 2 other entities, 1 tenant)")
        .contains("fails entity by entity");
    assertThat(
            RestoreGate.judge(
                    preview(ArchiveFormat.SEVEN_X, "7.0.4"),
                    new RestoreGate.Target("7.0.4", RestoreFlags.DEFAULT, null, 1))
                .warnings())
        .as("not counted: no claim either way")
        .isEmpty();
  }

  @Test
  void certificatesALegacyArchiveReadAs7xFailingFindingsAndClustersAreWarnedAbout() {
    RestoreGate.Verdict seven =
        RestoreGate.judge(
            preview(ArchiveFormat.SEVEN_X, "7.0.4"),
            new RestoreGate.Target("7.0.4", CERTS, fresh(), 3));
    assertThat(seven.warnings())
        .anySatisfy(w -> assertThat(w).contains("--restore-certificates is ignored for 7.x"))
        .anySatisfy(w -> assertThat(w).contains("Cluster of 3 manager nodes").contains("one"));

    RestoreGate.Verdict legacy =
        RestoreGate.judge(
            preview(ArchiveFormat.LEGACY, "6.4.0"),
            new RestoreGate.Target("6.4.0", CERTS, fresh(), 1));
    assertThat(legacy.warnings())
        .anySatisfy(w -> assertThat(w).contains("same IPs and hostnames").contains("reboots"));

    RestoreGate.Verdict misread =
        RestoreGate.judge(
            preview(
                ArchiveFormat.LEGACY_MISREAD_AS_7X,
                "7.0.4",
                new Finding(Finding.Kind.EMPTY_TENANT_DIRECTORY, "ops", 1)),
            new RestoreGate.Target("7.0.4", RestoreFlags.DEFAULT, fresh(), 1));
    assertThat(misread.warnings())
        .anySatisfy(w -> assertThat(w).contains("reads it as 7.x, restores nothing"))
        .anySatisfy(w -> assertThat(w).startsWith("The restore will fail").contains("tenant ops"));
  }
}
