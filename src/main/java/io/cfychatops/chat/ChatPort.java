package io.cfychatops.chat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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

  /**
   * Members (user ids) of a user group given by id ({@code S123}) or handle ({@code ops-oncall}).
   */
  Set<String> userGroupMembers(String groupIdOrHandle);

  /**
   * Has the transport post {@code message} in {@code channel} at {@code postAt}, even if this
   * process is gone by then; mentions render as in {@link #post}. Nothing else is attached (on
   * Slack no {@code metadata}: a known Slack bug drops scheduled messages that carry it).
   *
   * @return the scheduled message as the transport recorded it (its id, channel id, time)
   * @throws ChatException e.g. {@code time_in_past}, {@code time_too_far} (Slack: more than 120
   *     days ahead), {@code restricted_too_many} (Slack: more than 30 per 5 minutes in a channel),
   *     {@code ratelimited} with {@link ChatException#retryAfterSeconds()}; {@code not_supported}
   *     from transports that cannot schedule (the default)
   */
  default ScheduledMessage scheduleMessage(String channel, Message message, Instant postAt) {
    throw notSupported("scheduleMessage");
  }

  /**
   * Cancels a scheduled message. Idempotent.
   *
   * @return true when this call cancelled it; false when the transport no longer has it scheduled
   *     (already posted or already deleted: Slack's {@code invalid_scheduled_message_id})
   * @throws ChatException any other failure (the message may still be scheduled)
   */
  default boolean deleteScheduledMessage(String channel, String scheduledMessageId) {
    throw notSupported("deleteScheduledMessage");
  }

  /**
   * The messages this app has scheduled in {@code channel} and not yet posted or deleted (all
   * pages; bounded by the implementation).
   */
  default List<ScheduledMessage> scheduledMessages(String channel) {
    throw notSupported("scheduledMessages");
  }

  /**
   * Uploads a file and shares it in {@code channel}, in the thread of {@code threadTs} when given
   * (Slack: files upload v2, scope {@code files:write}).
   *
   * @throws ChatException {@code not_supported} from transports without files (the default; the
   *     caller then shows the content instead), or the transport's error
   */
  default void uploadFile(
      String channel, @Nullable String threadTs, String fileName, String title, byte[] content) {
    throw notSupported("uploadFile");
  }

  private static ChatException notSupported(String what) {
    return new ChatException("not_supported", "This chat transport cannot " + what);
  }
}
