package io.cfychatops.backup;

import java.time.Instant;
import java.util.Objects;

/**
 * One run of one manager's backup as the run log keeps it. {@code slot} is the cron slot for
 * scheduled and catch-up runs and the start instant for manual runs; {@code (manager, slot)} is
 * unique.
 */
public record RunRecord(
    String manager,
    Instant slot,
    Kind kind,
    String owner,
    Instant startedAt,
    Instant finishedAt,
    Outcome outcome,
    String snapshotId,
    String detail) {

  public RunRecord {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
    detail = detail == null ? "" : detail;
  }

  /** Why a run started. */
  public enum Kind {
    SCHEDULED,
    CATCH_UP,
    MANUAL;

    /** The value stored in the run log. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Where a run ended. */
  public enum Outcome {
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean isFinal() {
      return this != RUNNING;
    }

    /** The report's history character: ✅, ❌, or ⏳ while running. */
    public String symbol() {
      return switch (this) {
        case SUCCEEDED -> "✅";
        case FAILED -> "❌";
        case RUNNING -> "⏳";
      };
    }
  }
}
