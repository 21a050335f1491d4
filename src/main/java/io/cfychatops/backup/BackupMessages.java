package io.cfychatops.backup;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Durations;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renderings for {@code /cfy backups status|history|retention --dry-run} and dead-man alerts. */
public final class BackupMessages {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");
  private static final DateTimeFormatter SINCE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

  private BackupMessages() {}

  /** Each manager's RPO, newest verified copy and next run. */
  public static Message status(StatusReport report) {
    boolean stale = report.managers().stream().anyMatch(m -> isStale(m, report.deadManAge()));
    Message.Builder b =
        Message.builder(
            stale ? Status.WARNING : Status.OK,
            stale ? "Backups: some managers have no recent verified copy" : "Backups: all current");
    for (StatusReport.ManagerStatus m : report.managers()) {
      ZoneId zone = m.schedule().zone();
      StringBuilder row = new StringBuilder();
      row.append(isStale(m, report.deadManAge()) ? "❌ " : "✅ ").append(m.manager());
      if (m.newestVerified() == null) {
        row.append(" · RPO none (no verified copy)");
      } else {
        CatalogEntry c = m.newestVerified();
        row.append(" · RPO ")
            .append(Durations.format(m.rpo()))
            .append(" · newest verified ")
            .append(c.snapshotId())
            .append(" (")
            .append(Durations.bytes(c.sizeBytes()))
            .append(", sha256 ")
            .append(c.shaPrefix())
            .append(')');
      }
      if (m.schedule().enabled()) {
        row.append(" · next run ").append(WHEN.format(m.nextRun().atZone(zone)));
      } else {
        row.append(" · nightly off (schedule.enabled: false)");
      }
      if (m.running()) {
        row.append(" · running now");
      }
      b.row(row.toString());
    }
    b.context(
        "RPO = age of the newest verified copy; alert above "
            + Durations.format(report.deadManAge())
            + ".");
    return b.build();
  }

  /** Runs of one manager, newest first. */
  public static Message history(String manager, int nights, List<RunRecord> runs, ZoneId zone) {
    long failed = runs.stream().filter(r -> r.outcome() == RunRecord.Outcome.FAILED).count();
    Message.Builder b =
        Message.builder(
            failed == 0 ? Status.INFO : Status.WARNING,
            "Backup history of " + manager + " (last " + nights + " nights)");
    if (runs.isEmpty()) {
      b.line("No runs in that period.");
    }
    for (RunRecord r : runs) {
      StringBuilder row = new StringBuilder();
      row.append(r.outcome().symbol())
          .append(' ')
          .append(WHEN.format(r.slot().atZone(zone)))
          .append(" · ")
          .append(r.kind().code());
      if (r.snapshotId() != null) {
        row.append(" · ").append(r.snapshotId());
      }
      if (r.finishedAt() != null) {
        row.append(" · ").append(Durations.format(Duration.between(r.startedAt(), r.finishedAt())));
      }
      if (!r.detail().isBlank()) {
        row.append(" · ").append(r.detail());
      }
      b.row(row.toString());
    }
    return b.build();
  }

  /** What retention would delete and why, one row per copy. */
  public static Message retentionDryRun(RetentionPlanner.Plan plan) {
    int deletes = plan.toDelete().size();
    Message.Builder b =
        Message.builder(
            deletes == 0 ? Status.INFO : Status.WARNING,
            "Retention dry run for "
                + plan.manager()
                + ": "
                + deletes
                + " of "
                + plan.decisions().size()
                + " would be deleted");
    b.field("Policy", plan.policy().toString());
    for (RetentionPlanner.Decision d : plan.decisions()) {
      b.row(
          (d.keep() ? "keep   " : "DELETE ")
              + d.snapshotId()
              + (d.verified() ? "" : " (unverified)")
              + " — "
              + String.join("; ", d.reasons()));
    }
    b.context(
        "Dry run: nothing was deleted. Only nightly-"
            + plan.manager()
            + "-… snapshots are managed; other snapshots are never touched.");
    return b.build();
  }

  /**
   * A dead-man alert: no verified copy for longer than allowed, pinging the on-call group. The one
   * text of both the live check ({@link DeadManCheck}) and the alarm Slack posts for us ({@link
   * #deadManAlarm}).
   */
  public static Message deadMan(DeadManCheck.Alert alert, String onCallHandle) {
    String title =
        alert.newestVerified() == null
            ? "No verified backup of " + alert.manager() + " on record"
            : "No verified backup of " + alert.manager() + " for " + Durations.format(alert.age());
    Message.Builder b = Message.builder(Status.FAILED, title);
    if (alert.newestVerified() != null) {
      b.code("Newest verified", alert.newestVerified().snapshotId());
      b.field("Since", SINCE.format(alert.newestVerified().createdAt()));
    }
    b.field("Allowed age", Durations.format(alert.maxAge()));
    b.line(
        "The nightly backup has not produced a verified copy in time. Check `/cfy backups"
            + " history --manager "
            + alert.manager()
            + "`, then run `/cfy backups run --manager "
            + alert.manager()
            + "`.");
    if (onCallHandle != null) {
      b.field("On-call", "@" + onCallHandle);
    }
    return b.mention(onCallHandle).build();
  }

  /**
   * The dead-man alert as the alarm Slack posts by itself at {@code alert}'s time ({@link
   * DeadManAlarm}): the same text, a line saying why Slack posted it, and {@code marker} as small
   * print so the alarm can be recognised in Slack's list of scheduled messages.
   */
  public static Message deadManAlarm(DeadManCheck.Alert alert, String onCallHandle, String marker) {
    return deadMan(alert, onCallHandle).toBuilder()
        .line(
            "Slack posted this alarm by itself: cfy-chatops keeps it scheduled ahead and moves it on"
                + " after every verified backup and while it is alive, so the bot may be down too. Check the"
                + " bot (its `/healthz`, then `/cfy backups status`).")
        .context("Scheduled ahead by cfy-chatops · " + marker)
        .build();
  }

  private static boolean isStale(StatusReport.ManagerStatus m, Duration maxAge) {
    return m.rpo() == null || m.rpo().compareTo(maxAge) > 0;
  }
}
