package io.cfychatops.bench;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.ArchiveVerifier;
import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.backup.InMemoryBackupCatalog;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.CreateOptions;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.DownloadResult;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.cloudify.SnapshotStatus;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.SimulatorConfig;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Streams a large archive (default 1 GiB) from the simulator through the {@link ArchiveStore} to
 * disk (as {@code /cfy snapshots download} does), and the same URL with {@code curl -o} followed by
 * {@code sync FILE} (fsync), in the same run. Prints MiB/s of both, their ratio, SHA-256 and the
 * store's peak heap. Usage: {@code bench/run.sh DownloadBench [sizeBytes|1g] [rounds]}.
 */
public final class DownloadBench {
  public static void main(String[] args) throws Exception {
    long size = args.length > 0 ? io.cfychatops.sim.SimulatorMain.parseSize(args[0]) : 1L << 30;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    SimulatorConfig cfg =
        SimulatorConfig.builder()
            .port(0)
            .archiveSize(size)
            .pendingDuration(Duration.ZERO)
            .runDuration(Duration.ofMillis(200))
            .build();
    Path dir = Files.createTempDirectory("cfy-download-bench");
    try (CloudifySimulator sim = new CloudifySimulator(cfg)) {
      sim.start();
      ManagerConnection conn =
          ManagerConnection.of(
              "bench",
              URI.create(sim.baseUrl()),
              "default_tenant",
              Credentials.basic("admin", "admin"));
      try (CloudifyClient client = HttpCloudifyClient.create(conn)) {
        SnapshotId id = SnapshotId.of("bench-1");
        client.createSnapshot(id, CreateOptions.defaults());
        while (client.getSnapshot(id).status() != SnapshotStatus.CREATED) {
          java.util.concurrent.locks.LockSupport.parkNanos(
              100_000_000); // a benchmark, in real time
        }
        String url = sim.apiUrl() + "/snapshots/bench-1/archive";
        System.out.printf(
            "archive: %s (%d bytes), %d rounds, max heap %s%n",
            HeapSampler.mib(size), size, rounds, HeapSampler.mib(Runtime.getRuntime().maxMemory()));
        // warm-up (also primes the simulator's cached checksum)
        client.downloadSnapshot(id, dir.resolve("warm.zip"));
        double bestStore = 0;
        double bestStoreVerified = 0;
        double bestCurl = 0;
        double bestCurlSync = 0;
        String storeSha = "";
        long storePeak = 0;
        ArchiveVerifier verifier = new ArchiveVerifier();
        for (int r = 0; r < rounds; r++) {
          // the bot's path: ArchiveStore.saveFile with the client filling the store's temp file
          // (what the download runbook does through CloudifyManagerApi), a fresh store each round
          ArchiveStore store =
              new ArchiveStore(
                  dir.resolve("store-" + r),
                  Clock.systemUTC(),
                  verifier,
                  new InMemoryBackupCatalog());
          long t0 = System.nanoTime();
          ArchiveStore.Saved saved;
          try (HeapSampler heap = new HeapSampler()) {
            saved =
                store.saveFile(
                    new ArchiveStore.Copy(
                        "bench", "bench-1", Instant.now(), null, CatalogEntry.Origin.CHAT_DOWNLOAD),
                    tmp -> {
                      DownloadResult d = client.downloadSnapshot(id, tmp);
                      return new ArchiveStore.Written(d.bytes(), d.sha256Hex());
                    });
            storePeak = Math.max(storePeak, heap.peakBytes());
          }
          double total = (System.nanoTime() - t0) / 1e9;
          long v0 = System.nanoTime();
          verifier.verify(saved.archive()); // the same verification again, to separate its cost
          double verify = (System.nanoTime() - v0) / 1e9;
          double mib = saved.archive().sizeBytes() / 1048576.0;
          bestStoreVerified = Math.max(bestStoreVerified, mib / total);
          bestStore = Math.max(bestStore, mib / Math.max(1e-9, total - verify));
          storeSha = saved.archive().sha256();
          store.delete("bench", "bench-1");

          Path curlOut = dir.resolve("curl.zip");
          long c0 = System.nanoTime();
          run(
              "curl",
              "-s",
              "-f",
              "-u",
              "admin:admin",
              "-H",
              "Tenant: default_tenant",
              "-o",
              curlOut.toString(),
              url);
          double csecs = (System.nanoTime() - c0) / 1e9;
          run("sync", curlOut.toString()); // fsync(2) of that file (coreutils sync FILE)
          double csync = (System.nanoTime() - c0) / 1e9;
          bestCurl = Math.max(bestCurl, Files.size(curlOut) / 1048576.0 / csecs);
          bestCurlSync = Math.max(bestCurlSync, Files.size(curlOut) / 1048576.0 / csync);
          if (r == rounds - 1 && !sha256(curlOut).equals(storeSha)) {
            throw new IllegalStateException("curl and ArchiveStore SHA-256 differ");
          }
          Files.deleteIfExists(curlOut);
        }
        System.out.printf(
            "ArchiveStore     : %8.1f MiB/s  download into .tmp/ + SHA-256 + fsync + no-clobber"
                + " publish + sidecar (verification excluded); sha256 %s; peak heap %s%n",
            bestStore, storeSha, HeapSampler.mib(storePeak));
        System.out.printf(
            "ArchiveStore     : %8.1f MiB/s  the same with verification (re-read, SHA-256,"
                + " CRC-32 of every entry) and catalog entry%n",
            bestStoreVerified);
        System.out.printf(
            "curl -o + fsync  : %8.1f MiB/s  (same URL, same run; sha256 matches)%n", bestCurlSync);
        System.out.printf("curl -o          : %8.1f MiB/s  (no fsync)%n", bestCurl);
        double ratio = bestStore / bestCurlSync;
        System.out.printf(
            "ratio            : %.2f x curl -o + fsync, like for like (target >= 0.90) %s%n",
            ratio, ratio >= 0.9 ? "PASS" : "FAIL");
        System.out.printf(
            "ratio, verified  : %.2f x curl -o + fsync%n", bestStoreVerified / bestCurlSync);
      }
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(cmd[0] + " failed with exit " + p.exitValue());
    }
  }

  private static String sha256(Path f) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(f)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
