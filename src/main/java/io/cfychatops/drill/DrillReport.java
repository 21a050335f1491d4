package io.cfychatops.drill;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Truncate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders drills: the report of one (reports channel) and {@code /cfy drills history}. */
public final class DrillReport {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private DrillReport() {}

  static Status status(DrillVerdict v) {
    return switch (v) {
      case SUCCESSFUL -> Status.OK;
      case FAILED -> Status.FAILED;
      case TIMED_OUT -> Status.WARNING;
      case RUNNING -> Status.INFO;
    };
  }

  /** The report of one ended drill: verdict, reason, RTO in total and by phase. */
  public static Message render(DrillRecord r) {
    Message.Builder b =
        Message.builder(
                status(r.verdict()),
                "Restore drill of " + r.manager() + " on " + r.target() + ": " + r.verdict().name())
            .code("Snapshot", r.snapshotId())
            .field("Operation", r.operationId());
    if (r.total() != null) {
      b.field("RTO", Durations.format(r.total()));
    }
    if (r.verdict() != DrillVerdict.SUCCESSFUL && !r.reason().isEmpty()) {
      b.line("Reason: " + Truncate.clip(r.reason(), 1500));
    }
    r.phases().forEach((phase, d) -> b.row(phase + ": " + Durations.format(d)));
    if (r.verdict() == DrillVerdict.TIMED_OUT) {
      b.context("maintenance mode on " + r.target() + " was switched off after the time-out");
    }
    return b.build();
  }

  /** One line: "✅ SUCCESSFUL 2026-03-01 10:00 `nightly-1` RTO 4m 10s". */
  public static String line(DrillRecord r, ZoneId zone) {
    return status(r.verdict()).tag()
        + " "
        + r.verdict().name()
        + " "
        + WHEN.format(r.startedAt().atZone(zone))
        + " `"
        + r.snapshotId()
        + "` on "
        + r.target()
        + (r.total() == null ? "" : " RTO " + Durations.format(r.total()))
        + (r.verdict() == DrillVerdict.FAILED || r.verdict() == DrillVerdict.TIMED_OUT
            ? " — " + Truncate.clip(r.reason(), 300)
            : "");
  }

  /** {@code /cfy drills history}. */
  public static Message history(String manager, List<DrillRecord> drills, ZoneId zone) {
    if (drills.isEmpty()) {
      return Message.text(Status.INFO, "No restore drills of " + manager + " yet.");
    }
    Message.Builder b = Message.builder(Status.INFO, "Restore drills of " + manager);
    for (DrillRecord r : drills) {
      b.row(line(r, zone));
    }
    DrillRecord newest = drills.get(0);
    if (!newest.phases().isEmpty()) {
      b.context("Newest drill by phase: " + DrillPhases.format(newest.phases()));
    }
    return b.build();
  }

  /** "SUCCESSFUL 3h ago, RTO 4m 10s" for status views; "never" when there is none. */
  public static String summary(@org.jspecify.annotations.Nullable DrillRecord r, Instant now) {
    if (r == null) {
      return "never";
    }
    Duration total = r.total();
    return r.verdict().name()
        + " "
        + Durations.ago(r.startedAt(), now)
        + " ago"
        + (total == null ? "" : ", RTO " + Durations.format(total));
  }
}
