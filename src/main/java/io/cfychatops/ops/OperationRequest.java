package io.cfychatops.ops;

import io.cfychatops.cloudify.SnapshotId;
import java.util.List;
import java.util.Objects;

/**
 * A request to run an operation: its typed {@link OperationSpec} and who asked.
 *
 * @param incident null (default channel), {@code new} (open {@code inc-restore-<manager>-<date>}),
 *     or a channel id/name
 * @param approval the approval this request runs under (its runbook re-checks it first), or null
 */
public record OperationRequest(
    OperationSpec spec,
    String manager,
    String requester,
    List<String> approvers,
    String incident,
    String approval) {

  public OperationRequest {
    Objects.requireNonNull(spec, "spec");
    if (manager == null || manager.isBlank()) {
      throw new IllegalArgumentException("manager is required");
    }
    approvers = List.copyOf(approvers == null ? List.of() : approvers);
    requester = requester == null ? "" : requester;
  }

  /** An unapproved request with no incident channel. */
  public static OperationRequest of(OperationSpec spec, String manager, String requester) {
    return new OperationRequest(spec, manager, requester, List.of(), null, null);
  }

  /** {@code kind} with its command's defaults; {@code snapshot} null for maintenance mode. */
  public static OperationRequest of(
      OpKind kind, String manager, String snapshot, String requester) {
    return of(
        OperationSpec.defaults(kind, snapshot == null ? null : SnapshotId.of(snapshot)),
        manager,
        requester);
  }

  public OpKind kind() {
    return spec.kind();
  }
}
