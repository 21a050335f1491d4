package io.cfychatops.ops;

/** Lifecycle of an operation. Only {@link #RUNNING} is unfinished. */
public enum OpStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this != RUNNING;
  }
}
