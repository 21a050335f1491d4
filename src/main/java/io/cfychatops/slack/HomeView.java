package io.cfychatops.slack;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;

/** What the App Home tab shows to {@code userId}; called off the request thread on every open. */
@FunctionalInterface
public interface HomeView {
  Message home(String userId);

  /** A minimal home tab for when the composition root supplies none. */
  HomeView DEFAULT = userId -> Message.builder(Status.OK, "cfy-chatops is running")
      .line("Type /cfy help in any channel to see what I can do.")
      .context("Backups, restores and maintenance mode for Cloudify Manager.")
      .build();
}
