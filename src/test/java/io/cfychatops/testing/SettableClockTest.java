package io.cfychatops.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.concurrent.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SettableClockTest {

  @Test
  void standsStillUntilMovedAndZonedCopiesShareTheTime() {
    SettableClock clock = SettableClock.create();
    assertThat(clock.instant()).isEqualTo(SettableClock.DEFAULT_START);
    assertThat(clock.advance(Duration.ofSeconds(5)))
        .isEqualTo(SettableClock.DEFAULT_START.plusSeconds(5));
    assertThat(clock.instant()).isEqualTo(SettableClock.DEFAULT_START.plusSeconds(5));
    var paris = clock.withZone(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(clock.instant());
    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(paris.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void itsSleeperMovesTheClockInsteadOfWaiting() throws InterruptedException {
    SettableClock clock = SettableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    Sleeper sleeper = clock.sleeper();
    sleeper.sleep(Duration.ofHours(2));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
  }

  @Test
  void aTickingClockRunsWithTheSystemClockPlusWhatItWasMoved() {
    SettableClock clock = SettableClock.ticking();
    Instant before = Instant.now();
    clock.advance(Duration.ofDays(1));
    Instant read = clock.instant();
    assertThat(read)
        .isBetween(before.plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));
    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(clock.instant())
        .isBetween(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:01:00Z"));
  }
}
