package io.cfychatops.backup;

import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ChatPort} that keeps what was posted. */
public final class RecordingChat implements ChatPort {
  public record Posted(String channel, Message message) {}

  public final List<Posted> posted = new CopyOnWriteArrayList<>();

  @Override
  public MessageRef post(String channel, Message message) {
    posted.add(new Posted(channel, message));
    return new MessageRef(channel, String.valueOf(posted.size()));
  }

  @Override
  public void update(MessageRef ref, Message message) {}

  @Override
  public MessageRef reply(MessageRef parent, Message message) {
    return parent;
  }

  @Override
  public void ephemeral(String channel, String userId, Message message) {}

  @Override
  public String openChannel(String name, List<String> userIds) {
    return name;
  }

  @Override
  public Set<String> userGroupMembers(String groupIdOrHandle) {
    return Set.of();
  }
}
