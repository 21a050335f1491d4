package io.cfychatops.testing;

import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.Invocation;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Responder;
import io.cfychatops.console.TextRenderer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The tests' one {@link ChatPort}: records posts, edits, thread replies and ephemerals (with the
 * clock's time), keeps the latest text of every message, fails on demand (outage, rate limiting),
 * and hands out {@link Reply} responders whose answers tests take with a bounded wait.
 */
public final class RecordingChatPort implements ChatPort {
  public static final String CHANNEL = "C0OPS";

  /**
   * One recorded call. {@code kind}: post, update, reply, ephemeral. {@code ts}: the new message's
   * for a post, the edited message's for an update, the parent's for a reply; null for an
   * ephemeral, which has {@code user}.
   */
  public record Event(
      String kind, Instant at, String channel, String ts, String user, Message message) {
    public String text() {
      return TextRenderer.render(message);
    }
  }

  private final Clock clock;
  private final List<Event> events = new ArrayList<>();
  private final Map<MessageRef, Message> current = new LinkedHashMap<>();
  private final List<String> openedChannels = new ArrayList<>();
  private long ts;
  private RuntimeException outage;
  private int rateLimitNext;
  private long retryAfterSeconds = 5;
  private int rejected;

  /**
   * What {@link #userGroupMembers} answers (tests make it fail or change members); none by default.
   */
  public volatile Function<String, Set<String>> groups = g -> Set.of();

  public RecordingChatPort() {
    this(Clock.systemUTC());
  }

  public RecordingChatPort(Clock clock) {
    this.clock = clock;
  }

  // ---- failures on demand

  /** Every call fails with {@code failure} until called again with null. */
  public synchronized void outage(RuntimeException failure) {
    this.outage = failure;
  }

  /** The next {@code calls} calls answer {@code ratelimited} with this Retry-After. */
  public synchronized void rateLimitNext(int calls, long retryAfterSeconds) {
    this.rateLimitNext = calls;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** How many calls failed on purpose. */
  public synchronized int rejected() {
    return rejected;
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

  // ---- the port

  @Override
  public synchronized MessageRef post(String channel, Message message) {
    gate("post");
    MessageRef ref = new MessageRef(channel, "m" + ++ts);
    record(new Event("post", clock.instant(), channel, ref.ts(), null, message));
    current.put(ref, message);
    return ref;
  }

  @Override
  public synchronized void update(MessageRef ref, Message message) {
    gate("update");
    record(new Event("update", clock.instant(), ref.channel(), ref.ts(), null, message));
    current.put(ref, message);
  }

  @Override
  public synchronized MessageRef reply(MessageRef parent, Message message) {
    gate("reply");
    record(new Event("reply", clock.instant(), parent.channel(), parent.ts(), null, message));
    return new MessageRef(parent.channel(), "m" + ++ts);
  }

  @Override
  public synchronized void ephemeral(String channel, String userId, Message message) {
    gate("ephemeral");
    record(new Event("ephemeral", clock.instant(), channel, null, userId, message));
  }

  @Override
  public synchronized String openChannel(String name, List<String> userIds) {
    gate("openChannel");
    openedChannels.add(name + " " + userIds);
    return "C-" + name;
  }

  @Override
  public Set<String> userGroupMembers(String groupIdOrHandle) {
    return groups.apply(groupIdOrHandle);
  }

  private void record(Event e) {
    events.add(e);
  }

  // ---- what was sent

  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  public synchronized List<Event> events(String kind) {
    return events.stream().filter(e -> e.kind().equals(kind)).toList();
  }

  public synchronized int size() {
    return events.size();
  }

  /** Channels opened, each as {@code "name [user ids]"}. */
  public synchronized List<String> openedChannels() {
    return List.copyOf(openedChannels);
  }

  /** The latest content of the message at {@code ref}, or null. */
  public synchronized Message current(MessageRef ref) {
    return current.get(ref);
  }

  /** Everything ever sent, as text. */
  public synchronized String transcript() {
    StringBuilder sb = new StringBuilder();
    for (Event e : events) {
      String target = e.kind().equals("update") || e.kind().equals("reply") ? e.ts() : e.channel();
      sb.append(e.kind())
          .append(' ')
          .append(target)
          .append(": ")
          .append(e.message().fallbackText())
          .append('\n');
    }
    return sb.toString();
  }

  /** The latest text of the latest message. */
  public synchronized String living() {
    Message m = livingMessage();
    return m == null ? "" : m.fallbackText();
  }

  public synchronized Message livingMessage() {
    return current.values().stream().reduce((a, b) -> b).orElse(null);
  }

  // ---- waiting

  private synchronized Optional<Event> first(int from, Predicate<Event> p) {
    for (int i = from; i < events.size(); i++) {
      if (p.test(events.get(i))) {
        return Optional.of(events.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * The first event (recorded at or after index {@code from}) matching {@code p}, waiting up to
   * {@code max}.
   */
  public Event await(int from, Predicate<Event> p, Duration max) throws InterruptedException {
    try {
      return Await.atMost(max).until(() -> first(from, p), Optional::isPresent).orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no matching chat event within "
              + max
              + "; got:\n"
              + String.join(
                  "\n---\n",
                  events().stream().map(x -> x.kind() + " " + x.ts() + ": " + x.text()).toList()));
    }
  }

  public Event await(Predicate<Event> p, Duration max) throws InterruptedException {
    return await(0, p, max);
  }

  // ---- commands and clicks

  /**
   * A responder for one command or click: ephemerals are queued here, in-channel posts go to the
   * port.
   */
  public Reply reply(String channel) {
    return new Reply(channel);
  }

  public static Invocation invocation(String user, String text) {
    return new Invocation(
        new ChatUser(user, user, "T0TEST"), CHANNEL, text, UUID.randomUUID().toString());
  }

  public final class Reply implements Responder {
    private final String channel;
    private final LinkedBlockingQueue<Message> ephemerals = new LinkedBlockingQueue<>();

    private Reply(String channel) {
      this.channel = channel;
    }

    @Override
    public void ephemeral(Message message) {
      ephemerals.add(message);
    }

    @Override
    public MessageRef inChannel(Message message) {
      return post(channel, message);
    }

    /** The next ephemeral answer as text; fails when none arrives within {@code max}. */
    public String next(Duration max) throws InterruptedException {
      Message m = ephemerals.poll(max.toMillis(), TimeUnit.MILLISECONDS);
      if (m == null) {
        throw new AssertionError("no ephemeral answer within " + max);
      }
      return TextRenderer.render(m);
    }

    /** An ephemeral answer if one arrives within {@code max}, else null. */
    public String poll(Duration max) throws InterruptedException {
      Message m = ephemerals.poll(max.toMillis(), TimeUnit.MILLISECONDS);
      return m == null ? null : TextRenderer.render(m);
    }
  }
}
