package io.cfychatops.bench;

import io.cfychatops.app.CloudifyManagerPort;
import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.backup.BackupConfig;
import io.cfychatops.backup.InMemoryBackupCatalog;
import io.cfychatops.backup.InMemoryNightlyRunLog;
import io.cfychatops.backup.ManagerRun;
import io.cfychatops.backup.ManualNightly;
import io.cfychatops.backup.NightReport;
import io.cfychatops.backup.NightlySchedule;
import io.cfychatops.backup.NightlyService;
import io.cfychatops.backup.RetentionPolicy;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.concurrent.Sleeper;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 20 simulated managers (20 simulators on loopback) backed up in one night: wall time of the night
 * against the slowest single run (each manager run alone), and peak heap, for each archive size.
 *
 * <pre>bench/run.sh NightlyBench [managers] [sizeMiB ...]   (default: 20 1 64)</pre>
 *
 * Real clock and real waiting (this is a benchmark, not a test). Each simulated snapshot takes 0.5
 * s pending + 2 s running, so a sequential night would take over 50 s.
 */
public final class NightlyBench {
  public static void main(String[] args) throws Exception {
    int managers = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    List<Long> sizes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      sizes.add(Long.parseLong(args[i]));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(1L, 64L);
    }
    System.out.printf(
        "NightlyBench: %d managers, %d cores, max heap %s%n",
        managers,
        Runtime.getRuntime().availableProcessors(),
        HeapSampler.mib(Runtime.getRuntime().maxMemory()));
    for (long mib : sizes) {
      run(managers, mib);
    }
  }

  private static void run(int count, long mib) throws Exception {
    Path tmp = Files.createTempDirectory("nightly-bench-");
    List<CloudifySimulator> sims = new ArrayList<>();
    Map<String, CloudifyClient> clients = new LinkedHashMap<>();
    BackupConfig.Builder config =
        BackupConfig.builder()
            .reportsChannel("#bench")
            .retention(RetentionPolicy.NONE)
            .pollInterval(Duration.ofMillis(250))
            .parallelism(count);
    try {
      for (int i = 0; i < count; i++) {
        String name = String.format("mgr%02d", i);
        CloudifySimulator sim =
            new CloudifySimulator(
                SimulatorConfig.builder()
                    .archiveSize(mib * 1024 * 1024)
                    .storageDir(tmp.resolve("sim-" + name))
                    .seed(i)
                    .build());
        sim.start();
        sims.add(sim);
        clients.put(
            name,
            HttpCloudifyClient.create(
                ManagerConnection.of(
                    name,
                    URI.create(sim.baseUrl()),
                    "default_tenant",
                    Credentials.basic("admin", "admin"))));
        config.manager(name, new NightlySchedule("0 0 2 * * *", ZoneOffset.UTC, Duration.ZERO));
      }
      BackupConfig cfg = config.build();

      // the slowest single run: each manager of a sample alone, one after the other
      int sample = Math.min(count, 4);
      Duration slowestAlone = Duration.ZERO;
      try (NightlyService alone = service(cfg, clients, tmp.resolve("alone"))) {
        for (String m : new ArrayList<>(clients.keySet()).subList(0, sample)) {
          ManagerRun r = alone.runNow(m).rows().get(0).run();
          check(r);
          slowestAlone = max(slowestAlone, r.duration());
        }
      }

      // the night: every manager due at once
      try (NightlyService night = service(cfg, clients, tmp.resolve("night"));
          HeapSampler heap = new HeapSampler()) {
        long t0 = System.nanoTime();
        NightReport report = night.runDue().orElseThrow();
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        report.rows().forEach(r -> check(r.run()));
        Duration slowestInNight =
            report.rows().stream()
                .map(r -> r.run().duration())
                .max(Comparator.naturalOrder())
                .orElseThrow();
        System.out.printf(
            "archive %3d MiB: night of %d managers %6.2f s; slowest single run"
                + " alone %5.2f s (in the night %5.2f s); ratio %.2fx (target <= 1.30x);"
                + " peak heap %s%n",
            mib,
            report.rows().size(),
            secs(wall),
            secs(slowestAlone),
            secs(slowestInNight),
            secs(wall) / secs(slowestAlone),
            HeapSampler.mib(heap.peakBytes()));
      }
    } finally {
      clients.values().forEach(CloudifyClient::close);
      sims.forEach(CloudifySimulator::stop);
      deleteTree(tmp);
    }
  }

  private static NightlyService service(
      BackupConfig cfg, Map<String, CloudifyClient> clients, Path root) {
    return ManualNightly.builder(
            Clock.systemUTC(), Sleeper.SYSTEM, new CloudifyManagerPort(m -> clients.get(m), null))
        .config(cfg)
        .store(new ArchiveStore(root))
        .catalog(new InMemoryBackupCatalog())
        .runs(new InMemoryNightlyRunLog())
        .build();
  }

  private static void check(ManagerRun r) {
    if (!r.succeeded() || !r.verified()) {
      throw new IllegalStateException(
          r.manager() + " failed at " + r.failedStage() + ": " + r.error());
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static double secs(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
