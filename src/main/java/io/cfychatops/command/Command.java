package io.cfychatops.command;

import io.cfychatops.cloudify.SnapshotId;
import java.util.Optional;

/**
 * A parsed {@code /cfy} command. Records are immutable and validate their own fields (snapshot ids,
 * ranges, flag combinations), throwing {@link IllegalArgumentException}; {@link CommandParser}
 * checks the same rules first and turns them into friendly {@link ParseResult.ParseError}s.
 *
 * <p>The records are grouped as the CLI groups them ({@link SnapshotCommand}, {@link
 * MaintenanceCommand}, {@link ManagerCommand}, {@link ApprovalCommand}, {@link OpsCommand}, {@link
 * BackupsCommand}, {@link BotCommand}); the seven that start a durable operation are also {@link
 * OperationCommand}s. What a command is — its path, effect, required role, approval rule — is
 * written once, on its {@link ActionKind}.
 *
 * <p>Handling a command is {@link #accept(Visitor)}: {@link Visitor} has one method per record and
 * no defaults, so a new record does not compile until every handler handles it.
 *
 * <p>{@link #canonical()} renders the command as a normalised {@code cfy ...} line with a fixed
 * option order: options at their defaults are left out, so two spellings of the same request give
 * the same line (approval cards and fingerprints rely on this), and {@code
 * CommandParser.parse(c.canonical())} gives back {@code c}.
 */
public sealed interface Command
    permits SnapshotCommand,
        MaintenanceCommand,
        ManagerCommand,
        ApprovalCommand,
        OpsCommand,
        BackupsCommand,
        DrillsCommand,
        BotCommand,
        OperationCommand {

  /** What the command does: the {@link ActionKind} of its record type. */
  default ActionKind action() {
    return ActionKind.forType(getClass());
  }

  /** The command path as typed after {@code cfy}, e.g. {@code "snapshots restore"}. */
  default String path() {
    return action().path();
  }

  /**
   * The normalised command line, starting with {@code cfy }. Commands without arguments or options
   * are just their path.
   */
  default String canonical() {
    return new Canon(path()).toString();
  }

  /** Shorthand for {@code action().isDestructive()}; see {@link ActionKind#isDestructive()}. */
  default boolean isDestructive() {
    return action().isDestructive();
  }

  /** The snapshot this command is about, if it names one. */
  default Optional<SnapshotId> targetSnapshotId() {
    return Optional.empty();
  }

  /** This command as the operation it starts; empty for commands that start none. */
  default Optional<OperationCommand> asOperation() {
    return Optional.empty();
  }

  /** Calls the one method of {@code visitor} that handles this record type. */
  <R> R accept(Visitor<R> visitor);

  /**
   * One method per command record, no defaults: implementing it is handling every command.
   *
   * @param <R> what handling a command gives back
   */
  interface Visitor<R> {
    R snapshotsList(SnapshotCommand.List c);

    R snapshotsCreate(SnapshotCommand.Create c);

    R snapshotsDownload(SnapshotCommand.Download c);

    R snapshotsInspect(SnapshotCommand.Inspect c);

    R snapshotsUpload(SnapshotCommand.Upload c);

    R snapshotsRestore(SnapshotCommand.Restore c);

    R snapshotsDelete(SnapshotCommand.Delete c);

    R snapshotsStatus(SnapshotCommand.Status c);

    R maintenanceStatus(MaintenanceCommand.Status c);

    R maintenanceActivate(MaintenanceCommand.Activate c);

    R maintenanceDeactivate(MaintenanceCommand.Deactivate c);

    R status(ManagerCommand.Status c);

    R clusterStatus(ManagerCommand.ClusterStatus c);

    R help(BotCommand.Help c);

    R audit(BotCommand.Audit c);

    R approve(ApprovalCommand.Approve c);

    R deny(ApprovalCommand.Deny c);

    R cancel(ApprovalCommand.Cancel c);

    R opsList(OpsCommand.List c);

    R opsShow(OpsCommand.Show c);

    R opsTimeline(OpsCommand.Timeline c);

    R opsCancel(OpsCommand.Cancel c);

    R backupsStatus(BackupsCommand.Status c);

    R backupsHistory(BackupsCommand.History c);

    R backupsRun(BackupsCommand.Run c);

    R backupsOffsitePush(BackupsCommand.OffsitePush c);

    R backupsRetention(BackupsCommand.Retention c);

    R drillsRun(DrillsCommand.Run c);

    R drillsHistory(DrillsCommand.History c);
  }
}
