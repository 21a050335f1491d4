package io.cfychatops.cloudify;

/** How to cancel an execution ({@code POST /executions/<id>} body {@code action}). */
public enum CancelAction {
  /** Graceful; from pending, started or scheduled. */
  CANCEL("cancel"),
  /** Also from cancelling. */
  FORCE_CANCEL("force-cancel"),
  /** From any state. */
  KILL("kill");

  private final String wire;

  CancelAction(String wire) {
    this.wire = wire;
  }

  public String wireValue() {
    return wire;
  }
}
