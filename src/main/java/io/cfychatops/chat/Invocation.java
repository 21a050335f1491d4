package io.cfychatops.chat;

import java.util.Objects;

/**
 * One incoming slash command: who typed what, where. {@code deliveryId} identifies the delivery so
 * that transport retries (Slack's {@code X-Slack-Retry-Num}) are recognised and not run twice
 * ({@link DeliveryDedupe}); {@code ""} when the transport has none.
 */
public record Invocation(ChatUser user, String channel, String text, String deliveryId) {
  public Invocation {
    Objects.requireNonNull(user, "user");
    channel = channel == null ? "" : channel;
    text = text == null ? "" : text;
    deliveryId = deliveryId == null ? "" : deliveryId;
  }
}
