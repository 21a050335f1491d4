package io.cfychatops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.StoredArchive;
import io.cfychatops.chat.Field;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import io.cfychatops.text.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NightlyServiceTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final String CHANNEL = "#ops-backups";

  @TempDir Path root;
  final SettableClock clock = new SettableClock(berlin("2024-08-12T02:00:05"));
  final InMemoryNightlyRunLog runs = new InMemoryNightlyRunLog();
  final InMemoryBackupCatalog catalog = new InMemoryBackupCatalog();
  final RecordingChatPort chat = new RecordingChatPort();
  final Metrics metrics = Metrics.create();
  final Map<String, FakeManager> managers =
      Map.of(
          "default", new FakeManager(clock, "7.0.4"),
          "prod", new FakeManager(clock, "7.0.4"));
  final List<NightlyService> services = new ArrayList<>();

  static Instant berlin(String local) {
    return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
  }

  BackupConfig.Builder config() {
    return BackupConfig.builder()
        .manager("default", BERLIN)
        .manager("prod", BERLIN)
        .reportsChannel(CHANNEL)
        .onCall("ops-oncall")
        .retention(RetentionPolicy.DEFAULT)
        .pollInterval(Duration.ofSeconds(5))
        .parallelism(4);
  }

  NightlyService service(BackupConfig config, Set<String> inUse) {
    NightlyService s =
        ManualNightly.builder(clock, clock.sleeper(), FakeManager.fleet(managers))
            .config(config)
            .store(new ArchiveStore(root))
            .catalog(catalog)
            .runs(runs)
            .chat(chat)
            .metrics(metrics)
            .snapshotInUse(inUse::contains)
            .owner("test")
            .build();
    services.add(s);
    return s;
  }

  NightlyService service() {
    return service(config().build(), Set.of());
  }

  @AfterEach
  void close() {
    services.forEach(NightlyService::close);
  }

  @Test
  void atTheSlotEveryManagerRunsOnceAndOneReportIsPosted() {
    NightlyService s = service();

    NightReport report = s.runDue().orElseThrow();

    assertThat(report.rows())
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.run().succeeded()).as(r.run().error()).isTrue();
              assertThat(r.run().kind()).isEqualTo(RunRecord.Kind.SCHEDULED);
              assertThat(r.run().verified()).isTrue();
              assertThat(r.rpo()).isLessThan(Duration.ofMinutes(5));
            });
    assertThat(report.rows())
        .extracting(r -> r.run().snapshotId())
        .containsExactly("nightly-default-20240812-0200", "nightly-prod-20240812-0200");
    assertThat(chat.events("post")).hasSize(1);
    assertThat(chat.events("post").get(0).channel()).isEqualTo(CHANNEL);
    Message m = chat.events("post").get(0).message();
    assertThat(m.status()).isEqualTo(Status.OK);
    assertThat(m.title()).isEqualTo("Nightly backups: 2 of 2 succeeded");
    assertThat(m.fields()).extracting(Field::label).doesNotContain("On-call");
    assertThat(new ArchiveStore(root).list("default")).hasSize(1);
    assertThat(catalog.newestVerified("prod")).isPresent();

    // the same slot never runs twice, whoever asks
    assertThat(s.runDue()).isEmpty();
    clock.set(berlin("2024-08-12T15:00:00"));
    assertThat(s.runDue()).isEmpty();
    clock.set(berlin("2024-08-13T02:00:01"));
    assertThat(s.runDue().orElseThrow().rows())
        .extracting(r -> r.run().snapshotId())
        .containsExactly("nightly-default-20240813-0200", "nightly-prod-20240813-0200");
    assertThat(metrics.scrape()).contains("cfy_backups_succeeded_total{manager=\"default\"} 2.0");
  }

  @Test
  void aMissedSlotRunsOnceAfterStartUpAndTheReportSaysSo() {
    clock.set(berlin("2024-08-12T09:30:00")); // the bot was down at 02:00
    NightlyService s = service();

    NightReport report = s.runDue().orElseThrow();

    assertThat(report.rows())
        .allSatisfy(
            r -> {
              assertThat(r.run().kind()).isEqualTo(RunRecord.Kind.CATCH_UP);
              assertThat(r.run().snapshotId()).endsWith("-20240812-0200");
            });
    assertThat(chat.events("post").get(0).message().context())
        .contains(
            "default: catch-up run: the 02:00 slot was missed",
            "prod: catch-up run: the 02:00 slot was missed");
    assertThat(s.runDue()).isEmpty();
  }

  @Test
  void runNowReturnsTheReportAndStatusShowsRpo() {
    clock.set(berlin("2024-08-12T14:07:00"));
    NightlyService s = service();

    NightReport report = s.runNow("default");

    String text = BackupReport.render(report).fallbackText();
    ManagerRun run = report.rows().get(0).run();
    assertThat(run.kind()).isEqualTo(RunRecord.Kind.MANUAL);
    assertThat(text)
        .startsWith("[ok] Backup of default succeeded")
        .contains(
            "✅ default · nightly-default-20240812-1407 · ",
            "sha256 " + run.sha256().substring(0, 12),
            " · verified · RPO ")
        .contains(Durations.bytes(run.sizeBytes()));
    assertThat(chat.events("post")).isEmpty(); // the caller shows it

    clock.advance(Duration.ofHours(3));
    String status = BackupMessages.status(s.status()).fallbackText();
    assertThat(status)
        .contains("✅ default · RPO 3h 0", "newest verified nightly-default-20240812-1407")
        .contains("next run 2024-08-13 02:00 CEST")
        .contains("❌ prod · RPO none (no verified copy)");
  }

  @Test
  void aRunIsRefusedWhileOneIsRunning() {
    NightlyService s = service(config().build(), Set.of());
    AtomicReference<Throwable> refused = new AtomicReference<>();
    managers
        .get("default")
        .onCreate(
            id -> {
              try {
                s.runNow("default");
              } catch (RunRefusedException e) {
                refused.set(e);
              }
            });
    clock.set(berlin("2024-08-12T14:00:00"));

    NightReport first = s.runNow("default");

    assertThat(first.rows().get(0).run().succeeded()).isTrue();
    assertThat(refused.get())
        .isInstanceOf(RunRefusedException.class)
        .hasMessageContaining("A backup of `default` is already running")
        .hasMessageContaining("/cfy backups status");
  }

  @Test
  void aScheduledSlotWaitsForARunningManualRunAndRunsAfterIt() {
    NightlyService s =
        service(
            BackupConfig.builder().manager("default", BERLIN).reportsChannel(CHANNEL).build(),
            Set.of());
    List<Optional<NightReport>> duringRun = new ArrayList<>();
    clock.set(berlin("2024-08-12T01:59:50"));
    RunRecord yesterday =
        RunRecord.claim(
            "default", berlin("2024-08-11T02:00"), RunRecord.Kind.SCHEDULED, "x", clock.instant());
    runs.tryClaim(yesterday);
    runs.finish(
        yesterday.succeeded(
            clock.instant(), "x", 1, "ab".repeat(32), true, Duration.ZERO)); // yesterday done
    managers
        .get("default")
        .onCreate(
            id -> {
              if (duringRun.isEmpty()) {
                clock.set(berlin("2024-08-12T02:00:00"));
                duringRun.add(s.runDue()); // the slot arrives while the manual run is busy
              }
            });

    s.runNow("default");

    assertThat(duringRun).containsExactly(Optional.empty());
    NightReport later = s.runDue().orElseThrow();
    assertThat(later.rows().get(0).run().snapshotId()).isEqualTo("nightly-default-20240812-0200");
  }

  @Test
  void aFailureIsReportedWithTheErrorAndTheOnCallGroup() {
    managers.get("prod").failExecutionWith("No space left on device");
    NightlyService s = service();

    NightReport report = s.runDue().orElseThrow();

    Message m = chat.events("post").get(0).message();
    assertThat(m.status()).isEqualTo(Status.FAILED);
    assertThat(m.title()).isEqualTo("Nightly backups: 1 of 2 failed");
    assertThat(m.rows())
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("❌ prod · nightly-prod-")
                    .contains("failed at wait: execution ")
                    .contains("ended `failed`: No space left on device")
                    .doesNotContain("Traceback")
                    .contains("RPO none (no verified copy)"));
    assertThat(m.rows()).anySatisfy(r -> assertThat(r).startsWith("✅ default"));
    assertThat(m.fields()).contains(Field.of("On-call", "@ops-oncall"));
    assertThat(BackupReport.mentions(report)).containsExactly("ops-oncall");
    assertThat(runs.history("prod", Instant.EPOCH).get(0).outcome())
        .isEqualTo(RunRecord.Outcome.FAILED);
    assertThat(metrics.scrape())
        .contains("cfy_backups_failed_total{manager=\"prod\",stage=\"wait\"} 1.0");
  }

  @Test
  void createAndDownloadFailuresAreHonest() {
    managers
        .get("default")
        .failCreateWith(
            new IllegalStateException(
                "400 existing_running_execution_error: Cannot start execution"));
    managers.get("prod").failDownloadWith(new IllegalStateException("connection reset"));
    NightlyService s = service();

    NightReport report = s.runDue().orElseThrow();

    assertThat(report.rows())
        .extracting(r -> r.run().failedStage() + ": " + r.run().error())
        .containsExactly(
            "create: 400 existing_running_execution_error: Cannot start execution",
            "download: Could not store nightly-prod-20240812-0200 under "
                + root.resolve("prod")
                + ": connection reset");
    assertThat(new ArchiveStore(root).list("prod")).isEmpty();
  }

  @Test
  void aSnapshotThatNeverFinishesTimesOut() {
    managers.get("default").creationTime(Duration.ofHours(5));
    NightlyService s = service(config().runTimeout(Duration.ofHours(1)).build(), Set.of());

    ManagerRun run = s.runNow("default").rows().get(0).run();

    assertThat(run.succeeded()).isFalse();
    assertThat(run.error()).contains("still `started` after 1h 00m; gave up waiting");
  }

  @Test
  void retentionRunsAfterSuccessOnTheManagerAndInTheStore() {
    FakeManager m = managers.get("default");
    ArchiveStore store = new ArchiveStore(root);
    for (int day = 5; day <= 11; day++) {
      String id = String.format("nightly-default-202408%02d-0200", day);
      Instant at = berlin(String.format("2024-08-%02dT02:00:00", day));
      m.put(id, at);
      StoredArchive a =
          store.write(
              "default", id, at, "7.0.4", at, out -> FakeManager.writeZip(out, 1000, "7.0.4", id));
      catalog.upsert(CatalogEntry.verified(a, at));
    }
    m.put("pre-upgrade", berlin("2024-08-01T10:00:00"));
    NightlyService s =
        service(
            config().retention(new RetentionPolicy(2, 0, 0, 0)).build(),
            Set.of("nightly-default-20240806-0200"));

    Message dry = BackupMessages.retentionDryRun(s.retentionDryRun("default"));
    assertThat(dry.title()).isEqualTo("Retention dry run for default: 4 of 7 would be deleted");
    assertThat(dry.rows())
        .contains(
            "keep   nightly-default-20240806-0200 — used by a running operation: never deleted",
            "DELETE nightly-default-20240805-0200 — keep-last: #7, beyond 2");
    assertThat(m.deleted()).isEmpty();

    ManagerRun run = s.runNow("default").rows().get(0).run();

    assertThat(run.retentionDeleted())
        .containsExactlyInAnyOrder(
            "nightly-default-20240805-0200",
            "nightly-default-20240807-0200",
            "nightly-default-20240808-0200",
            "nightly-default-20240809-0200",
            "nightly-default-20240810-0200");
    assertThat(m.snapshotIds())
        .containsExactly(
            "nightly-default-20240806-0200",
            "nightly-default-20240811-0200",
            "nightly-default-20240812-0200",
            "pre-upgrade");
    assertThat(store.list("default"))
        .extracting(StoredArchive::snapshotId)
        .containsExactly(
            "nightly-default-20240812-0200",
            "nightly-default-20240811-0200",
            "nightly-default-20240806-0200");
    assertThat(catalog.list("default")).hasSize(3);
  }

  @Test
  void twoInstancesOnOneRunLogRunEachSlotOnce() throws Exception {
    NightlyService a = service();
    NightlyService b = service();

    var fa = CompletableFuture.supplyAsync(a::runDue);
    var fb = CompletableFuture.supplyAsync(b::runDue);
    List<NightReport> reports = new ArrayList<>();
    fa.get().ifPresent(reports::add);
    fb.get().ifPresent(reports::add);

    assertThat(reports.stream().flatMap(r -> r.rows().stream()).map(r -> r.run().manager()))
        .containsExactlyInAnyOrder("default", "prod");
    assertThat(runs.history("default", Instant.EPOCH)).hasSize(1);
    assertThat(runs.history("prod", Instant.EPOCH)).hasSize(1);
  }

  @Test
  void theHistoryStripShowsFourteenNightsOldestFirst() {
    NightlyService s = service(config().retention(RetentionPolicy.NONE).build(), Set.of());
    s.runDue(); // 08-12 ok
    managers.get("prod").failExecutionWith("boom");
    clock.set(berlin("2024-08-13T02:00:00"));
    s.runDue(); // 08-13 prod fails
    managers.get("prod").failExecutionWith(null);
    clock.set(berlin("2024-08-15T02:00:00")); // 08-14: bot down all day; 08-15 on time
    NightReport report = s.runDue().orElseThrow();

    assertThat(report.rows().get(0).history()).isEqualTo("⬜".repeat(10) + "✅✅⬜✅");
    assertThat(report.rows().get(1).history()).isEqualTo("⬜".repeat(10) + "✅❌⬜✅");
    assertThat(BackupMessages.history("prod", 14, s.history("prod", 14), BERLIN).rows())
        .hasSize(3)
        .first()
        .asString()
        .startsWith("✅ 2024-08-15 02:00 CEST · scheduled");
  }

  @Test
  void theSnapshotRowLaggingBehindTheExecutionIsWaitedFor() {
    managers.get("default").snapshotLag(Duration.ofSeconds(2));
    NightlyService s = service();

    ManagerRun run = s.runNow("default").rows().get(0).run();

    assertThat(run.succeeded()).as(run.error()).isTrue();
  }

  @Test
  void unknownManagersGetAHelpfulMessage() {
    NightlyService s = service();
    assertThatThrownBy(() -> s.runNow("staging"))
        .isInstanceOf(UnknownManagerException.class)
        .hasMessage(
            "Unknown manager `staging`. Backups are configured for: default, prod. Try"
                + " `/cfy backups status`.");
  }
}
