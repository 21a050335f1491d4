package io.cfychatops.command;

/** {@code cfy maintenance-mode status|activate|deactivate}. */
public sealed interface MaintenanceCommand extends Command {

  /** {@code cfy maintenance-mode status}. */
  record Status() implements MaintenanceCommand {
    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.maintenanceStatus(this);
    }
  }

  /**
   * {@code cfy maintenance-mode activate}.
   *
   * @param waitForActivation {@code --wait}: report only once the mode is {@code activated}
   * @param timeoutSeconds only with {@code --wait}; null: not given; 0: wait forever (as the CLI)
   */
  record Activate(boolean waitForActivation, Integer timeoutSeconds)
      implements MaintenanceCommand, OperationCommand {
    public Activate {
      if (timeoutSeconds != null) {
        if (!waitForActivation) {
          throw new IllegalArgumentException("timeoutSeconds is only valid with wait");
        }
        if (timeoutSeconds < 0) {
          throw new IllegalArgumentException("timeoutSeconds must be >= 0: " + timeoutSeconds);
        }
      }
    }

    @Override
    public String canonical() {
      return new Canon(path())
          .flag("--wait", waitForActivation)
          .opt("--timeout", timeoutSeconds == null ? null : timeoutSeconds.toString())
          .toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.maintenanceActivate(this);
    }

    @Override
    public <R> R accept(OperationCommand.Visitor<R> v) {
      return v.maintenanceOn(this);
    }
  }

  /** {@code cfy maintenance-mode deactivate}. */
  record Deactivate() implements MaintenanceCommand, OperationCommand {
    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.maintenanceDeactivate(this);
    }

    @Override
    public <R> R accept(OperationCommand.Visitor<R> v) {
      return v.maintenanceOff(this);
    }
  }
}
