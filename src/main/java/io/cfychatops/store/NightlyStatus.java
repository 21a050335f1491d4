package io.cfychatops.store;

/** Outcome of one nightly backup slot. */
public enum NightlyStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED;

  public boolean isTerminal() {
    return this != RUNNING;
  }
}
