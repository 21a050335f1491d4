package io.cfychatops.cloudify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot row. {@code id} is a plain string because uploads are not validated by the server, so
 * a listing may contain ids that {@link SnapshotId} would reject; use {@link #snapshotId()}.
 *
 * @param createdAt null only if the server sent none
 * @param error {@code ""} unless failed; never null here
 */
public record Snapshot(
    String id,
    Instant createdAt,
    SnapshotStatus status,
    String error,
    String visibility,
    String tenantName,
    String createdBy) {

  public Snapshot {
    Objects.requireNonNull(id, "id");
    status = status == null ? SnapshotStatus.UNKNOWN : status;
    error = error == null ? "" : error;
  }

  /** The id as a validated {@link SnapshotId}, or empty when it does not follow the id rule. */
  public Optional<SnapshotId> snapshotId() {
    return SnapshotId.tryParse(id);
  }

  public boolean isRestorable() {
    return status.isRestorable();
  }

  public boolean isTerminal() {
    return status.isTerminal();
  }
}
