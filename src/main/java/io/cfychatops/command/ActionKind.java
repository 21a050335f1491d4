package io.cfychatops.command;

import io.cfychatops.approvals.ApprovalAction;
import java.util.Optional;

/**
 * What a {@link Command} does, as a closed set with the properties the access, approval and audit
 * layers ask about. This is the one place that says which actions are destructive ({@link
 * #effect()}) and which approval action gates them ({@link #approvalKey()}).
 */
public enum ActionKind {
  LIST(Effect.READ, true),
  STATUS(Effect.READ, true),
  CLUSTER_STATUS(Effect.READ, true),
  SNAPSHOTS_STATUS(Effect.READ, true),
  CREATE(Effect.WRITE, true),
  DOWNLOAD(Effect.WRITE, true),
  /**
   * Destructive only when it overwrites an existing snapshot id; only the caller knows (after reading
   * the target), so it is a write here whose {@link #approvalKey()} applies in that case.
   */
  UPLOAD(Effect.WRITE, true, ApprovalAction.UPLOAD_OVER_EXISTING),
  RESTORE(Effect.DESTRUCTIVE, true, ApprovalAction.RESTORE),
  DELETE(Effect.DESTRUCTIVE, true, ApprovalAction.DELETE),
  MAINTENANCE_STATUS(Effect.READ, true),
  MAINTENANCE_ACTIVATE(Effect.DESTRUCTIVE, true, ApprovalAction.MAINTENANCE_ACTIVATE),
  /** Destructive too: it releases every queued execution at once (see {@link ApprovalAction#MAINTENANCE_DEACTIVATE}). */
  MAINTENANCE_DEACTIVATE(Effect.DESTRUCTIVE, true, ApprovalAction.MAINTENANCE_DEACTIVATE),
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

  /** What carrying out an action can do. */
  public enum Effect {
    /** Changes nothing: not the manager, not the bot's own state. */
    READ,
    /** Changes something that can be undone or added to (a new snapshot, a vote, a cancel). */
    WRITE,
    /** Can lose data or take a manager out of service: needs an approval. */
    DESTRUCTIVE
  }

  private final Effect effect;
  private final boolean talksToManager;
  private final ApprovalAction approvalKey;

  ActionKind(Effect effect, boolean talksToManager) {
    this(effect, talksToManager, null);
  }

  ActionKind(Effect effect, boolean talksToManager, ApprovalAction approvalKey) {
    if (effect == Effect.DESTRUCTIVE && approvalKey == null) {
      throw new IllegalArgumentException(name() + " is destructive but names no approval action");
    }
    this.effect = effect;
    this.talksToManager = talksToManager;
    this.approvalKey = approvalKey;
  }

  /** What the action can do. */
  public Effect effect() {
    return effect;
  }

  /**
   * The approval action that gates this kind: present for every {@link Effect#DESTRUCTIVE} kind,
   * and for {@link #UPLOAD}, which is gated only when it replaces an existing snapshot id.
   */
  public Optional<ApprovalAction> approvalKey() {
    return Optional.ofNullable(approvalKey);
  }

  /**
   * {@code effect() == DESTRUCTIVE}: actions that can lose data or take a manager out of service
   * (restore, delete, maintenance activate/deactivate); these need an approval. {@link #UPLOAD}
   * answers false here because only the caller knows whether the id already exists.
   */
  public boolean isDestructive() {
    return effect == Effect.DESTRUCTIVE;
  }

  /** {@code effect() == READ}: the action changes nothing, not the manager, not the bot's own state. */
  public boolean isReadOnly() {
    return effect == Effect.READ;
  }

  /** True if carrying it out calls a Cloudify manager (so {@code -m} matters). */
  public boolean talksToManager() {
    return talksToManager;
  }
}
