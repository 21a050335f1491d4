package io.cfychatops.chat;

import java.util.List;
import java.util.Set;

/**
 * What the core needs from a chat transport. Implementations: Slack Web API, console text.
 *
 * <p>Every method may throw {@link ChatException}; none blocks for long (implementations apply
 * their own timeouts). Channel arguments are channel ids ({@code C123}) or, where a transport
 * allows, names ({@code #ops}).
 */
public interface ChatPort {

  /** Posts a message visible to the channel; returns where it lives for later edits. */
  MessageRef post(String channel, Message message);

  /** Replaces a posted message in place. */
  void update(MessageRef ref, Message message);

  /** Posts a reply in the thread of {@code parent}. */
  MessageRef reply(MessageRef parent, Message message);

  /** Posts a message only {@code userId} sees, in {@code channel}. */
  void ephemeral(String channel, String userId, Message message);

  /**
   * Creates a channel named {@code name} (or reuses it when it exists) and invites {@code userIds};
   * returns the channel id.
   */
  String openChannel(String name, List<String> userIds);

  /** Members (user ids) of a user group given by id ({@code S123}) or handle ({@code ops-oncall}). */
  Set<String> userGroupMembers(String groupIdOrHandle);
}
