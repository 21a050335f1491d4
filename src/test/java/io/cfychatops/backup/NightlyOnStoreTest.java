package io.cfychatops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.store.BackupCatalogRepository;
import io.cfychatops.store.Database;
import io.cfychatops.store.NightlyRunRepository;
import io.cfychatops.store.TestDb;
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
      Map<String, FakeManager> managers = Map.of("default", new FakeManager(clock, "7.0.4"),
          "prod", new FakeManager(clock, "7.0.4"));
      Database first = t.db();
      Database second = t.openUnmigrated();
      BackupConfig config = BackupConfig.builder().manager("default", ZoneId.of("Europe/Berlin"))
          .manager("prod", ZoneId.of("Europe/Berlin")).reportsChannel("#ops").build();
      List<NightlyService> services = new ArrayList<>();
      for (Database db : List.of(first, second)) {
        services.add(NightlyService.builder().config(config).managers(managers::get)
            .store(new ArchiveStore(root))
            .catalog(new StoreBackupCatalog(new BackupCatalogRepository(db)))
            .runs(new StoreNightlyRunLog(new NightlyRunRepository(db))).clock(clock)
            .sleeper(clock.sleeper()).owner("instance-" + services.size()).build());
      }
      try {
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<java.util.Optional<NightReport>>> calls = services.stream()
            .map(s -> CompletableFuture.supplyAsync(() -> {
              await(together);
              return s.runDue();
            })).toList();
        List<String> ran = new ArrayList<>();
        for (var c : calls) {
          c.get().ifPresent(r -> r.rows().forEach(row -> ran.add(row.run().manager())));
        }

        assertThat(ran).containsExactlyInAnyOrder("default", "prod");
        NightlyRunRepository repo = new NightlyRunRepository(first);
        assertThat(repo.history("default", 10)).hasSize(1);
        assertThat(repo.history("prod", 10)).singleElement()
            .satisfies(r -> assertThat(r.status().name()).isEqualTo("SUCCEEDED"));
        // both instances see the result; neither runs the slot again
        assertThat(services.get(1).status().managers())
            .allSatisfy(m -> assertThat(m.newestVerified()).isNotNull());
        clock.advance(Duration.ofHours(3));
        assertThat(services.get(0).runDue()).isEmpty();
        assertThat(services.get(1).runDue()).isEmpty();
        assertThat(services.get(1).history("default", 14)).singleElement()
            .satisfies(r -> assertThat(r.kind()).isEqualTo(RunRecord.Kind.SCHEDULED));
      } finally {
        services.forEach(NightlyService::close);
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
