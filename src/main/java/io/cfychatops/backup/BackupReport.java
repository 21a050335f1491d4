package io.cfychatops.backup;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Truncate;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link NightReport} as one chat message: a row per manager (✅/❌, snapshot id, size,
 * duration, SHA-256 prefix, verified, off-site ✓/✗ when configured, RPO, history strip), context lines for catch-up runs and
 * retention, and, on failure, the on-call group.
 *
 * <p>The chat model is plain text, so the on-call handle appears as the words {@code on-call:
 * @ops-oncall} and cannot ping by itself. A transport that can mention groups pings the handles
 * {@link #mentions} returns (Slack: {@code <!subteam^ID>} after resolving the handle).
 */
public final class BackupReport {
  private BackupReport() {}

  public static Message render(NightReport report) {
    List<NightReport.Row> rows = report.rows();
    long failed = rows.stream().filter(r -> !r.run().succeeded()).count();
    boolean manual = rows.size() == 1 && rows.get(0).run().kind() == RunRecord.Kind.MANUAL;
    String title;
    if (manual) {
      ManagerRun r = rows.get(0).run();
      title = "Backup of " + r.manager() + (r.succeeded() ? " succeeded" : " failed");
    } else {
      title =
          failed == 0
              ? "Nightly backups: " + rows.size() + " of " + rows.size() + " succeeded"
              : "Nightly backups: " + failed + " of " + rows.size() + " failed";
    }
    Message.Builder b = Message.builder(failed == 0 ? Status.OK : Status.FAILED, title);
    for (NightReport.Row row : rows) {
      b.row(row(row));
    }
    for (NightReport.Row row : rows) {
      ManagerRun r = row.run();
      if (r.kind() == RunRecord.Kind.CATCH_UP) {
        b.context(r.manager() + ": catch-up run: the " + r.slotLocalTime() + " slot was missed");
      }
      if (!r.retentionDeleted().isEmpty()) {
        b.context(
            r.manager()
                + ": retention deleted "
                + r.retentionDeleted().size()
                + " ("
                + String.join(", ", r.retentionDeleted())
                + ")");
      }
      for (String p : r.retentionProblems()) {
        b.context(r.manager() + ": retention " + (p.startsWith("kept ") ? "" : "problem: ") + p);
      }
    }
    if (!rows.isEmpty()) {
      b.context(
          "History: last "
              + rows.get(0).history().codePointCount(0, rows.get(0).history().length())
              + " nights, oldest first (✅ ok, ❌ failed, ⬜ no run). "
              + "RPO = age of the newest verified copy.");
    }
    if (failed > 0 && report.onCallHandle() != null) {
      b.field("On-call", "@" + report.onCallHandle());
    }
    return b.build();
  }

  /** User-group handles a transport should ping with this report: the on-call group on failure. */
  public static List<String> mentions(NightReport report) {
    boolean failed = report.rows().stream().anyMatch(r -> !r.run().succeeded());
    List<String> out = new ArrayList<>();
    if (failed && report.onCallHandle() != null) {
      out.add(report.onCallHandle());
    }
    return out;
  }

  static String row(NightReport.Row row) {
    ManagerRun r = row.run();
    List<String> parts = new ArrayList<>();
    parts.add((r.succeeded() ? "✅ " : "❌ ") + r.manager());
    parts.add(r.snapshotId() == null ? "(no snapshot)" : r.snapshotId());
    if (r.succeeded()) {
      parts.add(Durations.bytes(r.sizeBytes()));
      parts.add(Durations.format(r.duration()));
      parts.add("sha256 " + r.shaPrefix());
      parts.add(r.verified() ? "verified" : "NOT verified");
      if (r.offsite() != null) {
        parts.add(Truncate.firstLine(r.offsite().summary(), Truncate.MAX_LINE));
      }
    } else {
      parts.add("failed at " + r.failedStage() + ": " + r.error());
      parts.add(Durations.format(r.duration()));
      if (r.sha256() != null) {
        parts.add("sha256 " + r.shaPrefix());
        parts.add("NOT verified");
      }
    }
    parts.add(
        "RPO " + (row.rpo() == null ? "none (no verified copy)" : Durations.format(row.rpo())));
    parts.add(row.history());
    return String.join(" · ", parts);
  }
}
