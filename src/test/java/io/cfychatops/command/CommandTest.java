package io.cfychatops.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.approvals.ApprovalAction;
import io.cfychatops.cloudify.SnapshotId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CommandTest {

  private static Command cmd(String text) {
    return CommandParser.parse(text).commandIfParsed().orElseThrow();
  }

  @Test
  void destructiveCommandsAreRestoreDeleteAndMaintenanceChanges() {
    Set<ActionKind> destructive =
        Arrays.stream(ActionKind.values())
            .filter(ActionKind::isDestructive)
            .collect(Collectors.toSet());
    assertThat(destructive)
        .containsExactlyInAnyOrder(
            ActionKind.RESTORE,
            ActionKind.DELETE,
            ActionKind.MAINTENANCE_ACTIVATE,
            ActionKind.MAINTENANCE_DEACTIVATE);
    assertThat(cmd("snapshots restore s1").isDestructive()).isTrue();
    assertThat(cmd("snapshots delete s1").isDestructive()).isTrue();
    assertThat(cmd("maintenance-mode activate").isDestructive()).isTrue();
    assertThat(cmd("maintenance-mode deactivate").isDestructive()).isTrue();
    assertThat(cmd("snapshots upload a.zip -s s1").isDestructive()).isFalse();
    assertThat(cmd("snapshots create").isDestructive()).isFalse();
  }

  @Test
  void everyPathParsesToACommandWithThatPath() {
    List<String> minimal =
        List.of(
            "snapshots list",
            "snapshots create",
            "snapshots download s",
            "snapshots inspect s",
            "snapshots upload a.zip",
            "snapshots restore s",
            "snapshots delete s",
            "snapshots status",
            "maintenance-mode status",
            "maintenance-mode activate",
            "maintenance-mode deactivate",
            "status",
            "cluster status",
            "help",
            "audit",
            "approve r-1",
            "deny r-1",
            "cancel r-1",
            "ops list",
            "ops show o-1",
            "ops timeline o-1",
            "ops cancel o-1",
            "backups status",
            "backups history",
            "backups run",
            "backups retention --dry-run",
            "backups offsite push s1",
            "drills run",
            "drills history");
    assertThat(minimal.stream().map(t -> cmd(t).path()).toList())
        .isEqualTo(HelpText.commandPaths());
    assertThat(minimal.stream().map(t -> cmd(t).action()).distinct().count())
        .isEqualTo(minimal.size());
  }

  @Test
  void actionKindProperties() {
    assertThat(ActionKind.LIST.isReadOnly()).isTrue();
    assertThat(ActionKind.CREATE.isReadOnly()).isFalse();
    assertThat(ActionKind.AUDIT.talksToManager()).isFalse();
    assertThat(ActionKind.RESTORE.talksToManager()).isTrue();
  }

  @Test
  void everyDestructiveKindNamesTheApprovalActionThatGatesIt() {
    for (ActionKind k : ActionKind.values()) {
      assertThat(k.isDestructive())
          .as(k.name())
          .isEqualTo(k.effect() == ActionKind.Effect.DESTRUCTIVE);
      if (k.isDestructive()) {
        assertThat(k.approvalKey()).as(k.name()).isPresent();
      }
    }
    assertThat(ActionKind.MAINTENANCE_DEACTIVATE.approvalKey())
        .contains(ApprovalAction.MAINTENANCE_DEACTIVATE);
    assertThat(ActionKind.UPLOAD.approvalKey()).contains(ApprovalAction.UPLOAD_OVER_EXISTING);
    assertThat(ActionKind.CREATE.approvalKey()).isEmpty();
    // every gated action is reachable from exactly one kind
    assertThat(Arrays.stream(ActionKind.values()).flatMap(k -> k.approvalKey().stream()).toList())
        .containsExactlyInAnyOrder(ApprovalAction.values());
  }

  @Test
  void targetSnapshotId() {
    assertThat(cmd("snapshots restore s1").targetSnapshotId()).contains(SnapshotId.of("s1"));
    assertThat(cmd("snapshots create").targetSnapshotId()).isEmpty();
    assertThat(cmd("snapshots upload a.zip -s s2").targetSnapshotId())
        .contains(SnapshotId.of("s2"));
    assertThat(cmd("status").targetSnapshotId()).isEmpty();
  }

  @Test
  void recordsValidateThemselves() {
    assertThatThrownBy(() -> SnapshotCommand.Restore.of(SnapshotId.of("9abc")))
        .hasMessageContaining(SnapshotId.RULE);
    assertThatThrownBy(
            () ->
                new SnapshotCommand.Restore(
                    SnapshotId.of("s"), false, false, true, false, false, false))
        .hasMessage(SnapshotCommand.Restore.NO_REBOOT_ERROR);
    assertThatThrownBy(() -> new MaintenanceCommand.Activate(false, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new SnapshotCommand.Create(
                    SnapshotId.of("s"), true, true, true, false, null, true, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SnapshotCommand.List("id", false, null, 0, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BotCommand.Audit(201))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ApprovalCommand.Approve("a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BackupsCommand.Retention(false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withSnapshotIdFillsInAGeneratedId() {
    SnapshotCommand.Create c = (SnapshotCommand.Create) cmd("snapshots create --exclude-logs");
    assertThat(c.withSnapshotId(SnapshotId.of("snapshot_AB12CD")))
        .isEqualTo(
            new SnapshotCommand.Create(
                SnapshotId.of("snapshot_AB12CD"), true, false, true, false, null, null, null));
  }

  @Test
  void canonicalRendersListenerTimeoutPlainly() {
    assertThat(cmd("snapshots create s --listener-timeout 10.50").canonical())
        .isEqualTo("cfy snapshots create s --listener-timeout 10.5");
    assertThat(cmd("snapshots create s --listener-timeout 100").canonical())
        .isEqualTo("cfy snapshots create s --listener-timeout 100");
  }
}
