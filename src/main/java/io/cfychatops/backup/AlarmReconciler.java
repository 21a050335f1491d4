package io.cfychatops.backup;

import io.cfychatops.backup.DeadManAlarm.Outcome;
import io.cfychatops.backup.DeadManAlarm.Reconciliation;
import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.ScheduledMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link DeadManAlarm#reconcile()} pass: makes Slack's scheduled messages agree with the store.
 */
final class AlarmReconciler {
  private static final Logger log = LoggerFactory.getLogger(DeadManAlarm.class);

  private final DeadManAlarm alarm;
  private final BackupConfig config;
  private final DeadManAlarmStore store;
  private final ChatPort chat;
  private final AlarmDeletes deletes;

  AlarmReconciler(
      DeadManAlarm alarm,
      BackupConfig config,
      DeadManAlarmStore store,
      ChatPort chat,
      AlarmDeletes deletes) {
    this.alarm = alarm;
    this.config = config;
    this.store = store;
    this.chat = chat;
    this.deletes = deletes;
  }

  Reconciliation run(Instant now) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    Set<String> configured = config.schedules().keySet();
    Set<String> channels = new LinkedHashSet<>();
    boolean reportsChannelKnown;
    try {
      List<DeadManAlarmStore.Alarm> before = store.all();
      before.forEach(a -> channels.add(a.channelId()));
      reportsChannelKnown =
          before.stream().anyMatch(a -> a.channel().equals(config.reportsChannel()));
    } catch (RuntimeException e) {
      log.warn("Dead-man alarm: cannot read the store ({}); reconciling later", e.getMessage());
      return new Reconciliation(0, 0, 0, 0, outcomes);
    }
    if (!reportsChannelKnown) {
      channels.add(
          config.reportsChannel()); // its id is not known yet (Slack may refuse a #name here)
    }
    Map<String, ScheduledMessage> listed = new LinkedHashMap<>();
    Set<String> listedChannels = new HashSet<>();
    for (String ch : channels) {
      try {
        for (ScheduledMessage m : chat.scheduledMessages(ch)) {
          listed.put(m.id(), m);
        }
        listedChannels.add(ch);
      } catch (ChatException e) {
        if (alarm.turnOffIfUnsupported(e)) {
          return new Reconciliation(0, 0, 0, 0, outcomes);
        }
        log.warn(
            "Dead-man alarm: cannot list the scheduled messages of {}: {}", ch, e.getMessage());
      }
    }
    for (ScheduledMessage m : listed.values()) {
      listedChannels.add(m.channel());
    }

    // read after listing: an id stored by another replica since is then known and kept
    Map<String, DeadManAlarmStore.Alarm> stored = new HashMap<>();
    try {
      store.all().forEach(a -> stored.put(a.manager(), a));
    } catch (RuntimeException e) {
      log.warn("Dead-man alarm: cannot read the store ({}); reconciling later", e.getMessage());
      return new Reconciliation(listed.size(), 0, 0, 0, outcomes);
    }
    Set<String> storedIds = new HashSet<>();
    stored.values().forEach(a -> storedIds.add(a.scheduledMessageId()));

    int orphans = 0;
    for (ScheduledMessage m : listed.values()) {
      Optional<String> of = DeadManAlarm.markedManager(m.text());
      if (of.isEmpty() || !configured.contains(of.get()) || storedIds.contains(m.id())) {
        continue;
      }
      if (m.createdAt() != null && m.createdAt().isAfter(now.minus(DeadManAlarm.ORPHAN_GRACE))) {
        continue; // maybe another replica's new alarm, not yet stored: the next pass decides
      }
      if (deletes.delete(of.get(), m.channel(), m.id(), m.postAt(), "orphan")) {
        orphans++;
      }
    }

    int unconfigured = 0;
    for (DeadManAlarmStore.Alarm a : stored.values()) {
      if (configured.contains(a.manager())) {
        continue;
      }
      ReentrantLock lock = alarm.lock(a.manager());
      lock.lock();
      try {
        deletes.delete(
            a.manager(),
            a.channelId(),
            a.scheduledMessageId(),
            a.postAt(),
            "manager no longer configured");
        if (store.remove(a.manager(), a.version())) {
          unconfigured++;
        }
      } catch (RuntimeException e) {
        log.warn(
            "Dead-man alarm: cannot remove the alarm of unconfigured manager {}: {}",
            a.manager(),
            e.getMessage());
      } finally {
        lock.unlock();
      }
    }

    int recreated = 0;
    for (String manager : configured) {
      DeadManAlarmStore.Alarm a = stored.get(manager);
      boolean missing =
          a != null
              && listedChannels.contains(a.channelId())
              && !listed.containsKey(a.scheduledMessageId());
      if (missing) {
        log.warn(
            "The dead-man alarm {} of {} (due {}) is no longer scheduled in Slack: {}; scheduling the"
                + " next one",
            a.scheduledMessageId(),
            manager,
            a.postAt(),
            a.postAt().isAfter(now)
                ? "deleted by hand?"
                : "Slack posted it, the bot did not move it on in time");
      }
      Outcome o = alarm.ensureQuietly(manager, null, missing);
      if (missing && o == Outcome.SCHEDULED) {
        recreated++;
      }
      outcomes.put(manager, o);
    }
    log.info(
        "Dead-man alarm reconciled: {} scheduled message(s) listed, {} re-created, {} orphan(s)"
            + " deleted, {} unconfigured removed",
        listed.size(),
        recreated,
        orphans,
        unconfigured);
    return new Reconciliation(listed.size(), recreated, orphans, unconfigured, outcomes);
  }
}
