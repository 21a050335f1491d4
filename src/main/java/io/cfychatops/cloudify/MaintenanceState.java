package io.cfychatops.cloudify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Maintenance-mode state ({@code GET /maintenance}).
 *
 * <p>Activation is asynchronous: activate may answer {@link MaintenanceStatus#ACTIVATING}, and the
 * manager flips to {@link MaintenanceStatus#ACTIVATED} only when a later request (such as {@code
 * GET /maintenance}) finds no running executions. Queued and scheduled executions count as running,
 * so it can stay activating indefinitely. Polling {@link CloudifyClient#getMaintenance()} until
 * {@link #isActivated()} (with a timeout) is the caller's job.
 *
 * @param activatedAt null when not activated (the server sends {@code ""} or null)
 * @param remainingExecutions filled only while activating; never null
 */
public record MaintenanceState(
    MaintenanceStatus status,
    Instant activatedAt,
    Instant activationRequestedAt,
    String requestedBy,
    List<RemainingExecution> remainingExecutions) {

  public MaintenanceState {
    status = status == null ? MaintenanceStatus.UNKNOWN : status;
    remainingExecutions =
        remainingExecutions == null ? List.of() : List.copyOf(remainingExecutions);
  }

  public boolean isActivated() {
    return status == MaintenanceStatus.ACTIVATED;
  }

  /**
   * The remaining executions that have not ended, judged by {@link ExecutionStatus#isTerminal()}
   * here rather than trusting the manager's list (which can name one that already ended).
   */
  public List<RemainingExecution> unfinishedExecutions() {
    return remainingExecutions.stream().filter(e -> !e.status().isTerminal()).toList();
  }

  /** An execution that keeps maintenance mode in {@code activating}. */
  public record RemainingExecution(
      String id, ExecutionStatus status, String deploymentId, String workflowId) {
    public RemainingExecution {
      Objects.requireNonNull(id, "id");
      status = status == null ? ExecutionStatus.UNKNOWN : status;
    }
  }
}
