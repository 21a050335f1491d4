package io.cfychatops.chat;

/**
 * Answers one incoming command or click. For Slack a slash command's ephemeral answers go through
 * its {@code response_url}; public posts go to the channel it came from.
 */
public interface Responder {

  /** A reply only the requester sees (help, errors, lists). */
  void ephemeral(Message message);

  /** A message the whole channel sees (operations, approval requests); returns its reference. */
  MessageRef inChannel(Message message);

  /** Replaces the message that carried the clicked button, when there is one. */
  default void replaceSource(Message message) {
    ephemeral(message);
  }

  /**
   * Asks the user who clicked to type a confirmation in a form (Slack: {@code views.open} with the
   * click's {@code trigger_id}, which Slack honours for 3 seconds). Returns true when the form was
   * shown; its submission arrives at {@link ChatHandler#onConfirmation}. False when this transport
   * or this answer cannot show one (the console, a slash command, a click without a trigger).
   */
  default boolean askConfirmation(ConfirmationPrompt prompt) {
    return false;
  }
}
