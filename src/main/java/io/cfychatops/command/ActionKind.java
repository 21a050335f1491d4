package io.cfychatops.command;

/**
 * What a {@link Command} does, as a closed set with the properties the access, approval and audit
 * layers ask about.
 */
public enum ActionKind {
  LIST(Effect.READ, true),
  STATUS(Effect.READ, true),
  CLUSTER_STATUS(Effect.READ, true),
  SNAPSHOTS_STATUS(Effect.READ, true),
  CREATE(Effect.WRITE, true),
  DOWNLOAD(Effect.WRITE, true),
  /** Destructive only when it overwrites an existing snapshot id; the caller decides. */
  UPLOAD(Effect.WRITE, true),
  RESTORE(Effect.DESTRUCTIVE, true),
  DELETE(Effect.DESTRUCTIVE, true),
  MAINTENANCE_STATUS(Effect.READ, true),
  MAINTENANCE_ACTIVATE(Effect.DESTRUCTIVE, true),
  MAINTENANCE_DEACTIVATE(Effect.DESTRUCTIVE, true),
  AUDIT(Effect.READ, false),
  APPROVE(Effect.WRITE, false),
  DENY(Effect.WRITE, false),
  CANCEL(Effect.WRITE, false),
  OPS_LIST(Effect.READ, false),
  OPS_SHOW(Effect.READ, false),
  OPS_CANCEL(Effect.WRITE, false),
  BACKUPS_STATUS(Effect.READ, false),
  BACKUPS_HISTORY(Effect.READ, false),
  BACKUPS_RUN(Effect.WRITE, true),
  BACKUPS_RETENTION(Effect.READ, false),
  HELP(Effect.READ, false);

  private enum Effect {
    READ,
    WRITE,
    DESTRUCTIVE
  }

  private final Effect effect;
  private final boolean talksToManager;

  ActionKind(Effect effect, boolean talksToManager) {
    this.effect = effect;
    this.talksToManager = talksToManager;
  }

  /**
   * True for actions that can lose data or take a manager out of service (restore, delete,
   * maintenance activate/deactivate): these need an approval. {@link #UPLOAD} answers false here
   * because only the caller knows whether the id already exists.
   */
  public boolean isDestructive() {
    return effect == Effect.DESTRUCTIVE;
  }

  /** True if the action changes nothing: not the manager, not the bot's own state. */
  public boolean isReadOnly() {
    return effect == Effect.READ;
  }

  /** True if carrying it out calls a Cloudify manager (so {@code -m} matters). */
  public boolean talksToManager() {
    return talksToManager;
  }
}
