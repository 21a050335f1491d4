package io.cfychatops.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void durations() {
    assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Durations.format(Duration.ofDays(3).plusHours(4))).isEqualTo("3d 4h");
    assertThat(Durations.bytes(512)).isEqualTo("512 B");
    assertThat(Durations.bytes(64L * 1024 * 1024)).isEqualTo("64.0 MiB");
  }

  @Test
  void minutesAndSecondsAreZeroPaddedAfterTheLeadingUnit() {
    assertThat(Durations.format(Duration.ofSeconds(185))).isEqualTo("3m 05s");
    assertThat(Durations.format(Duration.ofMinutes(65))).isEqualTo("1h 05m");
    assertThat(Durations.format(Duration.ofHours(49))).isEqualTo("2d 1h");
    assertThat(Durations.format(null)).isEqualTo("-");
  }

  @Test
  void agesAreNeverNegative() {
    Instant now = Instant.parse("2024-08-12T02:00:00Z");
    assertThat(Durations.ago(now.minusSeconds(75), now)).isEqualTo("1m 15s");
    assertThat(Durations.ago(now.plusSeconds(30), now)).isEqualTo("0s");
  }
}
