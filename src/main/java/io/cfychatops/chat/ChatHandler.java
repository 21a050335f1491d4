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
}
