package io.cfychatops.backup;

import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.Message;
import io.cfychatops.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report of a batch of nightly runs: each run with its RPO and history strip, and its post to
 * the reports channel (with the on-call ping when something failed).
 */
final class NightReports {
  private static final Logger log = LoggerFactory.getLogger(NightReports.class);

  private final BackupConfig config;
  private final BackupCatalog catalog;
  private final NightlyRunLog runs;
  private final @Nullable ChatPort chat;
  private final @Nullable Metrics metrics;
  private final Clock clock;
  private java.util.function.Function<Instant, Map<String, String>> drillFlags = now -> Map.of();

  NightReports(
      BackupConfig config,
      BackupCatalog catalog,
      NightlyRunLog runs,
      @Nullable ChatPort chat,
      @Nullable Metrics metrics,
      Clock clock) {
    this.config = config;
    this.catalog = catalog;
    this.runs = runs;
    this.chat = chat;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** What the report flags about each manager's restore drills (overdue ones). */
  NightReports drillFlags(java.util.function.Function<Instant, Map<String, String>> f) {
    this.drillFlags = f;
    return this;
  }

  NightReport report(List<ManagerRun> results) {
    Instant now = clock.instant();
    List<NightReport.Row> rows = new ArrayList<>();
    for (ManagerRun r : results) {
      Optional<CatalogEntry> newest = catalog.newestVerified(r.manager());
      rows.add(
          new NightReport.Row(
              r,
              newest.map(c -> Duration.between(c.createdAt(), now)).orElse(null),
              newest.map(CatalogEntry::snapshotId).orElse(null),
              historyStrip(r.manager(), now)));
    }
    return new NightReport(now, rows, config.onCallHandle());
  }

  /** Posts {@code report} to the reports channel; a failed post is logged and counted. */
  void post(NightReport report) {
    if (chat == null) {
      return;
    }
    Message.Builder withPing = BackupReport.render(report).toBuilder();
    BackupReport.mentions(report).forEach(withPing::mention);
    try {
      Map<String, String> overdue = drillFlags.apply(clock.instant());
      for (NightReport.Row row : report.rows()) {
        String flag = overdue.get(row.run().manager());
        if (flag != null) {
          withPing.context("⚠️ " + row.run().manager() + ": " + flag);
        }
      }
    } catch (RuntimeException e) {
      log.warn("Could not read the restore drills for the report: {}", NightlyService.message(e));
    }
    try {
      chat.post(config.reportsChannel(), withPing.build());
    } catch (RuntimeException e) {
      log.error(
          "Could not post the backup report to {}: {}",
          config.reportsChannel(),
          NightlyService.message(e));
      if (metrics != null) {
        metrics.slackCallFailed("chat.postMessage");
      }
    }
  }

  /** One symbol per night, oldest first, ending with tonight: ✅ any success, ❌ only failures. */
  String historyStrip(String manager, Instant now) {
    ZoneId zone = config.schedule(manager).zone();
    int n = config.historyNights();
    LocalDate today = LocalDate.ofInstant(now, zone);
    Map<LocalDate, RunRecord.Outcome> nights = new ConcurrentHashMap<>();
    for (RunRecord r : runs.history(manager, now.minus(Duration.ofDays(n + 1)))) {
      LocalDate night = LocalDate.ofInstant(r.slot(), zone);
      nights.merge(
          night,
          r.outcome(),
          (a, b) ->
              a == RunRecord.Outcome.SUCCEEDED || b == RunRecord.Outcome.SUCCEEDED
                  ? RunRecord.Outcome.SUCCEEDED
                  : a == RunRecord.Outcome.RUNNING || b == RunRecord.Outcome.RUNNING
                      ? RunRecord.Outcome.RUNNING
                      : RunRecord.Outcome.FAILED);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = n - 1; i >= 0; i--) {
      RunRecord.Outcome o = nights.get(today.minusDays(i));
      sb.append(o == null ? "⬜" : o.symbol());
    }
    return sb.toString();
  }
}
