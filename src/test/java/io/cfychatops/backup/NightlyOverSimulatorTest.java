package io.cfychatops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.app.CloudifyManagerPort;
import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.chat.Message;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.testing.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly run over real HTTP against the simulator, through the production adapter. */
class NightlyOverSimulatorTest {
  final SettableClock clock = SettableClock.create(); // 2024-08-12T02:00:00Z
  final Metrics metrics = Metrics.create();
  @TempDir Path tmp;
  CloudifySimulator sim;
  CloudifyClient client;
  NightlyService service;

  @BeforeEach
  void start() throws IOException {
    sim =
        new CloudifySimulator(
            SimulatorConfig.builder()
                .clock(clock)
                .storageDir(tmp.resolve("sim"))
                .archiveSize(512 * 1024)
                .build());
    sim.start();
    client =
        HttpCloudifyClient.create(
            ManagerConnection.of(
                "default",
                URI.create(sim.baseUrl()),
                "default_tenant",
                Credentials.basic("admin", "admin")));
    BackupConfig config =
        BackupConfig.builder()
            .manager("default", ZoneId.of("UTC"))
            .reportsChannel("#ops")
            .onCall("ops-oncall")
            .pollInterval(Duration.ofSeconds(1))
            .build();
    service =
        ManualNightly.builder(clock, clock::advance, new CloudifyManagerPort(m -> client, metrics))
            .config(config)
            .store(new ArchiveStore(tmp.resolve("archives")))
            .catalog(new InMemoryBackupCatalog())
            .runs(new InMemoryNightlyRunLog())
            .metrics(metrics)
            .build();
  }

  @AfterEach
  void stop() {
    service.close();
    client.close();
    sim.stop();
  }

  @Test
  void backupsRunNowDownloadsAndVerifiesTheSimulatorsArchive() {
    NightReport report = service.runNow("default");

    ManagerRun run = report.rows().get(0).run();
    assertThat(run.succeeded()).as(run.error()).isTrue();
    assertThat(run.snapshotId()).isEqualTo("nightly-default-20240812-0200");
    assertThat(run.verified()).isTrue();
    assertThat(run.sizeBytes()).isEqualTo(512 * 1024);
    Message m = BackupReport.render(report);
    assertThat(m.fallbackText())
        .contains(
            "✅ default · nightly-default-20240812-0200",
            "sha256 " + run.sha256().substring(0, 12),
            "verified");
    assertThat(BackupMessages.status(service.status()).fallbackText()).contains("✅ default · RPO ");
    assertThat(metrics.scrape()).contains("cfy_backups_succeeded_total{manager=\"default\"} 1.0");
  }

  @Test
  void aSnapshotStatusLaggingBehindTheExecutionIsWaitedFor() {
    sim.stop();
    sim =
        new CloudifySimulator(
            SimulatorConfig.builder()
                .clock(clock)
                .storageDir(tmp.resolve("sim-lag"))
                .archiveSize(64 * 1024)
                .snapshotUpdateLag(Duration.ofSeconds(3))
                .build());
    try {
      sim.start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    client.close();
    client =
        HttpCloudifyClient.create(
            ManagerConnection.of(
                "default",
                URI.create(sim.baseUrl()),
                "default_tenant",
                Credentials.basic("admin", "admin")));
    ManagerRun run = service.runNow("default").rows().get(0).run();
    assertThat(run.succeeded()).as(run.error()).isTrue();
    assertThat(run.verified()).isTrue();
  }

  @Test
  void aFailedCreateOnTheManagerIsReportedWithItsError() {
    sim.failNextCreate("Disk full on /opt/manager");

    ManagerRun run = service.runNow("default").rows().get(0).run();

    assertThat(run.succeeded()).isFalse();
    assertThat(run.failedStage()).isEqualTo("wait");
    assertThat(run.error()).contains("Disk full on /opt/manager");
  }
}
