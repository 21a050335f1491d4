package io.cfychatops.app;

import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.ScheduledMessage;
import io.cfychatops.metrics.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Counts failed chat calls per method in the metrics, then rethrows: callers decide what matters.
 */
final class MeteredChatPort implements ChatPort {
  private final ChatPort delegate;
  private final Metrics metrics;

  MeteredChatPort(ChatPort delegate, Metrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  private <T> T counted(String method, Supplier<T> call) {
    try {
      return call.get();
    } catch (ChatException e) {
      metrics.slackCallFailed(method);
      throw e;
    }
  }

  @Override
  public MessageRef post(String channel, Message message) {
    return counted("chat.postMessage", () -> delegate.post(channel, message));
  }

  @Override
  public void update(MessageRef ref, Message message) {
    counted(
        "chat.update",
        () -> {
          delegate.update(ref, message);
          return null;
        });
  }

  @Override
  public MessageRef reply(MessageRef parent, Message message) {
    return counted("chat.postMessage", () -> delegate.reply(parent, message));
  }

  @Override
  public void ephemeral(String channel, String userId, Message message) {
    counted(
        "chat.postEphemeral",
        () -> {
          delegate.ephemeral(channel, userId, message);
          return null;
        });
  }

  @Override
  public String openChannel(String name, List<String> userIds) {
    return counted("conversations.create", () -> delegate.openChannel(name, userIds));
  }

  @Override
  public Set<String> userGroupMembers(String groupIdOrHandle) {
    return counted("usergroups.users.list", () -> delegate.userGroupMembers(groupIdOrHandle));
  }

  @Override
  public ScheduledMessage scheduleMessage(String channel, Message message, Instant postAt) {
    return counted(
        "chat.scheduleMessage", () -> delegate.scheduleMessage(channel, message, postAt));
  }

  @Override
  public boolean deleteScheduledMessage(String channel, String scheduledMessageId) {
    return counted(
        "chat.deleteScheduledMessage",
        () -> delegate.deleteScheduledMessage(channel, scheduledMessageId));
  }

  @Override
  public void uploadFile(
      String channel, @Nullable String threadTs, String fileName, String title, byte[] content) {
    counted(
        "files.uploadV2",
        () -> {
          delegate.uploadFile(channel, threadTs, fileName, title, content);
          return null;
        });
  }

  @Override
  public List<ScheduledMessage> scheduledMessages(String channel) {
    return counted("chat.scheduledMessages.list", () -> delegate.scheduledMessages(channel));
  }
}
