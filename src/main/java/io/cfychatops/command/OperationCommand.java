package io.cfychatops.command;

import java.util.Optional;

/**
 * The commands that start a durable operation on a manager (create, download, upload, restore,
 * delete, maintenance on/off): the only ones an approval can gate. Code that only makes sense for
 * operations (the approver's plan, the target read before an approval, the operation request)
 * implements {@link Visitor}, which covers exactly these seven.
 */
public sealed interface OperationCommand extends Command
    permits SnapshotCommand.Create,
        SnapshotCommand.Download,
        SnapshotCommand.Upload,
        SnapshotCommand.Restore,
        SnapshotCommand.Delete,
        MaintenanceCommand.Activate,
        MaintenanceCommand.Deactivate {

  @Override
  default Optional<OperationCommand> asOperation() {
    return Optional.of(this);
  }

  /** Calls the one method of {@code visitor} that handles this record type. */
  <R> R accept(Visitor<R> visitor);

  /**
   * One method per operation command, no defaults.
   *
   * @param <R> what handling an operation command gives back
   */
  interface Visitor<R> {
    R create(SnapshotCommand.Create c);

    R download(SnapshotCommand.Download c);

    R upload(SnapshotCommand.Upload c);

    R restore(SnapshotCommand.Restore c);

    R delete(SnapshotCommand.Delete c);

    R maintenanceOn(MaintenanceCommand.Activate c);

    R maintenanceOff(MaintenanceCommand.Deactivate c);
  }
}
