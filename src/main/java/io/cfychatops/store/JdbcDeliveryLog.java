package io.cfychatops.store;

import io.cfychatops.chat.DeliveryLog;
import io.cfychatops.text.Truncate;
import java.time.Instant;

/** {@link DeliveryLog} on the {@code delivery} table: the primary key decides "first time". */
public final class JdbcDeliveryLog implements DeliveryLog {
  private final Jdbc jdbc;

  public JdbcDeliveryLog(Database db) {
    this.jdbc = db.jdbc();
  }

  @Override
  public boolean firstTime(String deliveryId, Instant at) {
    try {
      return jdbc.update(
              "INSERT INTO delivery (id, at_ms) VALUES (?, ?)", Truncate.clip(deliveryId, 200), at)
          == 1;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public int purgeBefore(Instant before) {
    return jdbc.update("DELETE FROM delivery WHERE at_ms < ?", before);
  }
}
