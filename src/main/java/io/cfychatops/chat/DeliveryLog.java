package io.cfychatops.chat;

import java.time.Instant;

/**
 * Remembers handled delivery ids across restarts and replicas, so a transport redelivery never runs
 * a command or a click twice: the durable half of {@link DeliveryDedupe} (implemented by {@code
 * store.JdbcDeliveryLog} with a unique key).
 */
public interface DeliveryLog {
  /** True the first time {@code deliveryId} is seen (it is recorded), false for a repeat. */
  boolean firstTime(String deliveryId, Instant at);

  /** Forgets deliveries older than {@code before}; returns how many. */
  int purgeBefore(Instant before);

  /** Nothing persisted (tests). */
  DeliveryLog NONE =
      new DeliveryLog() {
        @Override
        public boolean firstTime(String deliveryId, Instant at) {
          return true;
        }

        @Override
        public int purgeBefore(Instant before) {
          return 0;
        }
      };
}
