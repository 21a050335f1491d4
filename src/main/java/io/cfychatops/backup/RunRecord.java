package io.cfychatops.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One run of one manager's backup as the run log keeps it. {@code slot} is the cron slot for
 * scheduled and catch-up runs and the start instant for manual runs; {@code (manager, slot)} is
 * unique. A run is claimed ({@link #claim}, {@link Outcome#RUNNING}) and then ended once ({@link
 * #succeeded}, {@link #failed}); the fields after {@code outcome} describe the end and are empty
 * while it runs.
 *
 * @param owner the instance that claimed the run (host or pod name)
 * @param operationId the durable operation that runs it, when one does
 * @param snapshotId the snapshot the run created (also on failure, once it was named)
 * @param detail why it failed ("stage: error"); empty otherwise
 * @param bytes the stored archive's size, once one was stored
 * @param sha256 the stored archive's SHA-256 (lowercase hex), once one was stored
 * @param verified whether the stored copy passed verification
 * @param duration how long the run worked, from its start to its end
 */
public record RunRecord(
    String manager,
    Instant slot,
    Kind kind,
    String owner,
    Instant startedAt,
    @Nullable String operationId,
    Outcome outcome,
    @Nullable Instant finishedAt,
    @Nullable String snapshotId,
    String detail,
    @Nullable Long bytes,
    @Nullable String sha256,
    boolean verified,
    @Nullable Duration duration) {

  public RunRecord {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(outcome, "outcome");
    owner = owner == null ? "" : owner;
    detail = detail == null ? "" : detail;
  }

  /** A {@link Outcome#RUNNING} record: what {@link NightlyRunLog#tryClaim} inserts. */
  public static RunRecord claim(
      String manager, Instant slot, Kind kind, String owner, Instant startedAt) {
    return new RunRecord(
        manager,
        slot,
        kind,
        owner,
        startedAt,
        null,
        Outcome.RUNNING,
        null,
        null,
        "",
        null,
        null,
        false,
        null);
  }

  /** This run ended well at {@code at}: what {@link NightlyRunLog#finish} records. */
  public RunRecord succeeded(
      Instant at,
      String snapshotId,
      long bytes,
      String sha256,
      boolean verified,
      Duration duration) {
    return new RunRecord(
        manager,
        slot,
        kind,
        owner,
        startedAt,
        operationId,
        Outcome.SUCCEEDED,
        at,
        snapshotId,
        "",
        bytes,
        sha256,
        verified,
        duration);
  }

  /**
   * This run failed at {@code at}; {@code bytes} and {@code sha256} are those of the copy it
   * stored, if it got that far.
   */
  public RunRecord failed(
      Instant at,
      @Nullable String snapshotId,
      String detail,
      @Nullable Long bytes,
      @Nullable String sha256,
      Duration duration) {
    return new RunRecord(
        manager,
        slot,
        kind,
        owner,
        startedAt,
        operationId,
        Outcome.FAILED,
        at,
        snapshotId,
        detail,
        bytes,
        sha256,
        false,
        duration);
  }

  /** Why a run started. */
  public enum Kind {
    SCHEDULED,
    CATCH_UP,
    MANUAL;

    /** How the history shows it. */
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
