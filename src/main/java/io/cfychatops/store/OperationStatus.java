package io.cfychatops.store;

/** Lifecycle of a durable operation: PENDING → RUNNING → SUCCEEDED | FAILED | CANCELLED. */
public enum OperationStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** True when nothing more will happen to the operation. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
