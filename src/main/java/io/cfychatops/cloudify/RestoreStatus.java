package io.cfychatops.cloudify;

/** Result of {@code GET /snapshot-status}: is a snapshot restore in progress on the manager? */
public enum RestoreStatus {
  RUNNING,
  NOT_RUNNING;

  /** Parses {@code running} / {@code not-running}; anything else is rejected. */
  public static RestoreStatus fromWire(String wire) {
    if ("running".equals(wire)) {
      return RUNNING;
    }
    if ("not-running".equals(wire)) {
      return NOT_RUNNING;
    }
    throw new IllegalArgumentException("Unknown snapshot-status value `" + wire + "`");
  }
}
