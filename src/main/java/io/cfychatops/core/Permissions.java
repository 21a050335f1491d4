package io.cfychatops.core;

import io.cfychatops.access.Role;
import io.cfychatops.command.ActionKind;

/** The role each action needs: read-only → viewer; changes → operator; audit → approver. */
public final class Permissions {
  private Permissions() {}

  public static Role required(ActionKind action) {
    return switch (action) {
      case LIST, STATUS, CLUSTER_STATUS, SNAPSHOTS_STATUS, MAINTENANCE_STATUS, OPS_LIST, OPS_SHOW,
          BACKUPS_STATUS, BACKUPS_HISTORY, BACKUPS_RETENTION, HELP -> Role.VIEWER;
      case CREATE, DOWNLOAD, UPLOAD, RESTORE, DELETE, MAINTENANCE_ACTIVATE, MAINTENANCE_DEACTIVATE,
          BACKUPS_RUN, OPS_CANCEL, CANCEL -> Role.OPERATOR;
      case AUDIT -> Role.APPROVER;
      case APPROVE, DENY -> Role.VIEWER; // the approval policy decides who may vote
    };
  }

  /** Words for "you need role X to …". */
  public static String verb(ActionKind action) {
    return switch (action) {
      case LIST -> "list snapshots";
      case STATUS, CLUSTER_STATUS, SNAPSHOTS_STATUS, MAINTENANCE_STATUS -> "read the manager's status";
      case CREATE -> "create snapshots";
      case DOWNLOAD -> "download snapshots";
      case UPLOAD -> "upload snapshots";
      case RESTORE -> "ask for a restore";
      case DELETE -> "ask to delete snapshots";
      case MAINTENANCE_ACTIVATE, MAINTENANCE_DEACTIVATE -> "ask for maintenance mode changes";
      case AUDIT -> "read the audit log";
      case OPS_LIST, OPS_SHOW -> "see operations";
      case OPS_CANCEL, CANCEL -> "cancel";
      case BACKUPS_STATUS, BACKUPS_HISTORY, BACKUPS_RETENTION -> "see backups";
      case BACKUPS_RUN -> "run a backup";
      case APPROVE, DENY -> "vote";
      case HELP -> "read help";
    };
  }
}
