package io.cfychatops.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * When the REST backend is down while nginx stays up (§8.1): a window after each restore request,
 * and windows started by hand ({@link CloudifySimulator#outageFor}). Guarded by {@link SimState}.
 */
final class Outages {
  private Instant restoreStart;
  private Instant restoreEnd;
  private OutageMode restoreMode;
  private Instant manualEnd;
  private OutageMode manualMode;

  void manual(Instant now, Duration d, OutageMode mode) {
    manualEnd = now.plus(d);
    manualMode = mode;
  }

  void afterRestore(Instant start, Duration d, OutageMode mode) {
    restoreStart = start;
    restoreEnd = start.plus(d);
    restoreMode = mode;
  }

  /** The outage in force at {@code now}, or {@code null}. */
  OutageMode at(Instant now) {
    if (manualEnd != null && now.isBefore(manualEnd)) {
      return manualMode;
    }
    if (restoreStart != null && !now.isBefore(restoreStart) && now.isBefore(restoreEnd)) {
      return restoreMode;
    }
    return null;
  }
}
