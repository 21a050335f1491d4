package io.cfychatops.cloudify;

import java.util.Arrays;
import java.util.Locale;

/**
 * Execution status ({@code execution.status}). Only {@link #TERMINATED}, {@link #FAILED} and {@link
 * #CANCELLED} are final. {@link #QUEUED} and {@link #SCHEDULED} are waiting, not running.
 */
public enum ExecutionStatus {
  PENDING,
  STARTED,
  CANCELLING,
  FORCE_CANCELLING,
  KILL_CANCELLING,
  QUEUED,
  SCHEDULED,
  TERMINATED,
  FAILED,
  CANCELLED,
  /** A value this client does not know. Neither terminal, waiting nor active. */
  UNKNOWN;

  public boolean isTerminal() {
    return this == TERMINATED || this == FAILED || this == CANCELLED;
  }

  public boolean isWaiting() {
    return this == QUEUED || this == SCHEDULED;
  }

  /** In progress: pending, started or one of the cancelling states. */
  public boolean isActive() {
    return switch (this) {
      case PENDING, STARTED, CANCELLING, FORCE_CANCELLING, KILL_CANCELLING -> true;
      default -> false;
    };
  }

  /**
   * Parses {@code status}, falling back to {@code status_display} (where {@code completed} means
   * {@link #TERMINATED}). Unknown values map to {@link #UNKNOWN}.
   */
  public static ExecutionStatus fromWire(String status, String statusDisplay) {
    ExecutionStatus parsed = parse(status);
    return parsed != UNKNOWN ? parsed : parse(statusDisplay);
  }

  public static ExecutionStatus fromWire(String status) {
    return fromWire(status, null);
  }

  private static ExecutionStatus parse(String wire) {
    if (wire == null || wire.isBlank()) {
      return UNKNOWN;
    }
    String s = wire.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    if (s.equals("completed")) {
      return TERMINATED;
    }
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The wire values of every known status that is not final (waiting and active ones): what a
   * {@code status} filter asks for to list unfinished executions.
   */
  public static String[] unfinishedWireValues() {
    return Arrays.stream(values())
        .filter(s -> s != UNKNOWN && !s.isTerminal())
        .map(ExecutionStatus::wireValue)
        .toArray(String[]::new);
  }
}
