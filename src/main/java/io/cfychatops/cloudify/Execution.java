package io.cfychatops.cloudify;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution (workflow run). Execution {@code parameters} are deliberately <b>not</b> kept: for
 * snapshot workflows they contain the database password in clear text. Only top-level scalar
 * parameters whose names do not look secret are kept, in {@link #safeParameters()}; nested objects
 * (such as {@code config}) are dropped entirely.
 *
 * @param workflowId null when the server did not send one (restore responses)
 * @param error null or empty unless failed
 * @param startedAt null until started
 * @param endedAt null until in an end state
 */
public record Execution(
    String id,
    String workflowId,
    ExecutionStatus status,
    String error,
    Instant createdAt,
    Instant startedAt,
    Instant endedAt,
    boolean systemWorkflow,
    String deploymentId,
    String tenantName,
    String createdBy,
    Map<String, String> safeParameters) {

  public Execution {
    Objects.requireNonNull(id, "id");
    status = status == null ? ExecutionStatus.UNKNOWN : status;
    safeParameters = safeParameters == null ? Map.of() : Map.copyOf(safeParameters);
  }

  /** Success: {@code terminated} and a blank or null {@code error}. */
  public boolean succeeded() {
    return status == ExecutionStatus.TERMINATED && (error == null || error.isBlank());
  }

  public boolean isTerminal() {
    return status.isTerminal();
  }

  /** The {@code snapshot_id} parameter of snapshot workflows, if present. */
  public Optional<String> snapshotId() {
    return Optional.ofNullable(safeParameters.get("snapshot_id"));
  }
}
