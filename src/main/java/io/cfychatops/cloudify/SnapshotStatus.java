package io.cfychatops.cloudify;

import java.util.Locale;

/** Status of a snapshot row ({@code snapshot.status}). */
public enum SnapshotStatus {
  CREATING,
  CREATED,
  FAILED,
  UPLOADED,
  /** A value this client does not know; treated as neither terminal nor restorable. */
  UNKNOWN;

  /** {@code created}, {@code failed} and {@code uploaded} are end states. */
  public boolean isTerminal() {
    return this == CREATED || this == FAILED || this == UPLOADED;
  }

  /** Only created or uploaded snapshots can be restored or downloaded. */
  public boolean isRestorable() {
    return this == CREATED || this == UPLOADED;
  }

  /** Parses the wire value; unknown or missing values map to {@link #UNKNOWN}. */
  public static SnapshotStatus fromWire(String wire) {
    if (wire == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(wire.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
