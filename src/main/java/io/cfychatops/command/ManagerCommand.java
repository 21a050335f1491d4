package io.cfychatops.command;

/** {@code cfy status} and {@code cfy cluster status}: the manager's own state. */
public sealed interface ManagerCommand extends Command {

  /** {@code cfy status}: the manager's services. */
  record Status() implements ManagerCommand {
    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.status(this);
    }
  }

  /** {@code cfy cluster status} (also typed {@code cluster-status}). */
  record ClusterStatus() implements ManagerCommand {
    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.clusterStatus(this);
    }
  }
}
