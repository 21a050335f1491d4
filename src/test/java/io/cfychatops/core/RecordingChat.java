package io.cfychatops.core;

import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.Invocation;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Responder;
import io.cfychatops.console.TextRenderer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A {@link ChatPort} recording posts, edits, thread replies and ephemerals, plus {@link Reply}
 * responders whose answers tests take with a bounded wait.
 */
public final class RecordingChat implements ChatPort {
  public static final String CHANNEL = "C0OPS";

  /** One recorded call. {@code kind}: post, update, reply, ephemeral. */
  public record Event(String kind, String channel, String ts, String user, Message message) {
    public String text() {
      return TextRenderer.render(message);
    }
  }

  private final List<Event> events = new ArrayList<>();
  private final AtomicLong ts = new AtomicLong();

  private synchronized void record(Event e) {
    events.add(e);
    notifyAll();
  }

  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  public synchronized List<Event> events(String kind) {
    return events.stream().filter(e -> e.kind().equals(kind)).toList();
  }

  /** The first event (recorded at or after index {@code from}) matching {@code p}, waiting up to {@code max}. */
  public synchronized Event await(int from, Predicate<Event> p, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      for (int i = from; i < events.size(); i++) {
        if (p.test(events.get(i))) {
          return events.get(i);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no matching chat event within " + max + "; got:\n"
            + String.join("\n---\n", events.stream().map(e -> e.kind() + " " + e.ts() + ": " + e.text()).toList()));
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  public Event await(Predicate<Event> p, Duration max) throws InterruptedException {
    return await(0, p, max);
  }

  public synchronized int size() {
    return events.size();
  }

  @Override
  public MessageRef post(String channel, Message message) {
    MessageRef ref = new MessageRef(channel, "m" + ts.incrementAndGet());
    record(new Event("post", channel, ref.ts(), null, message));
    return ref;
  }

  @Override
  public void update(MessageRef ref, Message message) {
    record(new Event("update", ref.channel(), ref.ts(), null, message));
  }

  @Override
  public MessageRef reply(MessageRef parent, Message message) {
    MessageRef ref = new MessageRef(parent.channel(), "m" + ts.incrementAndGet());
    record(new Event("reply", parent.channel(), parent.ts(), null, message));
    return ref;
  }

  @Override
  public void ephemeral(String channel, String userId, Message message) {
    record(new Event("ephemeral", channel, null, userId, message));
  }

  @Override
  public String openChannel(String name, List<String> userIds) {
    return name;
  }

  /** What {@link #userGroupMembers} answers (tests make it fail or change members); no groups by default. */
  public volatile java.util.function.Function<String, Set<String>> groups = g -> Set.of();

  @Override
  public Set<String> userGroupMembers(String groupIdOrHandle) {
    return groups.apply(groupIdOrHandle);
  }

  /** A responder for one command or click: ephemerals are queued here, in-channel posts go to the port. */
  public Reply reply(String channel) {
    return new Reply(channel);
  }

  public static Invocation invocation(String user, String text) {
    return new Invocation(new ChatUser(user, user, "T0TEST"), CHANNEL, text, UUID.randomUUID().toString());
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
