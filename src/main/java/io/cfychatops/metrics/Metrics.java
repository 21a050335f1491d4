package io.cfychatops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bot's metrics, exposed in the Prometheus text format by {@link #scrape()}.
 *
 * <p>Thread-safe. Label values are free text chosen by the caller but should come from small closed
 * sets (manager names, operation kinds, outcome words), never ids or error messages, to keep
 * cardinality bounded.
 *
 * <p>Series (Prometheus names):
 *
 * <ul>
 *   <li>{@code cfy_backups_succeeded_total{manager}}, {@code
 *       cfy_backups_failed_total{manager,stage}}
 *   <li>{@code cfy_backup_last_success_timestamp_seconds{manager}} (gauge; 0 until the first
 *       success)
 *   <li>{@code cfy_backup_archive_bytes{manager}} (summary: {@code _sum} counts bytes stored,
 *       {@code _count} archives) and {@code cfy_backup_last_archive_bytes{manager}} (gauge)
 *   <li>{@code cfy_operation_duration_seconds{kind,outcome}} (timer)
 *   <li>{@code cfy_slack_call_errors_total{method}}, {@code cfy_cloudify_call_errors_total{kind}}
 *   <li>{@code cfy_drills_total{manager,verdict}} (verdict {@code successful}, {@code failed},
 *       {@code timed_out}) and {@code cfy_drill_rto_seconds{manager,phase}} (gauge: the newest
 *       drill's time per phase, {@code phase="total"} for the whole drill)
 * </ul>
 */
public final class Metrics {
  /** The {@code Content-Type} of {@link #scrape()}'s output. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final ConcurrentMap<String, AtomicLong> lastSuccessEpochSecond =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicLong> lastArchiveBytes = new ConcurrentHashMap<>();
  private final ConcurrentMap<java.util.List<String>, AtomicLong> drillRtoMillis =
      new ConcurrentHashMap<>();

  private Metrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** A fresh registry; one per process. */
  public static Metrics create() {
    return new Metrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** Records a nightly (or on-demand) backup that was stored and verified. */
  public void backupSucceeded(String manager, long archiveBytes, Duration duration, Instant at) {
    requireLabel(manager, "manager");
    Counter.builder("cfy.backups.succeeded")
        .description("Backups stored and verified off the manager")
        .tag("manager", manager)
        .register(registry)
        .increment();
    DistributionSummary.builder("cfy.backup.archive.bytes")
        .description("Bytes of snapshot archives stored")
        .baseUnit("bytes")
        .tag("manager", manager)
        .register(registry)
        .record((double) archiveBytes);
    gauge(
            "cfy.backup.last.success.timestamp.seconds",
            "Unix time of the newest verified backup",
            lastSuccessEpochSecond,
            manager)
        .set(at.getEpochSecond());
    gauge(
            "cfy.backup.last.archive.bytes",
            "Size of the newest stored archive",
            lastArchiveBytes,
            manager)
        .set(archiveBytes);
    operationFinished("nightly_backup", "succeeded", duration);
  }

  /** Records a failed backup; {@code stage} is one of create, wait, download, verify, catalog. */
  public void backupFailed(String manager, String stage, Duration duration) {
    requireLabel(manager, "manager");
    requireLabel(stage, "stage");
    Counter.builder("cfy.backups.failed")
        .description("Backups that did not produce a verified copy")
        .tag("manager", manager)
        .tag("stage", stage)
        .register(registry)
        .increment();
    // make sure the success series exist (at 0) so alerts on absence work from the start
    gauge(
        "cfy.backup.last.success.timestamp.seconds",
        "Unix time of the newest verified backup",
        lastSuccessEpochSecond,
        manager);
    operationFinished("nightly_backup", "failed", duration);
  }

  /** Records the duration of any operation, e.g. kind {@code restore}, outcome {@code failed}. */
  public void operationFinished(String kind, String outcome, Duration duration) {
    requireLabel(kind, "kind");
    requireLabel(outcome, "outcome");
    Timer.builder("cfy.operation.duration")
        .description("Duration of operations by kind and outcome")
        .tag("kind", kind)
        .tag("outcome", outcome)
        .register(registry)
        .record(duration);
  }

  /**
   * Records a restore drill's verdict and its RTO by phase ({@code phases}: phase name to time) and
   * in total.
   */
  public void drillFinished(
      String manager, String verdict, java.util.Map<String, Duration> phases, Duration total) {
    requireLabel(manager, "manager");
    requireLabel(verdict, "verdict");
    Counter.builder("cfy.drills")
        .description("Restore drills by verdict")
        .tag("manager", manager)
        .tag("verdict", verdict)
        .register(registry)
        .increment();
    phases.forEach((phase, d) -> drillRto(manager, phase).set(d.toMillis()));
    drillRto(manager, "total").set(total.toMillis());
  }

  private AtomicLong drillRto(String manager, String phase) {
    return drillRtoMillis.computeIfAbsent(
        java.util.List.of(manager, phase),
        k -> {
          AtomicLong v = new AtomicLong();
          Gauge.builder("cfy.drill.rto.seconds", v, x -> x.get() / 1000.0)
              .description("The newest restore drill's time per phase")
              .tag("manager", manager)
              .tag("phase", phase)
              .register(registry);
          return v;
        });
  }

  /** A Slack Web API call that failed (transport error or {@code ok=false}). */
  public void slackCallFailed(String method) {
    requireLabel(method, "method");
    Counter.builder("cfy.slack.call.errors")
        .description("Slack API calls that failed")
        .tag("method", method)
        .register(registry)
        .increment();
  }

  /** A Cloudify REST call that failed; {@code kind} is e.g. {@code transport}, {@code http_503}. */
  public void cloudifyCallFailed(String kind) {
    requireLabel(kind, "kind");
    Counter.builder("cfy.cloudify.call.errors")
        .description("Cloudify REST calls that failed")
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  /** The current values in the Prometheus text exposition format ({@link #CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  private AtomicLong gauge(
      String name, String description, ConcurrentMap<String, AtomicLong> values, String manager) {
    return values.computeIfAbsent(
        manager,
        m -> {
          AtomicLong v = new AtomicLong();
          Gauge.builder(name, v, AtomicLong::doubleValue)
              .description(description)
              .tag("manager", m)
              .register(registry);
          return v;
        });
  }

  private static void requireLabel(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
