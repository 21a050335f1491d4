package io.cfychatops.core;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;

/**
 * The App Home tab as the transports ask for it: what {@code userId} sees, rebuilt on every open
 * and called off the transport's request thread. The bot's implementation is {@link HomeTab}.
 */
@FunctionalInterface
public interface AppHome {
  Message home(String userId);

  /** A minimal home tab for when the composition root supplies none. */
  AppHome DEFAULT =
      userId ->
          Message.builder(Status.OK, "cfy-chatops is running")
              .line("Type /cfy help in any channel to see what I can do.")
              .context("Backups, restores and maintenance mode for Cloudify Manager.")
              .build();
}
