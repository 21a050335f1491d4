package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SharedPollerTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2024-08-12T12:00:00Z"));
  private final FakeManager fake = new FakeManager(clock);
  private final SharedPoller poller = new SharedPoller(fake, clock, Duration.ofSeconds(2));

  @Test
  void aSharedReadIsAnsweredFromMemoryUntilItIsCacheAgeOld() {
    poller.getMaintenance("m");
    clock.advance(Duration.ofMillis(1999));
    poller.getMaintenance("m");

    assertThat(fake.count("getMaintenance")).isEqualTo(1);

    clock.advance(Duration.ofMillis(1));
    poller.getMaintenance("m");

    assertThat(fake.count("getMaintenance")).isEqualTo(2);
  }

  @Test
  void expiredEntriesAreEvictedNotKeptForever() {
    poller.getMaintenance("m");
    poller.restoreRunning("m");
    assertThat(poller.cachedReads()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(2));

    assertThat(poller.cachedReads()).isZero();
  }

  @Test
  void aWriteForgetsTheManagersSharedReads() {
    poller.getMaintenance("m");
    poller.activateMaintenance("m");
    poller.getMaintenance("m");

    assertThat(fake.count("getMaintenance")).isEqualTo(2);
  }
}
