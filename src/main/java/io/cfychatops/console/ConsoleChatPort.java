package io.cfychatops.console;

import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.ScheduledMessage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChatPort} that prints to a stream. Posts get a fresh timestamp; edits and thread replies
 * are printed with the reference they belong to, so a reader can follow a living message.
 *
 * <p>Scheduled messages are printed as what would be scheduled and kept in memory (listed and
 * deleted like Slack's); a console never posts them: the process is gone by their time.
 */
public final class ConsoleChatPort implements ChatPort {
  private final PrintStream out;
  private final AtomicLong ts = new AtomicLong();
  private static final java.util.regex.Pattern REQUEST_ID =
      java.util.regex.Pattern.compile("apr-[a-z0-9]{4,16}");
  private volatile @Nullable String lastRequestId;
  private final Map<String, ScheduledMessage> scheduled = new LinkedHashMap<>();
  private final AtomicLong scheduledIds = new AtomicLong();
  private final Clock clock;

  public ConsoleChatPort(PrintStream out) {
    this(out, Clock.systemUTC());
  }

  /** {@code clock} stamps scheduled messages' creation time. */
  public ConsoleChatPort(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public MessageRef post(String channel, Message message) {
    MessageRef ref =
        new MessageRef(
            channel == null || channel.isBlank() ? "console" : channel, "m" + ts.incrementAndGet());
    print(prefix(ref.channel()) + TextRenderer.render(message));
    return ref;
  }

  @Override
  public void update(MessageRef ref, Message message) {
    // A living message is edited many times: show in-between edits on one line, final ones whole.
    String body =
        message.status().isFinal() || message.status() == io.cfychatops.chat.Status.WARNING
            ? TextRenderer.render(message)
            : TextRenderer.oneLine(message);
    print(prefix(ref.channel()) + "(update " + ref.ts() + ") " + body);
  }

  @Override
  public MessageRef reply(MessageRef parent, Message message) {
    MessageRef ref = new MessageRef(parent.channel(), "m" + ts.incrementAndGet());
    print(prefix(parent.channel()) + "  ↳ " + TextRenderer.render(message).replace("\n", "\n    "));
    return ref;
  }

  @Override
  public void ephemeral(String channel, String userId, Message message) {
    print("(only " + userId + " sees this) " + TextRenderer.render(message));
  }

  @Override
  public String openChannel(String name, List<String> userIds) {
    print("(channel #" + name + " opened, invited " + String.join(", ", userIds) + ")");
    return name;
  }

  @Override
  public Set<String> userGroupMembers(String groupIdOrHandle) {
    return Set.of();
  }

  @Override
  public ScheduledMessage scheduleMessage(String channel, Message message, Instant postAt) {
    String ch = channel == null || channel.isBlank() ? "console" : channel;
    ScheduledMessage m =
        new ScheduledMessage(
            "Q" + scheduledIds.incrementAndGet(),
            ch,
            postAt,
            clock.instant(),
            message.fallbackText());
    synchronized (scheduled) {
      scheduled.put(m.id(), m);
    }
    print(
        "(scheduled "
            + m.id()
            + " for "
            + postAt
            + (prefix(ch).isEmpty() ? "" : " in " + prefix(ch).strip())
            + "; posted then unless deleted before) "
            + TextRenderer.oneLine(message));
    return m;
  }

  @Override
  public boolean deleteScheduledMessage(String channel, String scheduledMessageId) {
    ScheduledMessage gone;
    synchronized (scheduled) {
      gone = scheduled.remove(scheduledMessageId);
    }
    if (gone != null) {
      print("(deleted scheduled " + scheduledMessageId + ")");
    }
    return gone != null;
  }

  @Override
  public List<ScheduledMessage> scheduledMessages(String channel) {
    synchronized (scheduled) {
      return new ArrayList<>(
          scheduled.values().stream()
              .filter(m -> channel == null || m.channel().equals(channel))
              .toList());
    }
  }

  private static String prefix(String channel) {
    return "console".equals(channel) ? "" : "#" + channel + " ";
  }

  /** The newest approval request id this console has shown, or null. */
  public @Nullable String lastRequestId() {
    return lastRequestId;
  }

  private void print(String s) {
    java.util.regex.Matcher m = REQUEST_ID.matcher(s);
    while (m.find()) {
      lastRequestId = m.group();
    }
    synchronized (out) {
      out.println(s);
      out.flush();
    }
  }
}
