package io.cfychatops.approvals;

import java.util.Set;

/** Names of the actions that can be gated, and the ones gated by default. */
public final class ApprovalActions {
  public static final String RESTORE = "restore";
  public static final String DELETE = "delete";
  public static final String UPLOAD_OVER_EXISTING = "upload-over-existing";
  public static final String MAINTENANCE_ACTIVATE = "maintenance-activate";
  public static final String MAINTENANCE_DEACTIVATE = "maintenance-deactivate";

  /** Destructive or disruptive actions: they need approval unless configuration says otherwise. */
  public static final Set<String> REQUIRING_APPROVAL_BY_DEFAULT =
      Set.of(RESTORE, DELETE, UPLOAD_OVER_EXISTING, MAINTENANCE_ACTIVATE, MAINTENANCE_DEACTIVATE);

  private ApprovalActions() {}

  public static boolean requiresApprovalByDefault(String action) {
    return REQUIRING_APPROVAL_BY_DEFAULT.contains(action);
  }
}
