package io.cfychatops.chat;

import java.util.Objects;

/** Where a posted message lives, so it can be edited or replied to: channel id + timestamp. */
public record MessageRef(String channel, String ts) {
  public MessageRef {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(ts, "ts");
  }
}
