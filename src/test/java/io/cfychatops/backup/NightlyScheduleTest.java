package io.cfychatops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class NightlyScheduleTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  final NightlySchedule daily = NightlySchedule.daily(BERLIN);

  static Instant berlin(String local) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(local), BERLIN).toInstant();
  }

  @Test
  void defaultIsTwoAmLocal() {
    assertThat(daily.cron()).isEqualTo("0 0 2 * * *");
    assertThat(daily.nextSlot(berlin("2024-08-12T01:00"))).isEqualTo(berlin("2024-08-12T02:00"));
    assertThat(daily.nextSlot(berlin("2024-08-12T02:00"))).isEqualTo(berlin("2024-08-13T02:00"));
    assertThat(daily.previousSlot(berlin("2024-08-12T02:00"))).contains(berlin("2024-08-12T02:00"));
    assertThat(daily.previousSlot(berlin("2024-08-12T01:59"))).contains(berlin("2024-08-11T02:00"));
    assertThat(daily.localTime(berlin("2024-08-12T02:00"))).isEqualTo("02:00");
  }

  @Test
  void followsTheZoneAcrossDaylightSavingChanges() {
    // 2024-10-27: CEST -> CET, 02:00 local happens twice (00:00Z and 01:00Z): run once only
    Instant first = daily.nextSlot(Instant.parse("2024-10-26T12:00:00Z"));
    assertThat(first)
        .isIn(Instant.parse("2024-10-27T00:00:00Z"), Instant.parse("2024-10-27T01:00:00Z"));
    assertThat(daily.nextSlot(first)).isEqualTo(Instant.parse("2024-10-28T01:00:00Z"));
    assertThat(daily.nextSlot(Instant.parse("2024-10-28T00:00:00Z")))
        .isEqualTo(Instant.parse("2024-10-28T01:00:00Z"));
    assertThat(daily.nextSlot(Instant.parse("2024-08-12T00:00:00Z").minusSeconds(1)))
        .isEqualTo(Instant.parse("2024-08-12T00:00:00Z"));
  }

  @Test
  void otherCronExpressionsAndLongLookback() {
    NightlySchedule monthly = new NightlySchedule("0 30 3 1 * *", ZoneId.of("UTC"), null);
    assertThat(monthly.previousSlot(Instant.parse("2024-08-20T00:00:00Z")))
        .contains(Instant.parse("2024-08-01T03:30:00Z"));
    NightlySchedule everyMinute = new NightlySchedule("0 * * * * *", ZoneId.of("UTC"), null);
    assertThat(everyMinute.previousSlot(Instant.parse("2024-08-20T10:15:30Z")))
        .contains(Instant.parse("2024-08-20T10:15:00Z"));
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> new NightlySchedule("0 2 * *", BERLIN, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`0 2 * *`");
    assertThatThrownBy(() -> new NightlySchedule("0 0 2 * * *", BERLIN, Duration.ofHours(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT7H");
  }

  @Test
  void jitterIsStableBoundedAndPerManager() {
    NightlySchedule s = new NightlySchedule("0 0 2 * * *", BERLIN, Duration.ofMinutes(30));
    Instant slot = berlin("2024-08-12T02:00");
    for (String m : new String[] {"default", "prod", "staging", "eu-1", "us-2"}) {
      Duration j = s.jitterFor(m, slot);
      assertThat(j).isBetween(Duration.ZERO, Duration.ofMinutes(30).minusSeconds(1));
      assertThat(s.jitterFor(m, slot)).isEqualTo(j);
      assertThat(s.dueAt(m, slot)).isEqualTo(slot.plus(j));
    }
    assertThat(
            java.util.stream.Stream.of("a", "b", "c", "d", "e", "f")
                .map(m -> s.jitterFor(m, slot))
                .distinct()
                .count())
        .isGreaterThan(1);
    assertThat(daily.jitterFor("default", slot)).isZero();
  }

  @Test
  void decideOnTimeCatchUpAndNotYet() {
    Duration grace = Duration.ofMinutes(10);
    Instant slot = berlin("2024-08-12T02:00");

    var before = daily.decide("default", berlin("2024-08-12T01:59"), grace);
    assertThat(before.due()).isTrue(); // yesterday's slot: due, and late
    assertThat(before.slot()).isEqualTo(berlin("2024-08-11T02:00"));
    assertThat(before.catchUp()).isTrue();

    var onTime = daily.decide("default", slot.plusSeconds(30), grace);
    assertThat(onTime).isEqualTo(new NightlySchedule.SlotDecision(slot, slot, true, false));

    var late = daily.decide("default", berlin("2024-08-12T09:15"), grace);
    assertThat(late).isEqualTo(new NightlySchedule.SlotDecision(slot, slot, true, true));

    NightlySchedule jittered = new NightlySchedule("0 0 2 * * *", BERLIN, Duration.ofHours(1));
    Instant due = jittered.dueAt("default", slot);
    assertThat(due).isAfter(slot);
    var waiting = jittered.decide("default", due.minusSeconds(1), grace);
    assertThat(waiting.due()).isFalse();
    assertThat(waiting.dueAt()).isEqualTo(due);
    assertThat(jittered.decide("default", due, grace).due()).isTrue();
  }

  @Test
  void dbSchedulerScheduleFiresAtEachDueTime() {
    NightlySchedule jittered = new NightlySchedule("0 0 2 * * *", BERLIN, Duration.ofHours(1));
    var schedule = jittered.asDbSchedulerSchedule("default");
    Instant slot = berlin("2024-08-12T02:00");
    Instant due = jittered.dueAt("default", slot);

    assertThat(
            schedule.getNextExecutionTime(ExecutionComplete.simulatedSuccess(slot.plusSeconds(1))))
        .isEqualTo(due);
    assertThat(schedule.getNextExecutionTime(ExecutionComplete.simulatedSuccess(due)))
        .isEqualTo(jittered.dueAt("default", berlin("2024-08-13T02:00")));
    assertThat(schedule.isDeterministic()).isTrue();
  }
}
