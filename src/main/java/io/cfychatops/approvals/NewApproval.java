package io.cfychatops.approvals;

import io.cfychatops.chat.ChatUser;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ApprovalService#open} needs. The fingerprint is computed from these fields by the
 * service ({@link Fingerprint#of}), so it can never disagree with what the card shows.
 *
 * @param commandText the canonical {@code cfy ...} line
 * @param plan the steps that will run, one a line
 * @param snapshotId null for actions without a snapshot
 * @param snapshotCreatedAt the snapshot's {@code created_at} verbatim from the manager, or null
 * @param snapshotStatus the snapshot's status (e.g. {@code created}), or null
 * @param policy the resolved policy ({@link PolicyBook#resolve}); must require approval
 */
public record NewApproval(
    String manager,
    String tenant,
    String managerUrl,
    String action,
    String commandText,
    ChatUser requester,
    String channel,
    String reason,
    List<String> plan,
    String snapshotId,
    String snapshotCreatedAt,
    String snapshotStatus,
    ApprovalPolicy policy) {
  public NewApproval {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(commandText, "commandText");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(policy, "policy");
    tenant = tenant == null ? "" : tenant;
    managerUrl = managerUrl == null ? "" : managerUrl;
    channel = channel == null ? "" : channel;
    reason = reason == null || reason.isBlank() ? null : reason.strip();
    plan = List.copyOf(plan == null ? List.of() : plan);
  }

  public String fingerprint() {
    return Fingerprint.of(managerUrl, tenant, commandText, snapshotCreatedAt, snapshotStatus);
  }
}
