package io.cfychatops.chat;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One button click: who clicked which action with which value, on which message (may be null for
 * transports without message references, e.g. the console).
 */
public record ActionInvocation(
    ChatUser user, String channel, String actionId, String value, @Nullable MessageRef source) {
  public ActionInvocation {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(actionId, "actionId");
    channel = channel == null ? "" : channel;
    value = value == null ? "" : value;
  }
}
