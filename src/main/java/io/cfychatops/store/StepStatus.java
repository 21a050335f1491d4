package io.cfychatops.store;

/** Lifecycle of one runbook step. A step row is RUNNING from the moment it starts. */
public enum StepStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED;

  public boolean isTerminal() {
    return this != RUNNING;
  }
}
