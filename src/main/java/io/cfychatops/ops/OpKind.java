package io.cfychatops.ops;

/**
 * What an operation does; each kind has one runbook. Whether it needs approval is not an operation
 * property: {@code command.ActionKind#effect()} and {@code approvals.ApprovalAction} decide that
 * before an operation exists.
 */
public enum OpKind {
  CREATE("create snapshot"),
  DOWNLOAD("download snapshot"),
  UPLOAD("upload snapshot"),
  DELETE("delete snapshot"),
  MAINTENANCE_ON("activate maintenance mode"),
  MAINTENANCE_OFF("deactivate maintenance mode"),
  RESTORE("restore snapshot"),
  /** A manager's nightly backup; its runbook is {@code backup.NightlyRunbook}. */
  NIGHTLY("nightly backup"),
  /**
   * A restore drill: a stored copy restored onto a scratch manager and validated; its runbook is
   * {@code drill.DrillRunbook} (composed of {@link DrillSteps}).
   */
  DRILL("restore drill");

  private final String label;

  OpKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
