package io.cfychatops.command;

/**
 * Bails out of a parse with a user-facing message and the help topic to show with it; {@link
 * CommandParser#parse} turns it into a {@link ParseResult.ParseError}. No stack trace: it is flow
 * control, not an error of the bot.
 */
final class ParseFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The help topic to show with the message; null for the overview. */
  final String topic;

  private ParseFailure(String topic, String message) {
    super(message, null, false, false);
    this.topic = topic;
  }

  /**
   * A failure about {@code topic} (a command path or group; null: the overview) saying {@code
   * message}.
   */
  static ParseFailure fail(String topic, String message) {
    return new ParseFailure(topic, message);
  }
}
