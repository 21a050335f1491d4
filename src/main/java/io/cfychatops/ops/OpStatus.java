package io.cfychatops.ops;

/** Lifecycle of an operation. Only {@link #RUNNING} is unfinished. */
public enum OpStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  /**
   * Completed with problems: every step ran, but one found something wrong in the result (a restore
   * whose receipt found missing entities or per-entity errors). Final; never shown as succeeded.
   */
  PARTIAL;

  public boolean isFinal() {
    return this != RUNNING;
  }
}
