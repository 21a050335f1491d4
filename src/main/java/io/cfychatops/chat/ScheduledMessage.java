package io.cfychatops.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A message the transport will post by itself at {@code postAt} (Slack: {@code
 * chat.scheduleMessage}), as the transport reports it.
 *
 * @param id the transport's id ({@code Q…} on Slack), needed to delete it
 * @param channel where it will be posted, as the transport names it (a channel id on Slack, even
 *     when it was scheduled by name)
 * @param postAt when it will be posted (whole seconds on Slack)
 * @param createdAt when it was scheduled; null when the transport does not say
 * @param text its plain-text ({@code text}) part, used to recognise our own messages again; may be
 *     empty, never null
 */
public record ScheduledMessage(
    String id, String channel, Instant postAt, Instant createdAt, String text) {
  public ScheduledMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(postAt, "postAt");
    text = text == null ? "" : text;
  }
}
