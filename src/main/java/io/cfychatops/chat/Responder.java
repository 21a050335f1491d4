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
}
