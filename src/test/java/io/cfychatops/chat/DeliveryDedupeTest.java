package io.cfychatops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryDedupeTest {
  private static final Instant T0 = Instant.parse("2024-08-12T02:00:00Z");
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

  /** A log shared like the store's table: first writer of an id wins; can be made to fail. */
  static final class SharedLog implements DeliveryLog {
    final Set<String> ids = new HashSet<>();
    final List<Instant> writes = new ArrayList<>();
    volatile boolean down;

    @Override
    public synchronized boolean firstTime(String deliveryId, Instant at) {
      if (down) {
        throw new IllegalStateException("store unavailable");
      }
      writes.add(at);
      return ids.add(deliveryId);
    }

    @Override
    public int purgeBefore(Instant before) {
      return 0;
    }
  }

  @Test
  void aRepeatIsRecognisedInMemoryWithoutAskingTheLogAgain() {
    SharedLog log = new SharedLog();
    DeliveryDedupe d = new DeliveryDedupe(log, clock);
    assertThat(d.firstTime("trigger-1")).isTrue();
    assertThat(d.firstTime("trigger-1")).isFalse();
    assertThat(d.firstTime("act:1.3:U1:approval.approve")).isTrue();
    assertThat(log.ids).containsExactlyInAnyOrder("trigger-1", "act:1.3:U1:approval.approve");
    assertThat(log.writes).containsOnly(T0).hasSize(2);
  }

  @Test
  void anotherReplicaSharingTheLogRecognisesTheRepeat() {
    SharedLog log = new SharedLog();
    assertThat(new DeliveryDedupe(log, clock).firstTime("trigger-1")).isTrue();
    assertThat(new DeliveryDedupe(log, clock).firstTime("trigger-1")).isFalse();
  }

  @Test
  void blankIdsAreAlwaysFirst() {
    DeliveryDedupe d = new DeliveryDedupe(DeliveryLog.NONE, clock);
    assertThat(d.firstTime("")).isTrue();
    assertThat(d.firstTime("")).isTrue();
    assertThat(d.firstTime(null)).isTrue();
  }

  @Test
  void whenTheLogFailsThisInstancesMemoryDecides() {
    SharedLog log = new SharedLog();
    log.down = true;
    DeliveryDedupe d = new DeliveryDedupe(log, clock);
    assertThat(d.firstTime("trigger-1")).isTrue();
    assertThat(d.firstTime("trigger-1")).isFalse();
  }
}
