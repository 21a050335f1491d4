package io.cfychatops.backup;

import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.ChatPort;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the dead-man alarm's scheduled messages; a failed delete is kept (at most {@link
 * #MAX_PENDING_DELETES}, {@link #DELETE_ATTEMPTS} attempts each) and retried by {@link #retry()}.
 * What is given up on is found again by its marker at the next reconcile.
 */
final class AlarmDeletes {
  private static final Logger log = LoggerFactory.getLogger(DeadManAlarm.class);
  private static final int MAX_PENDING_DELETES = 1_000;
  private static final int DELETE_ATTEMPTS = 5;

  private record PendingDelete(String channelId, String id, Instant postAt, int attempts) {}

  private final ChatPort chat;
  private final Clock clock;
  private final AlarmScheduleBudget budget;
  private final Map<String, PendingDelete> pendingDeletes = new ConcurrentHashMap<>();

  AlarmDeletes(ChatPort chat, Clock clock, AlarmScheduleBudget budget) {
    this.chat = chat;
    this.clock = clock;
    this.budget = budget;
  }

  /** Deletes one scheduled message; true when gone. A failure is queued for {@link #retry()}. */
  boolean delete(String manager, String channelId, String id, Instant postAt, String why) {
    try {
      boolean deleted = chat.deleteScheduledMessage(channelId, id);
      pendingDeletes.remove(id);
      if (!deleted && !postAt.isAfter(clock.instant()) && !"re-created".equals(why)) {
        log.warn(
            "The dead-man alarm {} of {} ({}) was already posted by Slack at {}",
            id,
            manager,
            why,
            postAt);
      }
      return true;
    } catch (ChatException e) {
      PendingDelete before = pendingDeletes.get(id);
      int attempts = before == null ? 1 : before.attempts() + 1;
      if (attempts < DELETE_ATTEMPTS && pendingDeletes.size() < MAX_PENDING_DELETES) {
        pendingDeletes.put(id, new PendingDelete(channelId, id, postAt, attempts));
      } else {
        pendingDeletes.remove(id); // reconcile finds it by its marker
      }
      if (AlarmScheduleBudget.isRateLimit(e)) {
        budget.block(clock.instant(), e);
      }
      log.warn(
          "Could not delete the dead-man alarm {} of {} ({}): {}; it may post at {} unless a later"
              + " pass deletes it",
          id,
          manager,
          why,
          e.getMessage(),
          postAt);
      return false;
    }
  }

  /** Retries the failed deletes (run by {@link DeadManAlarm#tick()}). */
  void retry() {
    for (PendingDelete p : List.copyOf(pendingDeletes.values())) {
      delete("(retry)", p.channelId(), p.id(), p.postAt(), "retry");
    }
  }
}
