package io.cfychatops.backup;

import io.cfychatops.chat.ChatException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The dead-man alarm's Slack scheduling budget: at most {@link DeadManAlarm#BUDGET} messages per
 * {@link DeadManAlarm#BUDGET_WINDOW}, and nothing while Slack's rate limit (or {@code
 * restricted_too_many}) blocks this process.
 */
final class AlarmScheduleBudget {
  private final Deque<Instant> scheduledAt = new ArrayDeque<>();
  private Instant blockedUntil = Instant.MIN;

  /** Takes one message of the budget at {@code now}; false when used up or blocked. */
  synchronized boolean take(Instant now) {
    if (now.isBefore(blockedUntil)) {
      return false;
    }
    while (!scheduledAt.isEmpty()
        && !scheduledAt.peekFirst().isAfter(now.minus(DeadManAlarm.BUDGET_WINDOW))) {
      scheduledAt.pollFirst();
    }
    if (scheduledAt.size() >= DeadManAlarm.BUDGET) {
      return false;
    }
    scheduledAt.addLast(now);
    return true;
  }

  /** Blocks scheduling after Slack refused with a rate limit. */
  synchronized void block(Instant now, ChatException e) {
    Duration wait =
        "restricted_too_many".equals(e.code())
            ? DeadManAlarm.BUDGET_WINDOW
            : Duration.ofSeconds(Math.max(1, e.retryAfterSeconds()));
    Instant until = now.plus(wait);
    if (until.isAfter(blockedUntil)) {
      blockedUntil = until;
    }
  }

  static boolean isRateLimit(ChatException e) {
    return e.isRateLimited() || "restricted_too_many".equals(e.code());
  }

  /** Until when Slack's rate limit blocks scheduling ({@link Instant#MIN}: not blocked). */
  synchronized Instant blockedUntil() {
    return blockedUntil;
  }
}
