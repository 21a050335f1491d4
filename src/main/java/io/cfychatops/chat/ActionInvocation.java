package io.cfychatops.chat;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One button click: who clicked which action with which value, on which message (may be null for
 * transports without message references, e.g. the console). {@code deliveryId} identifies the
 * delivery so that a transport's redelivery of the same click is recognised ({@link
 * DeliveryDedupe}); {@code ""} when the transport has none.
 */
public record ActionInvocation(
    ChatUser user,
    String channel,
    String actionId,
    String value,
    @Nullable MessageRef source,
    String deliveryId) {
  public ActionInvocation {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(actionId, "actionId");
    channel = channel == null ? "" : channel;
    value = value == null ? "" : value;
    deliveryId = deliveryId == null ? "" : deliveryId;
  }

  /** A click without a delivery id (it cannot be recognised as a redelivery). */
  public ActionInvocation(
      ChatUser user, String channel, String actionId, String value, @Nullable MessageRef source) {
    this(user, channel, actionId, value, source, "");
  }
}
