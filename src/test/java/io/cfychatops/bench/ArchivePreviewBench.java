package io.cfychatops.bench;

import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ContentSize;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.testing.SettableClock;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Preview of a large snapshot archive (default 1 GiB holding 100,000 entities, blueprint and plugin
 * blobs padded to the size) against {@code unzip -p ARCHIVE '*.json' > /dev/null} on the same file,
 * in the same run. The archive is written by the simulator's writer into {@code target/} (kept for
 * the next run). The preview runs in its own JVM with {@code -Xmx64m} (override with {@code
 * PREVIEW_XMX}; JVM options in {@code PREVIEW_JVM_OPTS}), which proves the heap bound; it reads the
 * archive {@code rounds} times and reports the first read (a fresh JVM, as after a bot restart) and
 * the best later one (a warm JVM, as in a running bot), each timed around {@code
 * ArchivePreview.read}.
 *
 * <p>Usage: {@code bench/run.sh ArchivePreviewBench [size|1g] [entities|100000] [rounds|3]}.
 */
public final class ArchivePreviewBench {
  public static void main(String[] args) throws Exception {
    long size = args.length > 0 ? io.cfychatops.sim.SimulatorMain.parseSize(args[0]) : 1L << 30;
    int entities = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String xmx = System.getenv().getOrDefault("PREVIEW_XMX", "64m");
    // a one-shot process: the serial collector suits a 64 MiB heap, C1 alone compiles soonest
    String jvmOpts =
        System.getenv()
            .getOrDefault("PREVIEW_JVM_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    Path archive = Path.of("target", "preview-bench-" + entities + "-" + size + ".zip");
    long expected = generate(archive, size, entities);
    System.out.printf(
        "archive: %s, %s, %d entities written by the simulator (%d distinct)%n",
        archive, HeapSampler.mib(Files.size(archive)), entities, expected);

    double bestUnzip = Double.MAX_VALUE;
    double unzipCpu = 0;
    for (int r = 0; r < rounds; r++) {
      long u0 = System.nanoTime();
      Process unzip =
          new ProcessBuilder(
                  "bash", "-c", "unzip -p \"$0\" '*.json' > /dev/null; times", archive.toString())
              .redirectErrorStream(true)
              .start();
      String times = new String(unzip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (unzip.waitFor() != 0) {
        throw new IllegalStateException(
            "unzip failed with exit " + unzip.exitValue() + ": " + times);
      }
      double secs = (System.nanoTime() - u0) / 1e9;
      if (secs < bestUnzip) {
        bestUnzip = secs;
        unzipCpu = childCpu(times);
      }
    }
    long p0 = System.nanoTime();
    List<String> cmd = new ArrayList<>(List.of("java", "-Xmx" + xmx));
    cmd.addAll(List.of(jvmOpts.trim().split("\\s+")));
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Child.class.getName(),
            archive.toString(),
            Integer.toString(rounds)));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0) {
      throw new IllegalStateException("preview JVM failed (-Xmx" + xmx + "):\n" + out);
    }
    double process = (System.nanoTime() - p0) / 1e9;
    String line =
        out.lines()
            .filter(l -> l.startsWith("preview "))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("no result from the preview JVM:\n" + out));
    Map<String, String> kv = parse(line);
    if (Long.parseLong(kv.get("entities")) != expected) {
      throw new IllegalStateException(
          "preview counted " + kv.get("entities") + ", expected " + expected);
    }
    double cold = Long.parseLong(kv.get("first_ms")) / 1000.0;
    double warm = Long.parseLong(kv.get("best_ms")) / 1000.0;
    long peak = Long.parseLong(kv.get("peak"));
    long live = Long.parseLong(kv.get("live"));
    System.out.println(line);
    System.out.printf(
        "unzip -p '*.json' > /dev/null   : %6.2f s wall, %.2f s CPU (best of %d)%n",
        bestUnzip, unzipCpu, rounds);
    System.out.printf(
        "preview, first in a fresh JVM   : %6.2f s  ratio %.2f x (target <= 1.5) %s%n",
        cold, cold / bestUnzip, cold <= 1.5 * bestUnzip ? "PASS" : "FAIL");
    System.out.printf(
        "preview, warm JVM (best of %d)   : %6.2f s  ratio %.2f x (target <= 1.5) %s%n",
        Math.max(1, rounds - 1), warm, warm / bestUnzip, warm <= 1.5 * bestUnzip ? "PASS" : "FAIL");
    System.out.printf(
        "preview JVM, whole process      : %6.2f s for %d reads, JVM start included%n",
        process, rounds);
    System.out.printf(
        "preview heap (-Xmx%s %s)  : peak used %s, peak live after GC %s (target <= 64 MiB) %s%n",
        xmx,
        jvmOpts.trim(),
        HeapSampler.mib(peak),
        HeapSampler.mib(live),
        peak <= 64L << 20 ? "PASS" : "FAIL");
  }

  /** The children's user + system seconds from bash's {@code times} (second line). */
  private static double childCpu(String times) {
    List<String> lines = times.lines().filter(l -> l.contains("m")).toList();
    if (lines.size() < 2) {
      return Double.NaN;
    }
    double sum = 0;
    for (String t : lines.get(1).trim().split("\\s+")) {
      int m = t.indexOf('m');
      sum +=
          Double.parseDouble(t.substring(0, m)) * 60
              + Double.parseDouble(t.substring(m + 1, t.length() - 1));
    }
    return sum;
  }

  private static Map<String, String> parse(String line) {
    Map<String, String> kv = new java.util.HashMap<>();
    for (String part : line.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        kv.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return kv;
  }

  /** Writes the archive with the simulator unless it exists; returns its distinct entities. */
  private static long generate(Path archive, long size, int entities) throws Exception {
    Path counts = Path.of(archive + ".entities");
    if (Files.exists(archive) && Files.exists(counts) && Files.size(archive) == size) {
      return Long.parseLong(Files.readString(counts).trim());
    }
    SettableClock clock = SettableClock.create();
    SimulatorConfig cfg =
        SimulatorConfig.builder()
            .clock(clock)
            .contentSize(new ContentSize(Integer.toString(entities), entities))
            .auditDuplicates(Math.max(1, entities / 500))
            .archiveSize(size)
            .build();
    long t0 = System.nanoTime();
    try (CloudifySimulator sim = new CloudifySimulator(cfg)) {
      sim.start();
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest put =
          HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/snapshots/bench"))
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
              .header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString("{}"))
              .build();
      HttpResponse<String> r = http.send(put, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("create: " + r.statusCode() + " " + r.body());
      }
      clock.advance(Duration.ofSeconds(5));
      HttpRequest get =
          HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/snapshots/bench"))
              .header("Authorization", put.headers().firstValue("Authorization").orElseThrow())
              .build();
      http.send(get, HttpResponse.BodyHandlers.ofString());
      long distinct =
          sim.dumpedCounts("bench").values().stream()
              .flatMap(m -> m.values().stream())
              .mapToLong(Long::longValue)
              .sum();
      Path tmp = Path.of(archive + ".tmp");
      try (OutputStream out =
          new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
        sim.writeArchive("bench", out);
      }
      Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(counts, Long.toString(distinct));
      System.out.printf("generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      return distinct;
    }
  }

  /**
   * The preview, alone in a small JVM, read {@code rounds} times: prints {@code preview first_ms=…
   * best_ms=… peak=… live=… entities=…} (peak: heap used, sampled; live: heap after a collection).
   */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Path zip = Path.of(args[0]);
      int rounds = Integer.parseInt(args[1]);
      long first = -1;
      long best = Long.MAX_VALUE;
      ArchivePreview p = null;
      java.util.concurrent.atomic.AtomicLong live = new java.util.concurrent.atomic.AtomicLong();
      Thread liveSampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  long after = 0;
                  for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                    var u =
                        pool.getType() == java.lang.management.MemoryType.HEAP
                            ? pool.getCollectionUsage()
                            : null;
                    after += u == null ? 0 : u.getUsed();
                  }
                  live.accumulateAndGet(after, Math::max);
                  java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
              },
              "live-sampler");
      liveSampler.setDaemon(true);
      long peak;
      try (HeapSampler heap = new HeapSampler()) {
        liveSampler.start();
        for (int r = 0; r < rounds; r++) {
          long t0 = System.nanoTime();
          p = ArchivePreview.read(zip);
          long ms = (System.nanoTime() - t0) / 1_000_000;
          first = first < 0 ? ms : first;
          best = r == 0 && rounds > 1 ? best : Math.min(best, ms);
        }
        peak = heap.peakBytes();
      }
      liveSampler.interrupt();
      System.out.printf(
          "preview first_ms=%d best_ms=%d peak=%d live=%d entities=%d items=%d"
              + " duplicates=%d json=%d tenants=%d findings=%d%n",
          first,
          best == Long.MAX_VALUE ? first : best,
          peak,
          live.get(),
          p.stats().entities(),
          p.stats().items(),
          p.stats().duplicates(),
          p.stats().jsonBytes(),
          p.tenants().size(),
          p.findings().size());
    }
  }
}
