package io.cfychatops.drill;

/** How a drill ended ({@link #RUNNING} until it does). */
public enum DrillVerdict {
  RUNNING,
  SUCCESSFUL,
  FAILED,
  TIMED_OUT;

  public boolean isFinal() {
    return this != RUNNING;
  }
}
