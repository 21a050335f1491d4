package io.cfychatops.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link DeadManAlarm} records each manager's scheduled alarm; production sits on the {@code
 * dead_man_alarm} table ({@code store.JdbcDeadManAlarmStore}), shared by all replicas.
 *
 * <p>Every change is a compare-and-set on {@link Alarm#version()}: of several processes replacing
 * one manager's alarm at once, exactly one wins, and each learns whether it did. Implementations
 * are thread-safe; a {@link RuntimeException} means the outcome is unknown (the change may or may
 * not be stored).
 */
public interface DeadManAlarmStore {

  /**
   * One manager's alarm.
   *
   * @param manager the manager it is about
   * @param channel the channel as configured when it was scheduled ({@code reports_channel})
   * @param channelId the channel as the chat transport named it: where to delete and list it
   * @param scheduledMessageId the transport's id of the scheduled message
   * @param postAt when the transport posts it unless it is replaced first
   * @param basis the verified time of the copy it counts from; null when the manager had no
   *     verified copy (the alarm then counts from when it was first scheduled)
   * @param version 1 for a new row, +1 on every replacement
   * @param updatedAt when it was stored
   * @param updatedBy which instance stored it
   */
  record Alarm(
      String manager,
      String channel,
      String channelId,
      String scheduledMessageId,
      Instant postAt,
      Instant basis,
      long version,
      Instant updatedAt,
      String updatedBy) {
    public Alarm {
      Objects.requireNonNull(manager, "manager");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(channelId, "channelId");
      Objects.requireNonNull(scheduledMessageId, "scheduledMessageId");
      Objects.requireNonNull(postAt, "postAt");
      Objects.requireNonNull(updatedAt, "updatedAt");
      updatedBy = updatedBy == null ? "" : updatedBy;
    }
  }

  Optional<Alarm> find(String manager);

  /** Every stored alarm, by manager. */
  List<Alarm> all();

  /**
   * Stores {@code next} (its {@code version} is ignored) as the alarm of {@code next.manager()} if
   * the stored version is still {@code expectedVersion} ({@code 0}: no row yet).
   *
   * @return the stored alarm (version {@code expectedVersion + 1}) when this call won, else empty
   */
  Optional<Alarm> compareAndSet(long expectedVersion, Alarm next);

  /** Deletes the row of {@code manager} if its version is still {@code expectedVersion}. */
  boolean remove(String manager, long expectedVersion);
}
