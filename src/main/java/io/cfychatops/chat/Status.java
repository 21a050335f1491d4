package io.cfychatops.chat;

/** The state a message reports; renderers map it to an emoji (Slack) or a tag (console). */
public enum Status {
  INFO(":information_source:", "[info]"),
  OK(":white_check_mark:", "[ok]"),
  RUNNING(":hourglass_flowing_sand:", "[..]"),
  PENDING(":raised_hand:", "[pending]"),
  WARNING(":warning:", "[warn]"),
  FAILED(":x:", "[FAILED]");

  private final String emoji;
  private final String tag;

  Status(String emoji, String tag) {
    this.emoji = emoji;
    this.tag = tag;
  }

  /** Slack emoji short code, e.g. {@code :x:}. */
  public String emoji() {
    return emoji;
  }

  /** Short textual tag for text transports, e.g. {@code [FAILED]}. */
  public String tag() {
    return tag;
  }

  /** True when the message reports an end state (success or failure), not progress. */
  public boolean isFinal() {
    return this == OK || this == FAILED;
  }
}
