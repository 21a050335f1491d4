package io.cfychatops.store;

import io.cfychatops.backup.DeadManAlarmStore;
import io.cfychatops.text.Truncate;
import java.util.List;
import java.util.Optional;

/**
 * {@link DeadManAlarmStore} on the {@code dead_man_alarm} table (V4). The first alarm of a manager
 * is an INSERT under the primary key (a second inserter gets a {@link DuplicateKeyException}: it
 * lost); later ones are {@code UPDATE … WHERE version = ?}. Auto-commit: each call is committed
 * (and, on the embedded engine, on disk) when it returns.
 */
public final class JdbcDeadManAlarmStore implements DeadManAlarmStore {
  private static final String COLUMNS =
      "manager, channel, channel_id, scheduled_message_id, post_at,"
          + " basis_at, version, updated_at, updated_by";

  private static final RowMapper<Alarm> ROW =
      rs ->
          new Alarm(
              rs.getString("manager"),
              rs.getString("channel"),
              rs.getString("channel_id"),
              rs.getString("scheduled_message_id"),
              Jdbc.instant(rs, "post_at"),
              Jdbc.instant(rs, "basis_at"),
              rs.getLong("version"),
              Jdbc.instant(rs, "updated_at"),
              rs.getString("updated_by"));

  private final Jdbc jdbc;

  public JdbcDeadManAlarmStore(Database db) {
    this.jdbc = db.jdbc();
  }

  @Override
  public Optional<Alarm> find(String manager) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM dead_man_alarm WHERE manager = ?", ROW, manager);
  }

  @Override
  public List<Alarm> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM dead_man_alarm ORDER BY manager", ROW);
  }

  @Override
  public Optional<Alarm> compareAndSet(long expectedVersion, Alarm next) {
    long version = expectedVersion + 1;
    Alarm stored =
        new Alarm(
            next.manager(),
            next.channel(),
            next.channelId(),
            next.scheduledMessageId(),
            next.postAt(),
            next.basis(),
            version,
            next.updatedAt(),
            Truncate.clip(next.updatedBy(), 200));
    if (expectedVersion == 0) {
      try {
        jdbc.update(
            "INSERT INTO dead_man_alarm (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            stored.manager(),
            stored.channel(),
            stored.channelId(),
            stored.scheduledMessageId(),
            stored.postAt(),
            stored.basis(),
            version,
            stored.updatedAt(),
            stored.updatedBy());
        return Optional.of(stored);
      } catch (DuplicateKeyException e) {
        return Optional.empty();
      }
    }
    int n =
        jdbc.update(
            "UPDATE dead_man_alarm SET channel = ?, channel_id = ?, scheduled_message_id = ?,"
                + " post_at = ?, basis_at = ?, version = ?, updated_at = ?, updated_by = ?"
                + " WHERE manager = ? AND version = ?",
            stored.channel(),
            stored.channelId(),
            stored.scheduledMessageId(),
            stored.postAt(),
            stored.basis(),
            version,
            stored.updatedAt(),
            stored.updatedBy(),
            stored.manager(),
            expectedVersion);
    return n == 1 ? Optional.of(stored) : Optional.empty();
  }

  @Override
  public boolean remove(String manager, long expectedVersion) {
    return jdbc.update(
            "DELETE FROM dead_man_alarm WHERE manager = ? AND version = ?",
            manager,
            expectedVersion)
        == 1;
  }
}
