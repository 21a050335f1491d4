package io.cfychatops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.ArchiveVerifier;
import io.cfychatops.store.Database;
import io.cfychatops.store.JdbcBackupCatalog;
import io.cfychatops.store.JdbcNightlyRunLog;
import io.cfychatops.store.TestDb;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two app instances (own pools) on one database: each slot runs exactly once. */
class NightlyOnStoreTest {
  @TempDir Path root;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.cfychatops.store.TestDatabases#all")
  void twoInstancesOnOneDatabaseRunEachSlotOnce(TestDb t) throws Exception {
    try (t) {
      SettableClock clock = new SettableClock(Instant.parse("2024-08-12T00:00:05Z"));
      Map<String, FakeManager> managers =
          Map.of(
              "default", new FakeManager(clock, "7.0.4"), "prod", new FakeManager(clock, "7.0.4"));
      Database first = t.db();
      Database second = t.openUnmigrated();
      BackupConfig config =
          BackupConfig.builder()
              .manager("default", ZoneId.of("Europe/Berlin"))
              .manager("prod", ZoneId.of("Europe/Berlin"))
              .reportsChannel("#ops")
              .build();
      List<NightlyService> services = new ArrayList<>();
      for (Database db : List.of(first, second)) {
        services.add(
            ManualNightly.builder(clock, clock.sleeper(), FakeManager.fleet(managers))
                .config(config)
                .store(new ArchiveStore(root))
                .catalog(new JdbcBackupCatalog(db))
                .runs(new JdbcNightlyRunLog(db))
                .owner("instance-" + services.size())
                .build());
      }
      try {
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<java.util.Optional<NightReport>>> calls =
            services.stream()
                .map(
                    s ->
                        CompletableFuture.supplyAsync(
                            () -> {
                              await(together);
                              return s.runDue();
                            }))
                .toList();
        List<String> ran = new ArrayList<>();
        for (var c : calls) {
          c.get().ifPresent(r -> r.rows().forEach(row -> ran.add(row.run().manager())));
        }

        assertThat(ran).containsExactlyInAnyOrder("default", "prod");
        JdbcNightlyRunLog log = new JdbcNightlyRunLog(first);
        assertThat(log.history("default", Instant.EPOCH)).hasSize(1);
        // the run log holds what the run did: size, checksum, verification, duration
        RunRecord prod = log.history("prod", Instant.EPOCH).get(0);
        CatalogEntry copy = new JdbcBackupCatalog(first).newestVerified("prod").orElseThrow();
        assertThat(log.history("prod", Instant.EPOCH))
            .singleElement()
            .satisfies(r -> assertThat(r.outcome()).isEqualTo(RunRecord.Outcome.SUCCEEDED));
        assertThat(prod.kind()).isEqualTo(RunRecord.Kind.SCHEDULED);
        assertThat(prod.snapshotId()).isEqualTo(copy.snapshotId());
        assertThat(prod.bytes()).isEqualTo(copy.sizeBytes()).isPositive();
        assertThat(prod.sha256()).isEqualTo(copy.sha256()).hasSize(64);
        assertThat(prod.verified()).isTrue();
        assertThat(prod.duration()).isNotNull();
        assertThat(copy.onManager()).isTrue();
        assertThat(copy.inStore()).isTrue();
        assertThat(copy.origin()).isEqualTo(CatalogEntry.Origin.NIGHTLY);
        // both instances see the result; neither runs the slot again
        assertThat(services.get(1).status().managers())
            .allSatisfy(m -> assertThat(m.newestVerified()).isNotNull());
        clock.advance(Duration.ofHours(3));
        assertThat(services.get(0).runDue()).isEmpty();
        assertThat(services.get(1).runDue()).isEmpty();
        assertThat(services.get(1).history("default", 14))
            .singleElement()
            .satisfies(r -> assertThat(r.kind()).isEqualTo(RunRecord.Kind.SCHEDULED));
      } finally {
        services.forEach(NightlyService::close);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.cfychatops.store.TestDatabases#all")
  void aManualRunThatFailsVerificationRecordsWhatItStored(TestDb t) {
    try (t) {
      SettableClock clock = new SettableClock(Instant.parse("2024-08-12T10:00:00Z"));
      Database db = t.db();
      JdbcBackupCatalog catalog = new JdbcBackupCatalog(db);
      JdbcNightlyRunLog log = new JdbcNightlyRunLog(db);
      BackupConfig config =
          BackupConfig.builder()
              .manager("prod", ZoneId.of("Europe/Berlin"))
              .reportsChannel("#ops")
              .build();
      ArchiveVerifier.Limits oneEntry =
          new ArchiveVerifier.Limits(1L << 30, 200, 64L << 10, 1L << 20, 1);
      try (NightlyService s =
          ManualNightly.builder(
                  clock,
                  clock.sleeper(),
                  FakeManager.fleet(Map.of("prod", new FakeManager(clock, "7.0.4"))))
              .config(config)
              .store(new ArchiveStore(root))
              .verifier(new ArchiveVerifier(oneEntry))
              .catalog(catalog)
              .runs(log)
              .owner("bot-a")
              .build()) {

        ManagerRun run = s.runNow("prod").rows().get(0).run();

        assertThat(run.failedStage()).isEqualTo("verify");
        CatalogEntry copy = catalog.list("prod").get(0);
        assertThat(copy.verified()).isFalse();
        assertThat(log.history("prod", Instant.EPOCH))
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.kind()).isEqualTo(RunRecord.Kind.MANUAL);
                  assertThat(r.owner()).isEqualTo("bot-a");
                  assertThat(r.outcome()).isEqualTo(RunRecord.Outcome.FAILED);
                  assertThat(r.detail()).startsWith("verify: ");
                  assertThat(r.snapshotId()).isEqualTo(copy.snapshotId());
                  assertThat(r.bytes()).isEqualTo(copy.sizeBytes()).isPositive();
                  assertThat(r.sha256()).isEqualTo(copy.sha256());
                  assertThat(r.verified()).isFalse();
                  assertThat(r.duration()).isEqualTo(run.duration());
                });
      }
    }
  }

  private static void await(CyclicBarrier b) {
    try {
      b.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
