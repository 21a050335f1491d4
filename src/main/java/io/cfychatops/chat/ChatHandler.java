package io.cfychatops.chat;

/**
 * The core as a transport sees it. Both calls return quickly: slow work is scheduled off the
 * caller's thread, and answers arrive through the {@link Responder} or the {@link ChatPort}.
 */
public interface ChatHandler {

  /** Handles a slash command ({@code /cfy ...}). */
  void onCommand(Invocation invocation, Responder responder);

  /** Handles a button click. */
  void onAction(ActionInvocation action, Responder responder);

  /**
   * False while the handler would refuse new work as busy. A transport may then say so in its
   * immediate acknowledgement instead of handing the work over and having a "busy" reply posted
   * separately (a second request per refused command, under exactly the load that makes it busy).
   * Advisory: {@link #onCommand} must still cope with being called when full.
   */
  default boolean accepting() {
    return true;
  }
}
