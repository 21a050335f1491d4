package io.cfychatops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void scrapeShowsEverySeriesInPrometheusFormat() {
    Metrics m = Metrics.create();
    m.backupSucceeded(
        "default", 1_048_576, Duration.ofSeconds(90), Instant.parse("2024-08-12T00:01:30Z"));
    m.backupFailed("prod", "download", Duration.ofSeconds(5));
    m.operationFinished("restore", "succeeded", Duration.ofMinutes(7));
    m.slackCallFailed("chat.postMessage");
    m.cloudifyCallFailed("transport");
    m.cloudifyCallFailed("transport");

    String text = m.scrape();

    assertThat(text)
        .contains(
            "cfy_backups_succeeded_total{manager=\"default\"} 1.0",
            "cfy_backups_failed_total{manager=\"prod\",stage=\"download\"} 1.0",
            "cfy_backup_last_success_timestamp_seconds{manager=\"default\"} 1.72342089E9",
            "cfy_backup_last_success_timestamp_seconds{manager=\"prod\"} 0.0",
            "cfy_backup_archive_bytes_sum{manager=\"default\"} 1048576.0",
            "cfy_backup_last_archive_bytes{manager=\"default\"} 1048576.0",
            "cfy_operation_duration_seconds_count{kind=\"restore\",outcome=\"succeeded\"} 1",
            "cfy_operation_duration_seconds_sum{kind=\"restore\",outcome=\"succeeded\"} 420.0",
            "cfy_operation_duration_seconds_count{kind=\"nightly_backup\",outcome=\"failed\"} 1",
            "cfy_slack_call_errors_total{method=\"chat.postMessage\"} 1.0",
            "cfy_cloudify_call_errors_total{kind=\"transport\"} 2.0",
            "# TYPE cfy_backups_succeeded_total counter");
    assertThat(Metrics.CONTENT_TYPE).startsWith("text/plain; version=0.0.4");
  }

  @Test
  void gaugesFollowTheNewestSuccess() {
    Metrics m = Metrics.create();
    m.backupSucceeded("default", 10, Duration.ofSeconds(1), Instant.ofEpochSecond(100));
    m.backupSucceeded("default", 20, Duration.ofSeconds(1), Instant.ofEpochSecond(200));

    assertThat(m.scrape())
        .contains(
            "cfy_backup_last_success_timestamp_seconds{manager=\"default\"} 200.0",
            "cfy_backup_last_archive_bytes{manager=\"default\"} 20.0",
            "cfy_backups_succeeded_total{manager=\"default\"} 2.0");
  }

  @Test
  void blankLabelsAreRejected() {
    assertThatThrownBy(() -> Metrics.create().slackCallFailed(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("method");
  }
}
