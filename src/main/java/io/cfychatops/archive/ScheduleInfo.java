package io.cfychatops.archive;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An execution schedule as the archive holds it, with what it takes to say which occurrences a
 * restore at a given time skips. On a 7.x restore the server recomputes {@code next_occurrence} as
 * the first occurrence after the restore ({@code ExecutionSchedule.compute_next_occurrence}), so
 * the occurrences between the snapshot and the restore never run (research notes A.5).
 *
 * <p>Rules follow the manager's {@code get_rrule}: {@code {rrule: "RRULE:FREQ=…;INTERVAL=…;COUNT=…;
 * UNTIL=…"}}, {@code {recurrence: "2 weeks", count}} or {@code {count: 1}} (once, at {@code
 * since}). Rules with weekdays or other {@code BY…} parts are not computed: {@link
 * #occurrencesBetween} answers empty for them rather than a wrong number. {@link #toString()} shows
 * the deployment only: ids and parameters stay inside.
 *
 * @param tenant its tenant
 * @param id its id
 * @param deploymentId its deployment
 * @param workflowId the workflow it runs
 * @param since first possible occurrence; {@code null} if the archive had none or an unreadable one
 * @param until last possible occurrence, or {@code null}
 * @param slip minutes an occurrence may run late
 * @param enabled whether it runs at all
 * @param recurrence the rule's {@code recurrence} ({@code "6 hours"}), or {@code null}
 * @param count the rule's {@code count}, or {@code null}
 * @param weekdays the rule's {@code weekdays}
 * @param rrule the rule's {@code rrule}, or {@code null}
 */
public record ScheduleInfo(
    String tenant,
    String id,
    String deploymentId,
    String workflowId,
    Instant since,
    Instant until,
    int slip,
    boolean enabled,
    String recurrence,
    Integer count,
    List<String> weekdays,
    String rrule) {
  private static final Pattern RECURRENCE =
      Pattern.compile("(\\d+) ?(sec(ond)?|min(ute)?|h(our)?|d(ay)?|w(eek)?|mo(nth)?|y(ear)?)s?$");
  private static final int MAX_STEPS = 1_000_000;

  public ScheduleInfo {
    weekdays = weekdays == null ? List.of() : List.copyOf(weekdays);
  }

  /** A rule reduced to a fixed step or calendar months, from {@code dtstart}. */
  private record Rule(Instant start, long stepSeconds, int stepMonths, Long count, Instant until) {
    Instant at(long k) {
      if (stepMonths == 0) {
        return start.plusSeconds(stepSeconds * k);
      }
      ZonedDateTime s = start.atZone(ZoneOffset.UTC);
      ZonedDateTime m = s.withDayOfMonth(1).plusMonths(stepMonths * k);
      // dateutil skips months without the start's day (31st, Feb 29th)
      return s.getDayOfMonth() > m.toLocalDate().lengthOfMonth()
          ? null
          : m.withDayOfMonth(s.getDayOfMonth()).toInstant();
    }
  }

  /**
   * How many occurrences fall in {@code (fromExclusive, toInclusive]}: the ones a restore at {@code
   * toInclusive} of a snapshot taken at {@code fromExclusive} skips. Zero for a disabled schedule;
   * empty when the rule is not one this reader computes.
   */
  public OptionalLong occurrencesBetween(Instant fromExclusive, Instant toInclusive) {
    Optional<Rule> rule = rule();
    if (rule.isEmpty()) {
      return OptionalLong.empty();
    }
    if (!enabled || !toInclusive.isAfter(fromExclusive)) {
      return OptionalLong.of(0);
    }
    Rule r = rule.get();
    Instant end = r.until() != null && r.until().isBefore(toInclusive) ? r.until() : toInclusive;
    if (r.stepMonths() == 0) {
      if (end.isBefore(r.start())) {
        return OptionalLong.of(0);
      }
      long last =
          r.stepSeconds() == 0
              ? 0
              : Duration.between(r.start(), end).getSeconds() / r.stepSeconds();
      long first =
          fromExclusive.isBefore(r.start())
              ? 0
              : r.stepSeconds() == 0
                  ? 1
                  : Duration.between(r.start(), fromExclusive).getSeconds() / r.stepSeconds() + 1;
      if (r.count() != null) {
        last = Math.min(last, r.count() - 1);
      }
      return OptionalLong.of(Math.max(0, last - first + 1));
    }
    long n = 0;
    long seen = 0;
    for (long k = 0; k < MAX_STEPS; k++) {
      Instant at = r.at(k);
      if (at == null) {
        continue;
      }
      if (at.isAfter(end) || (r.count() != null && seen >= r.count())) {
        return OptionalLong.of(n);
      }
      seen++;
      if (at.isAfter(fromExclusive)) {
        n++;
      }
    }
    return OptionalLong.empty();
  }

  /** Whether the schedule has no occurrence after {@code at} (expired, or used up its count). */
  public Optional<Boolean> expiredAt(Instant at) {
    Optional<Rule> rule = rule();
    if (rule.isEmpty()) {
      return Optional.empty();
    }
    if (rule.get().until() == null && rule.get().count() == null) {
      return Optional.of(false);
    }
    OptionalLong left = occurrencesBetween(at, Instant.parse("9999-12-31T00:00:00Z"));
    return left.isEmpty() ? Optional.empty() : Optional.of(left.getAsLong() == 0);
  }

  private Optional<Rule> rule() {
    if (since == null) {
      return Optional.empty();
    }
    if (rrule != null && !rrule.isBlank()) {
      return fromRrule();
    }
    if (recurrence == null || recurrence.isBlank()) {
      return count != null && count == 1
          ? Optional.of(new Rule(since, 0, 0, 1L, until))
          : Optional.empty();
    }
    if (!weekdays.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = RECURRENCE.matcher(recurrence);
    if (!m.find()) {
      return Optional.empty();
    }
    long interval = Long.parseLong(m.group(1));
    return step(m.group(2), interval)
        .map(s -> new Rule(since, s[0], (int) s[1], count == null ? null : (long) count, until));
  }

  private Optional<Rule> fromRrule() {
    String body = rrule.trim();
    if (body.regionMatches(true, 0, "RRULE:", 0, 6)) {
      body = body.substring(6);
    }
    String freq = null;
    long interval = 1;
    Long cnt = null;
    Instant untilRule = null;
    for (String part : body.split(";")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        return Optional.empty();
      }
      String k = part.substring(0, eq).trim().toUpperCase(Locale.ROOT);
      String v = part.substring(eq + 1).trim();
      try {
        switch (k) {
          case "FREQ" -> freq = v.toUpperCase(Locale.ROOT);
          case "INTERVAL" -> interval = Long.parseLong(v);
          case "COUNT" -> cnt = Long.parseLong(v);
          case "UNTIL" -> untilRule = rruleTime(v);
          default -> {
            return Optional.empty(); // BYDAY, BYMONTHDAY, WKST…: not computed here
          }
        }
      } catch (NumberFormatException | DateTimeParseException e) {
        return Optional.empty();
      }
    }
    if (freq == null || interval < 1) {
      return Optional.empty();
    }
    String unit =
        switch (freq) {
          case "SECONDLY" -> "sec";
          case "MINUTELY" -> "min";
          case "HOURLY" -> "h";
          case "DAILY" -> "d";
          case "WEEKLY" -> "w";
          case "MONTHLY" -> "mo";
          case "YEARLY" -> "y";
          default -> null;
        };
    Instant end = untilRule != null ? untilRule : until;
    Long c = cnt;
    return unit == null
        ? Optional.empty()
        : step(unit, interval).map(s -> new Rule(since, s[0], (int) s[1], c, end));
  }

  /** {seconds, months} of one step. */
  private static Optional<long[]> step(String unit, long interval) {
    if (interval < 1 || interval > 100_000) {
      return Optional.empty();
    }
    long secs =
        switch (unit) {
          case "sec", "second" -> 1;
          case "min", "minute" -> 60;
          case "h", "hour" -> 3_600;
          case "d", "day" -> 86_400;
          case "w", "week" -> 604_800;
          default -> 0;
        };
    if (secs > 0) {
      return Optional.of(new long[] {secs * interval, 0});
    }
    return switch (unit) {
      case "mo", "month" -> Optional.of(new long[] {0, interval});
      case "y", "year" -> Optional.of(new long[] {0, 12 * interval});
      default -> Optional.empty();
    };
  }

  private static Instant rruleTime(String v) {
    String s = v.endsWith("Z") ? v.substring(0, v.length() - 1) : v;
    if (s.length() == 8) {
      s = s + "T000000";
    }
    return LocalDateTime.parse(s, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
        .toInstant(ZoneOffset.UTC);
  }

  /** A Cloudify timestamp ({@code 2024-08-12T02:00:00.000Z}, or without zone: UTC), or null. */
  static Instant time(String s) {
    if (s == null || s.length() > 40) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  @Override
  public String toString() {
    return "ScheduleInfo[tenant="
        + tenant
        + ", deployment="
        + deploymentId
        + ", enabled="
        + enabled
        + "]";
  }
}
