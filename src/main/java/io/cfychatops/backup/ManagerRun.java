package io.cfychatops.backup;

import io.cfychatops.text.Truncate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one manager's run. On failure {@code failedStage} is one of {@code create}, {@code
 * wait}, {@code download}, {@code verify}, {@code catalog} and {@code error} says what went wrong;
 * size and checksum are set once the archive was stored. {@code offsite} is the off-site copy's
 * outcome (null when off-site copies are not configured or the run did not reach that step).
 */
public record ManagerRun(
    String manager,
    String snapshotId,
    RunRecord.Kind kind,
    Instant slot,
    String slotLocalTime,
    boolean succeeded,
    String failedStage,
    String error,
    long sizeBytes,
    String sha256,
    boolean verified,
    Duration duration,
    Instant finishedAt,
    List<String> retentionDeleted,
    List<String> retentionProblems,
    @Nullable OffsiteState offsite) {

  /** A run without an off-site outcome (off-site copies not configured, or not reached). */
  public ManagerRun(
      String manager,
      String snapshotId,
      RunRecord.Kind kind,
      Instant slot,
      String slotLocalTime,
      boolean succeeded,
      String failedStage,
      String error,
      long sizeBytes,
      String sha256,
      boolean verified,
      Duration duration,
      Instant finishedAt,
      List<String> retentionDeleted,
      List<String> retentionProblems) {
    this(
        manager,
        snapshotId,
        kind,
        slot,
        slotLocalTime,
        succeeded,
        failedStage,
        error,
        sizeBytes,
        sha256,
        verified,
        duration,
        finishedAt,
        retentionDeleted,
        retentionProblems,
        null);
  }

  public ManagerRun {
    retentionDeleted = List.copyOf(retentionDeleted == null ? List.of() : retentionDeleted);
    retentionProblems = List.copyOf(retentionProblems == null ? List.of() : retentionProblems);
    error = error == null ? "" : error;
  }

  public String shaPrefix() {
    return Truncate.shaPrefix(sha256);
  }
}
