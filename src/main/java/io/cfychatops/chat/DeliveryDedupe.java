package io.cfychatops.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that recognises a transport redelivery (Slack's {@code X-Slack-Retry-Num}, a Socket
 * Mode {@code retry_attempt}, a replay) of a command or a click. Transports only compute the
 * delivery id ({@link Invocation#deliveryId()}, {@link ActionInvocation#deliveryId()}); the core
 * asks {@link #firstTime} once per delivery, before any work.
 *
 * <p>An in-memory Caffeine cache ({@link #TTL}) answers repeats on this instance without a store
 * round trip; the {@link DeliveryLog} behind it (a unique key in the store) answers for other
 * replicas and after a restart. When the log fails, this instance's memory decides (logged), so a
 * store outage never blocks commands. A blank id cannot be told from a new delivery: always first.
 * Thread-safe.
 */
public final class DeliveryDedupe {
  /** Slack retries for about 5 minutes; ids are remembered three times as long. */
  public static final Duration TTL = Duration.ofMinutes(15);

  private static final Logger log = LoggerFactory.getLogger(DeliveryDedupe.class);

  private final Cache<String, Boolean> recent =
      Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(200_000).build();
  private final DeliveryLog durable;
  private final Clock clock;

  /**
   * @param durable the log shared with other replicas ({@link DeliveryLog#NONE}: memory only)
   */
  public DeliveryDedupe(DeliveryLog durable, Clock clock) {
    this.durable = Objects.requireNonNull(durable, "durable");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * True the first time {@code deliveryId} is seen here or in the log (it is recorded in both),
   * false for a repeat; true for a null or blank id.
   */
  public boolean firstTime(String deliveryId) {
    if (deliveryId == null || deliveryId.isBlank()) {
      return true;
    }
    if (recent.asMap().putIfAbsent(deliveryId, Boolean.TRUE) != null) {
      return false;
    }
    try {
      return durable.firstTime(deliveryId, clock.instant());
    } catch (RuntimeException e) {
      log.warn("Delivery log unavailable ({}); relying on this instance's memory", e.toString());
      return true;
    }
  }
}
