package io.cfychatops.ops;

import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Living progress messages with Slack-friendly pacing.
 *
 * <ul>
 *   <li>Edits of one message are coalesced: at most one per {@code editInterval}; the latest state
 *       wins; a final state is sent at the next opportunity regardless of the interval.
 *   <li>A rate-limit answer ({@link ChatException#retryAfterSeconds()}) pauses every call until it
 *       has passed; pending edits and thread lines wait, nothing is lost but superseded edits.
 *   <li>Any other chat failure is logged and dropped (a final edit is retried a few times): a Slack
 *       outage never stops an operation.
 * </ul>
 *
 * Thread-safe: queue state is guarded by this object's lock, and chat calls run outside it. {@link
 * #flush()} is called after every engine tick and by the engine's pump.
 */
public final class Progress {
  private static final Logger log = LoggerFactory.getLogger(Progress.class);
  private static final int FINAL_ATTEMPTS = 20;

  private final ChatPort chat;
  private final Clock clock;
  private final Duration editInterval;

  private final Map<MessageRef, PendingEdit> edits = new HashMap<>();
  private final Map<MessageRef, Instant> lastEdit = new HashMap<>();
  private final Deque<PendingReply> replies = new ArrayDeque<>();
  private Instant blockedUntil = Instant.MIN;

  private record PendingEdit(Message message, boolean fin, int attempts) {}

  private record PendingReply(MessageRef parent, Message message, int attempts) {}

  private record PendingPost(String channel, Message message, int attempts) {}

  private final Deque<PendingPost> posts = new ArrayDeque<>();
  private final java.util.concurrent.locks.ReentrantLock sending =
      new java.util.concurrent.locks.ReentrantLock();

  public Progress(ChatPort chat, Clock clock, Duration editInterval) {
    this.chat = chat;
    this.clock = clock;
    this.editInterval = editInterval;
  }

  /** Posts the living message; null when chat is unavailable (the caller tries again later). */
  public MessageRef open(String channel, Message message) {
    synchronized (this) {
      if (clock.instant().isBefore(blockedUntil)) {
        return null;
      }
    }
    try {
      MessageRef ref = chat.post(channel, message); // outside the lock: see flush()
      synchronized (this) {
        lastEdit.put(ref, clock.instant());
      }
      return ref;
    } catch (ChatException e) {
      synchronized (this) {
        onFailure("post to " + channel, e);
      }
      return null;
    } catch (RuntimeException e) {
      log.warn("Chat post to {} failed: {}", channel, e.toString());
      return null;
    }
  }

  /** Creates (or reuses) a channel; null when that failed. */
  public String openChannel(String name, java.util.List<String> users) {
    try {
      return chat.openChannel(name, users);
    } catch (RuntimeException e) {
      log.warn("Could not open channel {}: {}", name, e.toString());
      return null;
    }
  }

  /** Replaces the message's pending edit with {@code message}. */
  public synchronized void edit(MessageRef ref, Message message) {
    PendingEdit prev = edits.get(ref);
    if (prev != null && prev.fin()) {
      return; // the final state is already queued; nothing supersedes it
    }
    edits.put(ref, new PendingEdit(message, false, 0));
  }

  /** Queues the final state; it is sent as soon as the transport allows. */
  public synchronized void editFinal(MessageRef ref, Message message) {
    edits.put(ref, new PendingEdit(message, true, 0));
  }

  /** Posts a final message that had no living message to edit; retried until delivered. */
  public void postFinal(String channel, Message message) {
    synchronized (this) {
      posts.addLast(new PendingPost(channel, message, 0));
    }
    flush();
  }

  public synchronized void reply(MessageRef parent, Message message) {
    replies.addLast(new PendingReply(parent, message, 0));
  }

  /** True while edits or replies wait. */
  public synchronized boolean hasPending() {
    return !edits.isEmpty() || !replies.isEmpty() || !posts.isEmpty();
  }

  /** When the next pending item could go out (for schedulers); null when nothing is pending. */
  public synchronized Instant nextDue() {
    if (!hasPending()) {
      return null;
    }
    Instant due = blockedUntil.isAfter(clock.instant()) ? blockedUntil : clock.instant();
    if (replies.isEmpty() && posts.isEmpty()) {
      Instant earliest = null;
      for (Map.Entry<MessageRef, PendingEdit> e : edits.entrySet()) {
        Instant t =
            e.getValue().fin()
                ? due
                : lastEdit.getOrDefault(e.getKey(), Instant.MIN).plus(editInterval);
        t = t.isBefore(due) ? due : t;
        earliest = earliest == null || t.isBefore(earliest) ? t : earliest;
      }
      return earliest;
    }
    return due;
  }

  /**
   * Sends whatever is due now. Chat calls happen outside this object's lock, so a slow or hanging
   * chat transport never blocks the threads that queue progress (the operations themselves); one
   * thread sends at a time, and a caller that finds another one sending returns at once.
   */
  public void flush() {
    if (!sending.tryLock()) {
      return;
    }
    try {
      send(clock.instant());
    } finally {
      sending.unlock();
    }
  }

  private void send(Instant now) {
    while (true) {
      PendingPost p;
      synchronized (this) {
        if (posts.isEmpty() || now.isBefore(blockedUntil)) {
          break;
        }
        p = posts.removeFirst();
      }
      try {
        chat.post(p.channel(), p.message());
      } catch (RuntimeException e) {
        boolean limited = e instanceof ChatException ce && ce.isRateLimited();
        synchronized (this) {
          onFailure("final post to " + p.channel(), e);
          if (p.attempts() + 1 < FINAL_ATTEMPTS * 10) {
            posts.addFirst(new PendingPost(p.channel(), p.message(), p.attempts() + 1));
          }
        }
        if (!limited) {
          break; // transport down: try again on the next flush
        }
      }
    }
    while (true) {
      PendingReply r;
      synchronized (this) {
        if (replies.isEmpty() || now.isBefore(blockedUntil)) {
          break;
        }
        r = replies.peekFirst(); // only this (single) sender removes from the head
      }
      try {
        chat.reply(r.parent(), r.message());
        synchronized (this) {
          replies.removeFirst();
        }
      } catch (RuntimeException e) {
        synchronized (this) {
          replies.removeFirst();
          if (e instanceof ChatException ce && ce.isRateLimited()) {
            replies.addFirst(new PendingReply(r.parent(), r.message(), r.attempts() + 1));
          }
          onFailure("thread reply", e);
        }
      }
    }
    MessageRef[] refs;
    synchronized (this) {
      refs = edits.keySet().toArray(MessageRef[]::new);
    }
    for (MessageRef ref : refs) {
      PendingEdit p;
      synchronized (this) {
        if (now.isBefore(blockedUntil)) {
          return;
        }
        p = edits.get(ref);
        Instant last = lastEdit.getOrDefault(ref, Instant.MIN);
        if (p == null || (!p.fin() && now.isBefore(last.plus(editInterval)))) {
          continue;
        }
      }
      try {
        chat.update(ref, p.message());
        synchronized (this) {
          edits.remove(ref, p); // a newer edit queued meanwhile stays
          lastEdit.put(ref, now);
        }
      } catch (RuntimeException e) {
        boolean limited = e instanceof ChatException ce && ce.isRateLimited();
        synchronized (this) {
          if (edits.get(ref) == p) {
            if (limited || (p.fin() && p.attempts() + 1 < FINAL_ATTEMPTS)) {
              edits.put(ref, new PendingEdit(p.message(), p.fin(), p.attempts() + 1));
              lastEdit.put(ref, now);
            } else {
              edits.remove(ref);
            }
          }
          onFailure("edit of " + ref.ts(), e);
        }
      }
    }
  }

  private void onFailure(String what, RuntimeException e) {
    if (e instanceof ChatException ce && ce.isRateLimited()) {
      long secs = Math.max(1, ce.retryAfterSeconds());
      blockedUntil = clock.instant().plusSeconds(secs);
      log.info("Chat rate-limited on {}; pausing chat calls for {} s", what, secs);
    } else {
      log.warn("Chat call failed ({}): {}; the operation continues", what, e.toString());
    }
  }

  static Message line(Status status, String text) {
    return Message.text(status, Redactor.forDisplay(text));
  }
}
