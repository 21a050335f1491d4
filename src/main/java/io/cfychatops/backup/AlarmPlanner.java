package io.cfychatops.backup;

import io.cfychatops.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a manager's dead-man alarm should be scheduled, and why it moves. */
final class AlarmPlanner {
  private static final Logger log = LoggerFactory.getLogger(DeadManAlarm.class);

  /** Where the new alarm goes, the verified time it counts from, and why it moves. */
  record Plan(Instant postAt, Instant basis, String why) {}

  private final BackupConfig config;
  private final DeadManCheck liveCheck;
  private final Duration lead;
  private final Duration hop;

  AlarmPlanner(BackupConfig config, DeadManCheck liveCheck, Duration lead, Duration hop) {
    this.config = config;
    this.liveCheck = liveCheck;
    this.lead = lead;
    this.hop = hop;
  }

  /** Null when the stored alarm is as wanted; else where the new one goes and why. */
  Plan plan(
      String manager, DeadManAlarmStore.Alarm cur, Instant basis, boolean missing, Instant now) {
    String why;
    if (cur == null) {
      why = basis == null ? "first alarm, no verified copy yet" : "first alarm";
    } else if (missing) {
      why = "no longer scheduled in Slack";
    } else if (!cur.channel().equals(config.reportsChannel())) {
      why = "reports channel changed";
    } else if (basis != null && (cur.basis() == null || basis.isAfter(cur.basis()))) {
      why = "newer verified copy";
    } else if (cur.basis() != null && movedDeadline(cur, now)) {
      why = "not at basis + dead_man_after (setting changed, or clamped to 120 days before)";
    } else if (cur.postAt().isBefore(now.plus(lead))) {
      why = "due within " + Durations.format(lead) + " while the bot is alive";
    } else {
      return null;
    }
    Instant wanted =
        basis != null
            ? basis.plus(config.deadManAge())
            : cur != null ? cur.postAt() : now.plus(config.deadManAge());
    Instant at;
    if (!wanted.isBefore(now.plus(lead))) {
      at = wanted;
    } else {
      // overdue or nearly: the live check alerts while the bot lives; Slack stands in for its
      // repeat
      Instant alerted = liveCheck == null ? null : liveCheck.lastAlerted(manager).orElse(null);
      Duration repeat = liveCheck == null ? DeadManAlarm.DEFAULT_REPEAT : liveCheck.repeatEvery();
      Instant afterRepeat = alerted == null ? null : alerted.plus(repeat);
      at =
          afterRepeat != null && !afterRepeat.isBefore(now.plus(lead))
              ? afterRepeat
              : now.plus(hop);
    }
    Instant max = now.plus(DeadManAlarm.MAX_AHEAD);
    if (at.isAfter(max)) {
      log.info(
          "Dead-man alarm of {} wanted at {}: clamped to {} (Slack schedules at most 120 days ahead;"
              + " it is moved on as that nears)",
          manager,
          at,
          max);
      at = max;
    }
    return new Plan(wholeSecondUp(at), basis, why);
  }

  /**
   * The stored alarm is not at basis + {@code dead_man_after} although that time is now within
   * reach (at least the lead ahead, at most {@link DeadManAlarm#MAX_AHEAD}): the setting changed,
   * or the alarm was clamped. Alarms moved ahead of an overdue deadline are not concerned (it is
   * behind the lead).
   */
  private boolean movedDeadline(DeadManAlarmStore.Alarm cur, Instant now) {
    Instant due = wholeSecondUp(cur.basis().plus(config.deadManAge()));
    return !due.isBefore(now.plus(lead))
        && !due.isAfter(now.plus(DeadManAlarm.MAX_AHEAD))
        && !due.equals(cur.postAt());
  }

  static Instant basis(Optional<CatalogEntry> newest, Instant verifiedAt) {
    Instant b =
        newest.map(c -> c.verifiedAt() != null ? c.verifiedAt() : c.createdAt()).orElse(null);
    if (verifiedAt != null && (b == null || verifiedAt.isAfter(b))) {
      b = verifiedAt;
    }
    return b == null ? null : b.truncatedTo(ChronoUnit.MILLIS); // as stored
  }

  static Instant wholeSecondUp(Instant t) {
    return t.getNano() == 0 ? t : Instant.ofEpochSecond(t.getEpochSecond() + 1);
  }
}
