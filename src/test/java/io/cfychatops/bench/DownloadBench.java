package io.cfychatops.bench;

import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.cloudify.CreateOptions;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.DownloadResult;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.cloudify.SnapshotStatus;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.SimulatorConfig;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Streams a large archive (default 1 GiB) from the simulator to disk through the client, and the
 * same URL with {@code curl -o}, in the same run. Prints MiB/s, SHA-256 and the client's peak heap.
 * Usage: {@code bench/run.sh DownloadBench [sizeBytes|1g] [rounds]}.
 */
public final class DownloadBench {
  public static void main(String[] args) throws Exception {
    long size = args.length > 0 ? io.cfychatops.sim.SimulatorMain.parseSize(args[0]) : 1L << 30;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    SimulatorConfig cfg =
        SimulatorConfig.builder().port(0).archiveSize(size).pendingDuration(Duration.ZERO).runDuration(Duration.ofMillis(200)).build();
    Path dir = Files.createTempDirectory("cfy-download-bench");
    try (CloudifySimulator sim = new CloudifySimulator(cfg)) {
      sim.start();
      ManagerConnection conn =
          ManagerConnection.of("bench", URI.create(sim.baseUrl()), "default_tenant", Credentials.basic("admin", "admin"));
      try (CloudifyClient client = HttpCloudifyClient.create(conn)) {
        SnapshotId id = SnapshotId.of("bench-1");
        client.createSnapshot(id, CreateOptions.defaults());
        while (client.getSnapshot(id).status() != SnapshotStatus.CREATED) {
          java.util.concurrent.locks.LockSupport.parkNanos(100_000_000); // a benchmark, in real time
        }
        String url = sim.apiUrl() + "/snapshots/bench-1/archive";
        System.out.printf("archive: %s (%d bytes), %d rounds, max heap %s%n", HeapSampler.mib(size), size, rounds,
            HeapSampler.mib(Runtime.getRuntime().maxMemory()));
        // warm-up (also primes the simulator's cached checksum)
        client.downloadSnapshot(id, dir.resolve("warm.zip"));
        double bestClient = 0;
        double bestCurl = 0;
        double bestCurlSha = 0;
        String clientSha = "";
        long clientPeak = 0;
        for (int r = 0; r < rounds; r++) {
          Path target = dir.resolve("client.zip");
          long t0 = System.nanoTime();
          DownloadResult res;
          try (HeapSampler heap = new HeapSampler()) {
            res = client.downloadSnapshot(id, target);
            clientPeak = Math.max(clientPeak, heap.peakBytes());
          }
          double secs = (System.nanoTime() - t0) / 1e9;
          bestClient = Math.max(bestClient, res.bytes() / 1048576.0 / secs);
          clientSha = res.sha256Hex();
          Files.deleteIfExists(target);

          Path curlOut = dir.resolve("curl.zip");
          long c0 = System.nanoTime();
          Process p =
              new ProcessBuilder("curl", "-s", "-f", "-u", "admin:admin", "-H", "Tenant: default_tenant", "-o", curlOut.toString(), url)
                  .inheritIO()
                  .start();
          if (p.waitFor() != 0) {
            throw new IllegalStateException("curl failed with exit " + p.exitValue());
          }
          double csecs = (System.nanoTime() - c0) / 1e9;
          bestCurl = Math.max(bestCurl, Files.size(curlOut) / 1048576.0 / csecs);
          // the manual procedure: download, then checksum the file
          long h0 = System.nanoTime();
          Process h = new ProcessBuilder("sha256sum", curlOut.toString()).redirectErrorStream(true).start();
          h.getInputStream().readAllBytes();
          h.waitFor();
          bestCurlSha = Math.max(bestCurlSha, Files.size(curlOut) / 1048576.0 / (csecs + (System.nanoTime() - h0) / 1e9));
          if (r == rounds - 1 && !sha256(curlOut).equals(clientSha)) {
            throw new IllegalStateException("curl and client SHA-256 differ");
          }
          Files.deleteIfExists(curlOut);
        }
        double bestNoSync = 0;
        for (int r = 0; r < rounds; r++) {
          Path target = dir.resolve("nosync.zip");
          long t0 = System.nanoTime();
          DownloadResult res;
          try (var os = new java.io.BufferedOutputStream(Files.newOutputStream(target), 1 << 18)) {
            res = client.downloadSnapshot(id, os);
          }
          bestNoSync = Math.max(bestNoSync, res.bytes() / 1048576.0 / ((System.nanoTime() - t0) / 1e9));
          Files.deleteIfExists(target);
        }
        System.out.printf("client  : %8.1f MiB/s  to a Path: temp file + fsync + atomic rename; sha256 %s; peak heap %s%n",
            bestClient, clientSha, HeapSampler.mib(clientPeak));
        System.out.printf("client  : %8.1f MiB/s  to an OutputStream (no fsync, like curl)%n", bestNoSync);
        System.out.printf("curl -o : %8.1f MiB/s  (same URL, same run; sha256 matches)%n", bestCurl);
        System.out.printf("curl -o, then sha256sum : %8.1f MiB/s  (what the manual procedure costs to get a checksum)%n", bestCurlSha);
        System.out.printf("ratio vs curl + sha256sum: %.2f x%n", bestNoSync / bestCurlSha);
        double ratio = bestNoSync / bestCurl;
        System.out.printf("ratio   : %.2f x curl, like for like (target >= 0.90) %s%n", ratio, ratio >= 0.9 ? "PASS" : "FAIL");
      }
    } finally {
      try (var s = Files.list(dir)) {
        s.forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(dir);
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
