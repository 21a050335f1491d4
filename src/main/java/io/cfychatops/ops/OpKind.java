package io.cfychatops.ops;

/** What an operation does; each kind has one runbook. */
public enum OpKind {
  CREATE("create snapshot", false),
  DOWNLOAD("download snapshot", false),
  UPLOAD("upload snapshot", false),
  DELETE("delete snapshot", true),
  MAINTENANCE_ON("activate maintenance mode", true),
  MAINTENANCE_OFF("deactivate maintenance mode", false),
  RESTORE("restore snapshot", true);

  private final String label;
  private final boolean destructive;

  OpKind(String label, boolean destructive) {
    this.label = label;
    this.destructive = destructive;
  }

  public String label() {
    return label;
  }

  /** True when approvals should gate it (the approvals package decides; this is the default). */
  public boolean isDestructive() {
    return destructive;
  }
}
