package io.cfychatops.ops;

import io.cfychatops.cloudify.SnapshotId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An approved request to run an operation.
 *
 * <p>Params by kind: {@code snapshot} (all snapshot kinds); RESTORE: {@code safety}
 * ("false" to skip the safety snapshot), {@code encodingAlphabetCopied} ("true" when the
 * requester confirmed the cluster step); UPLOAD: {@code archive} (path) or {@code url}, and
 * {@code sourceManager} for a stored archive of another manager.
 *
 * @param incident null (default channel), {@code new} (open {@code inc-restore-<manager>-<date>}),
 *     or a channel id/name
 */
public record OperationRequest(
    OpKind kind,
    String manager,
    Map<String, String> params,
    String requester,
    List<String> approvers,
    String incident) {

  public OperationRequest {
    Objects.requireNonNull(kind, "kind");
    if (manager == null || manager.isBlank()) {
      throw new IllegalArgumentException("manager is required");
    }
    params = Map.copyOf(params == null ? Map.of() : params);
    approvers = List.copyOf(approvers == null ? List.of() : approvers);
    requester = requester == null ? "" : requester;
    boolean needsSnapshot = kind != OpKind.MAINTENANCE_ON && kind != OpKind.MAINTENANCE_OFF;
    String snap = params.get("snapshot");
    if (needsSnapshot) {
      SnapshotId.require(snap);
    }
    if (kind == OpKind.UPLOAD && params.get("archive") == null && params.get("url") == null) {
      throw new IllegalArgumentException("upload needs `archive` (a stored file) or `url`");
    }
  }

  public static OperationRequest of(OpKind kind, String manager, String snapshot, String requester) {
    return new OperationRequest(kind, manager,
        snapshot == null ? Map.of() : Map.of("snapshot", snapshot), requester, List.of(), null);
  }
}
