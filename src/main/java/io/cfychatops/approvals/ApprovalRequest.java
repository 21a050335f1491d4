package io.cfychatops.approvals;

import io.cfychatops.access.Role;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.MessageRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A stored approval request (a snapshot of one row; re-read it after a transition).
 *
 * @param commandText the canonical {@code cfy ...} line that will run once approved
 * @param fingerprint {@link Fingerprint} of the target at request time
 * @param plan what will happen, one step a line ("maintenance mode on", "restore", ...)
 * @param snapshotId the snapshot involved, or null (maintenance actions)
 * @param snapshotCreatedAt the snapshot's {@code created_at} exactly as the manager reported it
 * @param statusReason why the request left {@code pending} ("approved by @ana, @bob"), or null
 * @param message where its card is posted, or null before it is posted
 * @param operationId the operation started from it, or null
 * @param version incremented by every status transition
 */
public record ApprovalRequest(
    String id,
    String manager,
    String tenant,
    String managerUrl,
    String action,
    String commandText,
    String fingerprint,
    ChatUser requester,
    String channel,
    String reason,
    List<String> plan,
    String snapshotId,
    String snapshotCreatedAt,
    String snapshotStatus,
    int requiredVotes,
    Set<Role> approverRoles,
    Set<String> approverGroups,
    ApprovalStatus status,
    String statusReason,
    Instant createdAt,
    Instant expiresAt,
    Instant decidedAt,
    MessageRef message,
    String operationId,
    long version) {

  public ApprovalRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    tenant = tenant == null ? "" : tenant;
    managerUrl = managerUrl == null ? "" : managerUrl;
    commandText = commandText == null ? "" : commandText;
    fingerprint = fingerprint == null ? "" : fingerprint;
    channel = channel == null ? "" : channel;
    plan = List.copyOf(plan == null ? List.of() : plan);
    approverRoles = Set.copyOf(approverRoles == null ? Set.of() : approverRoles);
    approverGroups = Set.copyOf(approverGroups == null ? Set.of() : approverGroups);
  }

  public boolean isPending() {
    return status == ApprovalStatus.PENDING;
  }

  /**
   * What a typed confirmation must repeat: the snapshot id, or the manager's name for a request
   * that names no snapshot (maintenance mode).
   */
  public String confirmationText() {
    return snapshotId == null || snapshotId.isEmpty() ? manager : snapshotId;
  }

  /** True when {@code user} is the one who asked. */
  public boolean isRequester(ChatUser user) {
    return requester.id().equals(user.id());
  }
}
