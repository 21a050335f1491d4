package io.cfychatops.ops;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Port to the approvals an operation runs under (implemented by the core). An approved operation's
 * first step, {@code approval-check}, asks it whether the approval still covers what will run: the
 * re-check happens inside the durable operation, so a transient manager error there is retried by
 * the engine (bounded, shown on the living message) instead of voiding the approval.
 */
@FunctionalInterface
public interface ApprovalGate {
  /** For an engine wired without approvals: every approved operation is refused. */
  ApprovalGate NONE =
      (approvalId, operationId, snapshots) ->
          new Verdict.Voided("this bot instance cannot check approvals");

  /**
   * Re-checks approval {@code approvalId} for operation {@code operationId} against the target as
   * it is now. {@code snapshots} reads a snapshot of the operation's manager (empty when it does
   * not exist); it throws {@link ManagerPort.ManagerCallException}, which the implementation lets
   * propagate (the engine retries transient failures). A {@link Verdict.Voided} verdict means the
   * approval was superseded (or could not be used) and nothing may run.
   */
  Verdict recheck(
      String approvalId,
      String operationId,
      Function<String, Optional<ManagerPort.SnapshotInfo>> snapshots);

  /** The answer of {@link #recheck}. */
  sealed interface Verdict {
    /** The approval still covers the operation; {@code detail} says what was compared. */
    record Holds(String detail) implements Verdict {
      public Holds {
        Objects.requireNonNull(detail, "detail");
      }
    }

    /** The approval is void; {@code reason} says why (e.g. what changed). */
    record Voided(String reason) implements Verdict {
      public Voided {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }
}
