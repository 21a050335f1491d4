package io.cfychatops.cloudify;

import java.time.Instant;
import java.util.Objects;

/**
 * Answer to a restore request (HTTP 200). The manager marshals the restore execution with the
 * snapshot field list, so only its id, status and creation time are known. A 200 does not mean the
 * restore will succeed: preconditions are checked inside the workflow, so poll the execution (it
 * may end {@code failed}) and {@link CloudifyClient#snapshotStatus()}.
 */
public record RestoreStarted(String executionId, ExecutionStatus status, Instant createdAt) {
  public RestoreStarted {
    Objects.requireNonNull(executionId, "executionId");
    status = status == null ? ExecutionStatus.UNKNOWN : status;
  }
}
