package io.cfychatops.chat;

import java.util.Optional;

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
   * A typed confirmation submitted in a form a {@link Responder#askConfirmation} opened. Runs on
   * the transport's request thread and returns quickly (one store transaction; chat calls follow
   * off the thread): the reason to show next to the field when it is refused (nothing was counted),
   * or empty when it was accepted (answers then come through {@code responder}).
   */
  default Optional<String> onConfirmation(
      ActionInvocation action, String typed, Responder responder) {
    return Optional.of("Typed confirmations are not taken here; nothing was counted.");
  }

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
