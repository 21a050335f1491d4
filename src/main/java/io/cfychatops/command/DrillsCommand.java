package io.cfychatops.command;

/** {@code drills run|history}: restore drills of a manager's backups onto its scratch manager. */
public sealed interface DrillsCommand extends Command {

  /** {@code drills run}: start the manager's restore drill now. */
  record Run() implements DrillsCommand {
    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.drillsRun(this);
    }
  }

  /** {@code drills history}: the manager's recent drills with their verdicts and RTO. */
  record History() implements DrillsCommand {
    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.drillsHistory(this);
    }
  }
}
