package io.cfychatops.backup;

import io.cfychatops.text.Truncate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one manager's run. On failure {@code failedStage} is one of {@code create}, {@code
 * wait}, {@code download}, {@code verify}, {@code catalog} and {@code error} says what went wrong;
 * size and checksum are set once the archive was stored.
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
    List<String> retentionProblems) {

  public ManagerRun {
    retentionDeleted = List.copyOf(retentionDeleted == null ? List.of() : retentionDeleted);
    retentionProblems = List.copyOf(retentionProblems == null ? List.of() : retentionProblems);
    error = error == null ? "" : error;
  }

  public String shaPrefix() {
    return Truncate.shaPrefix(sha256);
  }
}
