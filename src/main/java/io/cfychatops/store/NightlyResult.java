package io.cfychatops.store;

import java.util.Objects;

/** How a nightly run ended; every field but {@code status} may be null. */
public record NightlyResult(
    NightlyStatus status, String snapshotId, Long bytes, String sha256, boolean verified, String error) {
  public NightlyResult {
    Objects.requireNonNull(status, "status");
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("a result needs a terminal status, got " + status);
    }
  }

  public static NightlyResult succeeded(String snapshotId, long bytes, String sha256, boolean verified) {
    return new NightlyResult(NightlyStatus.SUCCEEDED, snapshotId, bytes, sha256, verified, null);
  }

  public static NightlyResult failed(String snapshotId, String error) {
    return new NightlyResult(NightlyStatus.FAILED, snapshotId, null, null, false, error);
  }

  public static NightlyResult skipped(String why) {
    return new NightlyResult(NightlyStatus.SKIPPED, null, null, null, false, why);
  }
}
