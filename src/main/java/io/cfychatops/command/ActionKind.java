package io.cfychatops.command;

import io.cfychatops.access.Role;
import io.cfychatops.approvals.ApprovalAction;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a {@link Command} is, one constant per command record, in help order: its path (written only
 * here), its record type, what it can change ({@link #effect()}), whether it calls a manager, the
 * role it needs ({@link #requiredRole()}) with the words for a refusal ({@link #verb()}), and the
 * approval action that gates it ({@link #approvalKey()}). This is the one place that says which
 * actions are destructive and who may run what; adding a command without saying so does not
 * compile.
 */
public enum ActionKind {
  LIST(
      "snapshots list",
      SnapshotCommand.List.class,
      Effect.READ,
      true,
      Role.VIEWER,
      "list snapshots"),
  CREATE(
      "snapshots create",
      SnapshotCommand.Create.class,
      Effect.WRITE,
      true,
      Role.OPERATOR,
      "create snapshots"),
  DOWNLOAD(
      "snapshots download",
      SnapshotCommand.Download.class,
      Effect.WRITE,
      true,
      Role.OPERATOR,
      "download snapshots"),
  /**
   * Destructive only when it overwrites an existing snapshot id; only the caller knows (after
   * reading the target), so it is a write here whose {@link #approvalKey()} applies in that case.
   */
  UPLOAD(
      "snapshots upload",
      SnapshotCommand.Upload.class,
      Effect.WRITE,
      true,
      Role.OPERATOR,
      "upload snapshots",
      ApprovalAction.UPLOAD_OVER_EXISTING),
  RESTORE(
      "snapshots restore",
      SnapshotCommand.Restore.class,
      Effect.DESTRUCTIVE,
      true,
      Role.OPERATOR,
      "ask for a restore",
      ApprovalAction.RESTORE),
  DELETE(
      "snapshots delete",
      SnapshotCommand.Delete.class,
      Effect.DESTRUCTIVE,
      true,
      Role.OPERATOR,
      "ask to delete snapshots",
      ApprovalAction.DELETE),
  SNAPSHOTS_STATUS(
      "snapshots status",
      SnapshotCommand.Status.class,
      Effect.READ,
      true,
      Role.VIEWER,
      "read the manager's status"),
  MAINTENANCE_STATUS(
      "maintenance-mode status",
      MaintenanceCommand.Status.class,
      Effect.READ,
      true,
      Role.VIEWER,
      "read the manager's status"),
  MAINTENANCE_ACTIVATE(
      "maintenance-mode activate",
      MaintenanceCommand.Activate.class,
      Effect.DESTRUCTIVE,
      true,
      Role.OPERATOR,
      "ask for maintenance mode changes",
      ApprovalAction.MAINTENANCE_ACTIVATE),
  /**
   * Destructive too: it releases every queued execution at once (see {@link
   * ApprovalAction#MAINTENANCE_DEACTIVATE}).
   */
  MAINTENANCE_DEACTIVATE(
      "maintenance-mode deactivate",
      MaintenanceCommand.Deactivate.class,
      Effect.DESTRUCTIVE,
      true,
      Role.OPERATOR,
      "ask for maintenance mode changes",
      ApprovalAction.MAINTENANCE_DEACTIVATE),
  STATUS(
      "status",
      ManagerCommand.Status.class,
      Effect.READ,
      true,
      Role.VIEWER,
      "read the manager's status"),
  CLUSTER_STATUS(
      "cluster status",
      ManagerCommand.ClusterStatus.class,
      Effect.READ,
      true,
      Role.VIEWER,
      "read the manager's status"),
  HELP("help", BotCommand.Help.class, Effect.READ, false, Role.VIEWER, "read help"),
  AUDIT("audit", BotCommand.Audit.class, Effect.READ, false, Role.APPROVER, "read the audit log"),
  /** Anyone may type a vote: the request's approval policy decides whose vote counts. */
  APPROVE("approve", ApprovalCommand.Approve.class, Effect.WRITE, false, Role.VIEWER, "vote"),
  /** As {@link #APPROVE}. */
  DENY("deny", ApprovalCommand.Deny.class, Effect.WRITE, false, Role.VIEWER, "vote"),
  /** The requester (or an admin) cancels a request: the approval service decides, not the role. */
  CANCEL("cancel", ApprovalCommand.Cancel.class, Effect.WRITE, false, Role.OPERATOR, "cancel"),
  OPS_LIST("ops list", OpsCommand.List.class, Effect.READ, false, Role.VIEWER, "see operations"),
  OPS_SHOW("ops show", OpsCommand.Show.class, Effect.READ, false, Role.VIEWER, "see operations"),
  /** Checked on the operation's own manager; the operation's requester may always cancel it. */
  OPS_CANCEL(
      "ops cancel",
      OpsCommand.Cancel.class,
      Effect.WRITE,
      false,
      Role.OPERATOR,
      "cancel its operations"),
  BACKUPS_STATUS(
      "backups status",
      BackupsCommand.Status.class,
      Effect.READ,
      false,
      Role.VIEWER,
      "see backups"),
  BACKUPS_HISTORY(
      "backups history",
      BackupsCommand.History.class,
      Effect.READ,
      false,
      Role.VIEWER,
      "see backups"),
  BACKUPS_RUN(
      "backups run", BackupsCommand.Run.class, Effect.WRITE, true, Role.OPERATOR, "run a backup"),
  BACKUPS_RETENTION(
      "backups retention",
      BackupsCommand.Retention.class,
      Effect.READ,
      false,
      Role.VIEWER,
      "see backups"),
  /** Restores onto the manager's scratch manager only (never the manager itself): no approval. */
  DRILLS_RUN(
      "drills run", DrillsCommand.Run.class, Effect.WRITE, true, Role.OPERATOR, "run a drill"),
  DRILLS_HISTORY(
      "drills history", DrillsCommand.History.class, Effect.READ, false, Role.VIEWER, "see drills");

  /** What carrying out an action can do. */
  public enum Effect {
    /** Changes nothing: not the manager, not the bot's own state. */
    READ,
    /** Changes something that can be undone or added to (a new snapshot, a vote, a cancel). */
    WRITE,
    /** Can lose data or take a manager out of service: needs an approval. */
    DESTRUCTIVE
  }

  private static final Map<String, ActionKind> BY_PATH =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(ActionKind::path, Function.identity()));
  private static final Map<Class<?>, ActionKind> BY_TYPE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(ActionKind::commandType, Function.identity()));

  private final String path;
  private final Class<? extends Command> commandType;
  private final Effect effect;
  private final boolean talksToManager;
  private final Role requiredRole;
  private final String verb;
  private final ApprovalAction approvalKey;

  ActionKind(
      String path,
      Class<? extends Command> commandType,
      Effect effect,
      boolean talksToManager,
      Role requiredRole,
      String verb) {
    this(path, commandType, effect, talksToManager, requiredRole, verb, null);
  }

  ActionKind(
      String path,
      Class<? extends Command> commandType,
      Effect effect,
      boolean talksToManager,
      Role requiredRole,
      String verb,
      ApprovalAction approvalKey) {
    if (effect == Effect.DESTRUCTIVE && approvalKey == null) {
      throw new IllegalArgumentException(name() + " is destructive but names no approval action");
    }
    if (effect != Effect.READ && requiredRole == Role.VIEWER && talksToManager) {
      throw new IllegalArgumentException(name() + " changes a manager but a viewer may run it");
    }
    this.path = path;
    this.commandType = commandType;
    this.effect = effect;
    this.talksToManager = talksToManager;
    this.requiredRole = requiredRole;
    this.verb = verb;
    this.approvalKey = approvalKey;
  }

  /** The command path as typed after {@code cfy}, e.g. {@code "snapshots restore"}. */
  public String path() {
    return path;
  }

  /** The command record this kind describes. */
  public Class<? extends Command> commandType() {
    return commandType;
  }

  /** The kind whose {@link #path()} is {@code path}, if any. */
  public static Optional<ActionKind> forPath(String path) {
    return Optional.ofNullable(BY_PATH.get(path));
  }

  /**
   * The kind of a command record type.
   *
   * @throws IllegalStateException for a record no constant names (a programming error the wiring
   *     test catches)
   */
  public static ActionKind forType(Class<?> type) {
    ActionKind k = BY_TYPE.get(type);
    if (k == null) {
      throw new IllegalStateException("no ActionKind for " + type.getName());
    }
    return k;
  }

  /** What the action can do. */
  public Effect effect() {
    return effect;
  }

  /** The least role that may run this action on a manager (admin implies every role). */
  public Role requiredRole() {
    return requiredRole;
  }

  /**
   * Words for "you need the {@link #requiredRole()} role to …", e.g. {@code "ask for a restore"}.
   */
  public String verb() {
    return verb;
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

  /**
   * {@code effect() == READ}: the action changes nothing, not the manager, not the bot's own state.
   */
  public boolean isReadOnly() {
    return effect == Effect.READ;
  }

  /** True if carrying it out calls a Cloudify manager (so {@code -m} matters). */
  public boolean talksToManager() {
    return talksToManager;
  }
}
