package io.cfychatops.backup;

import io.cfychatops.cloudify.Execution;
import io.cfychatops.cloudify.SnapshotStatus;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * The manager calls a nightly run needs, one instance per manager. The production adapter wraps
 * {@code cloudify.CloudifyClient}; tests and the benchmark use fakes or the simulator.
 *
 * <p>Every method may throw an unchecked exception for a transport failure or an error response;
 * its message is shown in the report, so it must not carry secrets.
 */
public interface BackupManagerApi {

  /** The manager's version, e.g. {@code 7.0.4}; recorded in the archive's sidecar. */
  String version();

  /** Starts {@code create_snapshot}; returns the execution id. */
  String createSnapshot(String snapshotId);

  /** The current state of an execution (its status is {@link io.cfychatops.cloudify.ExecutionStatus}). */
  Execution execution(String executionId);

  /** One snapshot row. */
  ManagerSnapshot snapshot(String snapshotId);

  /** Every snapshot on the manager (all pages). */
  List<ManagerSnapshot> listSnapshots();

  /** Deletes a snapshot; a snapshot that is already gone is not an error. */
  void deleteSnapshot(String snapshotId);

  /**
   * Streams the archive into {@code out} in constant memory; returns what was read. Does not close
   * {@code out}.
   */
  Download download(String snapshotId, OutputStream out);

  /** A snapshot row; whether it can be restored or downloaded is {@code status().isRestorable()}. */
  record ManagerSnapshot(String id, SnapshotStatus status, Instant createdAt, String error) {
    public ManagerSnapshot {
      status = status == null ? SnapshotStatus.UNKNOWN : status;
      error = error == null ? "" : error;
    }
  }

  /** What a download read: byte count and lowercase hex SHA-256. */
  record Download(long bytes, String sha256Hex) {}
}
