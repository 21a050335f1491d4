package io.cfychatops.backup;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

  /** The current state of an execution. */
  ExecutionState execution(String executionId);

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

  /** An execution as far as polling cares. */
  record ExecutionState(String id, String status, String error) {
    private static final Set<String> END = Set.of("terminated", "completed", "failed", "cancelled");

    public ExecutionState {
      status = status == null ? "" : status.toLowerCase(Locale.ROOT);
      error = error == null ? "" : error;
    }

    /** Only terminated, failed and cancelled are final (cloudify-api.md §9.1). */
    public boolean isTerminal() {
      return END.contains(status);
    }

    /** Terminated (or displayed as completed) with an empty error. */
    public boolean succeeded() {
      return (status.equals("terminated") || status.equals("completed")) && error.isBlank();
    }
  }

  /** A snapshot row; {@code status} is creating, created, failed or uploaded. */
  record ManagerSnapshot(String id, String status, Instant createdAt, String error) {
    public ManagerSnapshot {
      status = status == null ? "" : status.toLowerCase(Locale.ROOT);
      error = error == null ? "" : error;
    }

    public boolean isUsable() {
      return status.equals("created") || status.equals("uploaded");
    }
  }

  /** What a download read: byte count and lowercase hex SHA-256. */
  record Download(long bytes, String sha256Hex) {}
}
