package io.cfychatops.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The occurrences a restore skips, for the rule shapes the manager accepts (get_rrule). */
class ScheduleInfoTest {
  static final Instant T0 = Instant.parse("2024-01-31T02:00:00Z");

  private static ScheduleInfo rule(
      String recurrence, Integer count, List<String> weekdays, String rrule, Instant until) {
    return new ScheduleInfo(
        "t", "s", "d", "install", T0, until, 0, true, recurrence, count, weekdays, rrule);
  }

  @Test
  void dailyRruleSkipsTheDaysBetweenSnapshotAndRestore() {
    ScheduleInfo daily = rule(null, null, List.of(), "RRULE:FREQ=DAILY;INTERVAL=1", null);
    Instant snapshot = T0.plus(Duration.ofDays(10)).plusSeconds(3600);
    assertThat(daily.occurrencesBetween(snapshot, T0.plus(Duration.ofDays(13))))
        .isEqualTo(OptionalLong.of(3)); // days 11, 12, 13 (the 13th exactly at restore time)
    assertThat(daily.occurrencesBetween(snapshot, snapshot.plusSeconds(60)))
        .isEqualTo(OptionalLong.of(0));
    assertThat(
            rule(null, null, List.of(), "FREQ=DAILY;INTERVAL=3;COUNT=4", null)
                .occurrencesBetween(T0.minusSeconds(1), T0.plus(Duration.ofDays(100))))
        .isEqualTo(OptionalLong.of(4));
    assertThat(
            rule(null, null, List.of(), "RRULE:FREQ=HOURLY;UNTIL=20240131T050000Z", null)
                .occurrencesBetween(T0, T0.plus(Duration.ofDays(1))))
        .isEqualTo(OptionalLong.of(3));
  }

  @Test
  void recurrenceCountUntilAndOnce() {
    assertThat(
            rule("6 hours", null, List.of(), null, null)
                .occurrencesBetween(T0, T0.plus(Duration.ofDays(1))))
        .isEqualTo(OptionalLong.of(4));
    assertThat(
            rule("1 week", 3, List.of(), null, null)
                .occurrencesBetween(T0, T0.plus(Duration.ofDays(60))))
        .isEqualTo(OptionalLong.of(2));
    assertThat(
            rule("2d", null, List.of(), null, T0.plus(Duration.ofDays(5)))
                .occurrencesBetween(T0.minusSeconds(1), T0.plus(Duration.ofDays(30))))
        .isEqualTo(OptionalLong.of(3));
    ScheduleInfo once = rule(null, 1, List.of(), null, null);
    assertThat(once.occurrencesBetween(T0.minusSeconds(1), T0.plusSeconds(1)))
        .isEqualTo(OptionalLong.of(1));
    assertThat(once.expiredAt(T0.plusSeconds(1))).contains(true);
    assertThat(rule("1 day", null, List.of(), null, null).expiredAt(T0.plus(Duration.ofDays(900))))
        .contains(false);
  }

  @Test
  void monthlySkipsMonthsWithoutTheDayAsDateutilDoes() {
    ScheduleInfo monthly = rule("1 month", null, List.of(), null, null); // from Jan 31st
    // Feb, Apr, Jun have no 31st: Jan 31, Mar 31, May 31 fall in (T0 - 1 s, Jun 30]
    assertThat(
            monthly.occurrencesBetween(T0.minusSeconds(1), Instant.parse("2024-06-30T00:00:00Z")))
        .isEqualTo(OptionalLong.of(3));
  }

  @Test
  void rulesNotComputedSayEmptyNotAWrongNumber() {
    assertThat(
            rule("1 week", null, List.of("MO"), null, null)
                .occurrencesBetween(T0, T0.plusSeconds(900_000)))
        .isEmpty();
    assertThat(
            rule(null, null, List.of(), "RRULE:FREQ=WEEKLY;BYDAY=MO", null)
                .occurrencesBetween(T0, T0.plusSeconds(900_000)))
        .isEmpty();
    assertThat(rule("every so often", null, List.of(), null, null).occurrencesBetween(T0, T0))
        .isEmpty();
    ScheduleInfo disabled =
        new ScheduleInfo("t", "s", "d", "w", T0, null, 0, false, "1 hour", null, List.of(), null);
    assertThat(disabled.occurrencesBetween(T0, T0.plus(Duration.ofDays(1))))
        .isEqualTo(OptionalLong.of(0));
    assertThat(disabled.toString()).doesNotContain("install").contains("deployment=d");
  }
}
