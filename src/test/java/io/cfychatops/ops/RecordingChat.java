package io.cfychatops.ops;

import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A ChatPort that records every call, with switchable outage and rate limiting. */
public final class RecordingChat implements ChatPort {
  public record Call(String kind, Instant at, String target, Message message) {}

  private final Clock clock;
  private final AtomicInteger ts = new AtomicInteger(1000);
  public final List<Call> calls = new ArrayList<>();
  public final Map<MessageRef, Message> current = new LinkedHashMap<>();
  public final List<String> openedChannels = new ArrayList<>();
  /** Every call fails with this until cleared. */
  public volatile RuntimeException outage;
  /** The next N calls answer 429 with this Retry-After. */
  public volatile int rateLimitNext;
  public volatile long retryAfterSeconds = 5;
  public int rejected;

  public RecordingChat(Clock clock) {
    this.clock = clock;
  }

  private synchronized void gate(String kind) {
    if (outage != null) {
      rejected++;
      throw outage;
    }
    if (rateLimitNext > 0) {
      rateLimitNext--;
      rejected++;
      throw new ChatException("ratelimited", kind + " rate limited", retryAfterSeconds, null);
    }
  }

  @Override
  public synchronized MessageRef post(String channel, Message message) {
    gate("post");
    MessageRef ref = new MessageRef(channel, "ts" + ts.incrementAndGet());
    calls.add(new Call("post", clock.instant(), channel, message));
    current.put(ref, message);
    return ref;
  }

  @Override
  public synchronized void update(MessageRef ref, Message message) {
    gate("update");
    calls.add(new Call("update", clock.instant(), ref.ts(), message));
    current.put(ref, message);
  }

  @Override
  public synchronized MessageRef reply(MessageRef parent, Message message) {
    gate("reply");
    calls.add(new Call("reply", clock.instant(), parent.ts(), message));
    return new MessageRef(parent.channel(), "r" + ts.incrementAndGet());
  }

  @Override
  public synchronized void ephemeral(String channel, String userId, Message message) {
    gate("ephemeral");
    calls.add(new Call("ephemeral", clock.instant(), channel, message));
  }

  @Override
  public synchronized String openChannel(String name, List<String> userIds) {
    gate("openChannel");
    openedChannels.add(name + " " + userIds);
    return "C-" + name;
  }

  @Override
  public Set<String> userGroupMembers(String groupIdOrHandle) {
    return Set.of();
  }

  public synchronized List<Call> of(String kind) {
    return calls.stream().filter(c -> c.kind().equals(kind)).toList();
  }

  /** Everything ever sent, as text. */
  public synchronized String transcript() {
    StringBuilder sb = new StringBuilder();
    for (Call c : calls) {
      sb.append(c.kind()).append(' ').append(c.target()).append(": ")
          .append(c.message().fallbackText()).append('\n');
    }
    return sb.toString();
  }

  /** The latest text of the only living message. */
  public synchronized String living() {
    return current.values().stream().reduce((a, b) -> b).map(Message::fallbackText).orElse("");
  }

  public synchronized Message livingMessage() {
    return current.values().stream().reduce((a, b) -> b).orElse(null);
  }
}
