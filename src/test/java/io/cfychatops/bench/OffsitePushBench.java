package io.cfychatops.bench;

import io.cfychatops.config.OffsiteConfig;
import io.cfychatops.config.Secret;
import io.cfychatops.offsite.ArchiveFacts;
import io.cfychatops.offsite.OffsiteStore;
import io.cfychatops.offsite.PushResult;
import io.cfychatops.offsite.s3.S3Offsite;
import io.cfychatops.sim.SimulatorMain;
import io.cfychatops.testing.S3ProxyProcess;
import io.cfychatops.testing.S3ProxyServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Pushes an archive (default 1 GiB) to S3Proxy (a separate process, filesystem store, loopback) and
 * reads it back through the off-site store, and in the same run sends the same file to the same
 * server with {@code curl -T} (SigV4 via {@code --aws-sigv4}, {@code x-amz-content-sha256:
 * UNSIGNED-PAYLOAD}) and reads it back with {@code curl | sha256sum}. Prints MiB/s, the ratio to
 * curl and this JVM's peak heap for a small and the large archive (run it with a small -Xmx).
 *
 * <p>Usage: {@code BENCH_JAVA_OPTS=-Xmx64m bench/run.sh OffsitePushBench [size|1g] [rounds|3]
 * [partSize|64m] [http|https|both]} (default both, one after the other). Over {@code https} S3Proxy
 * serves TLS only (self-signed, trusted through {@code ca_cert} and {@code curl --cacert}) and the
 * SDK sends {@code UNSIGNED-PAYLOAD}; over plain {@code http} the SDK signs every 128 KiB chunk (it
 * forces payload signing without TLS) and S3Proxy verifies each, so the http run also times the
 * same SDK client without signing against an {@code authorization=none} S3Proxy, to show where the
 * gap is. Each upload contender is timed once per round, in rotating order, and its object deleted
 * after.
 */
public final class OffsitePushBench {
  private static final String BUCKET = "bench";

  public static void main(String[] args) throws Exception {
    long size = args.length > 0 ? SimulatorMain.parseSize(args[0]) : 1L << 30;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long partSize =
        args.length > 2 ? SimulatorMain.parseSize(args[2]) : OffsiteConfig.DEFAULT_PART_SIZE;
    String modes = args.length > 3 ? args[3] : "both";
    Path dir = Files.createTempDirectory("cfy-offsite-bench");
    try {
      Path big = archive(dir.resolve("big.zip"), size);
      Path small = archive(dir.resolve("small.zip"), Math.min(size, 64L << 20));
      ArchiveFacts bigFacts = facts(big);
      ArchiveFacts smallFacts = facts(small);
      List<String> summary = new ArrayList<>();
      for (String mode : "both".equals(modes) ? List.of("http", "https") : List.of(modes)) {
        System.out.printf(
            "%n== %s: archive %s, part size %s, %d rounds, this JVM's max heap %s, %d cores, load %s%n",
            mode,
            HeapSampler.mib(size),
            HeapSampler.mib(partSize),
            rounds,
            HeapSampler.mib(Runtime.getRuntime().maxMemory()),
            Runtime.getRuntime().availableProcessors(),
            loadAverage());
        summary.addAll(
            run(
                dir.resolve(mode),
                "https".equals(mode),
                size,
                rounds,
                partSize,
                big,
                small,
                bigFacts,
                smallFacts));
      }
      System.out.printf("%n== summary%n");
      summary.forEach(System.out::println);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static List<String> run(
      Path dir,
      boolean tls,
      long size,
      int rounds,
      long partSize,
      Path big,
      Path small,
      ArchiveFacts bigFacts,
      ArchiveFacts smallFacts)
      throws Exception {
    List<String> summary = new ArrayList<>();
    String mode = tls ? "https" : "http ";
    try (S3ProxyProcess s3 =
            S3ProxyProcess.start(
                dir.resolve("s3"),
                List.of(BUCKET),
                List.of("-Xmx512m"),
                Duration.ofSeconds(120),
                tls ? S3ProxyProcess.Mode.HTTPS : S3ProxyProcess.Mode.HTTP);
        S3ProxyProcess noAuth =
            tls
                ? null
                : S3ProxyProcess.start(
                    dir.resolve("s3-noauth"),
                    List.of(BUCKET),
                    List.of("-Xmx512m"),
                    Duration.ofSeconds(120),
                    S3ProxyProcess.Mode.HTTP_NO_AUTH);
        S3Client anonymous =
            noAuth == null
                ? null
                : S3Client.builder()
                    .endpointOverride(noAuth.endpoint())
                    .forcePathStyle(true)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(AnonymousCredentialsProvider.create())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .httpClientBuilder(
                        UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(120)))
                    .build()) {
      List<String> curlTls = tls ? List.of("--cacert", s3.caCert().toString()) : List.of();
      OffsiteConfig cfg =
          new OffsiteConfig(
              s3.endpoint(),
              "us-east-1",
              BUCKET,
              "bench",
              true,
              Secret.of(S3ProxyServer.ACCESS_KEY),
              Secret.of(S3ProxyServer.SECRET_KEY),
              null,
              OffsiteConfig.Checksums.WHEN_REQUIRED,
              partSize,
              Duration.ofSeconds(10),
              Duration.ofSeconds(120),
              tls ? s3.caCert() : null);
      OffsiteConfig single =
          new OffsiteConfig(
              cfg.endpoint(),
              cfg.region(),
              cfg.bucket(),
              cfg.prefix(),
              true,
              cfg.accessKey(),
              cfg.secretKey(),
              null,
              cfg.checksums(),
              Math.max(size, OffsiteConfig.MIN_PART_SIZE),
              cfg.connectTimeout(),
              cfg.readTimeout(),
              cfg.caCert());
      try (OffsiteStore store = S3Offsite.open(cfg, Clock.systemUTC());
          OffsiteStore onePut = S3Offsite.open(single, Clock.systemUTC())) {
        // warm-up: JIT, connections, S3Proxy's own start-up costs
        check(store.push("bench", "warm", small, smallFacts));
        check(onePut.push("bench", "warm", small, smallFacts));
        long smallPeak;
        try (HeapSampler heap = new HeapSampler()) {
          check(store.push("bench", "small", small, smallFacts));
          smallPeak = heap.peakBytes();
        }
        String curlUrl = s3.endpoint() + "/" + BUCKET + "/curl/big.zip";
        List<String> curlAuth = new ArrayList<>(curlTls);
        curlAuth.addAll(
            List.of(
                "--aws-sigv4",
                "aws:amz:us-east-1:s3",
                "--user",
                S3ProxyServer.ACCESS_KEY + ":" + S3ProxyServer.SECRET_KEY,
                "-H",
                "x-amz-content-sha256: UNSIGNED-PAYLOAD"));
        List<Double> up = new ArrayList<>();
        List<Double> upSingle = new ArrayList<>();
        List<Double> verify = new ArrayList<>();
        List<Double> push = new ArrayList<>();
        List<Double> curlUp = new ArrayList<>();
        List<Double> curlGet = new ArrayList<>();
        List<Double> unsigned = new ArrayList<>();
        long bigPeak = 0;
        if (anonymous != null) {
          anonymous.putObject(
              b -> b.bucket(BUCKET).key("warm").contentLength(smallFacts.size()),
              RequestBody.fromFile(small));
        }
        for (int r = 0; r < rounds; r++) {
          // rotate the order so that page-cache flushes of earlier writes hit each contender alike
          for (int k = 0; k < 4; k++) {
            switch ((r + k) % 4) {
              case 0 -> {
                PushResult res;
                try (HeapSampler heap = new HeapSampler()) {
                  res = check(store.push("bench", "big", big, bigFacts));
                  bigPeak = Math.max(bigPeak, heap.peakBytes());
                }
                up.add(mibps(size, res.uploadTime()));
                verify.add(mibps(size, res.verifyTime()));
                push.add(mibps(size, res.uploadTime().plus(res.verifyTime())));
                store.delete("bench", "big", Instant.now());
              }
              case 1 -> {
                PushResult res;
                try (HeapSampler heap = new HeapSampler()) {
                  res = check(onePut.push("bench", "big1", big, bigFacts));
                  bigPeak = Math.max(bigPeak, heap.peakBytes());
                }
                upSingle.add(mibps(size, res.uploadTime()));
                onePut.delete("bench", "big1", Instant.now());
              }
              case 2 -> {
                if (anonymous != null) {
                  long t0 = System.nanoTime();
                  anonymous.putObject(
                      b -> b.bucket(BUCKET).key("big").contentLength(size),
                      RequestBody.fromFile(big));
                  unsigned.add(mibps(size, Duration.ofNanos(System.nanoTime() - t0)));
                  anonymous.deleteObject(b -> b.bucket(BUCKET).key("big"));
                }
              }
              default -> {
                List<String> put = new ArrayList<>(List.of("curl", "-sS", "-f", "-o", "/dev/null"));
                put.addAll(curlAuth);
                put.addAll(List.of("-T", big.toString(), curlUrl));
                curlUp.add(mibps(size, run(put)));
                Duration get =
                    run(
                        List.of(
                            "bash",
                            "-c",
                            "set -o pipefail; curl -sS -f "
                                + quoted(curlAuth)
                                + " "
                                + curlUrl
                                + " | sha256sum | grep -q "
                                + bigFacts.sha256()));
                curlGet.add(mibps(size, get));
                List<String> del =
                    new ArrayList<>(
                        List.of("curl", "-sS", "-f", "-o", "/dev/null", "-X", "DELETE"));
                del.addAll(curlAuth);
                del.add(curlUrl);
                run(del);
              }
            }
          }
          System.out.printf(
              "round %d: push %.1f MiB/s (multipart upload %.1f, read-back+SHA-256 %.1f), single-PUT upload %.1f"
                  + " | curl -T %.1f MiB/s, curl|sha256sum %.1f MiB/s%s%n",
              r + 1,
              push.get(r),
              up.get(r),
              verify.get(r),
              upSingle.get(r),
              curlUp.get(r),
              curlGet.get(r),
              unsigned.isEmpty()
                  ? ""
                  : String.format(" | SDK unsigned PUT %.1f MiB/s", unsigned.get(r)));
        }
        double u = median(up);
        double u1 = median(upSingle);
        double cu = median(curlUp);
        double v = median(verify);
        double cg = median(curlGet);
        double p = median(push);
        double cp = 1 / (1 / cu + 1 / cg);
        summary.add(
            String.format(
                "%s upload, one PUT : %7.1f MiB/s vs curl -T %7.1f MiB/s  ratio %.2f, like for like (target >= 0.80) %s",
                mode, u1, cu, u1 / cu, u1 / cu >= 0.8 ? "MET" : "MISSED"));
        summary.add(
            String.format(
                "%s upload, parts   : %7.1f MiB/s vs curl -T %7.1f MiB/s  ratio %.2f (%d parts; S3Proxy's filesystem"
                    + " store assembles them by copying the object)",
                mode, u, cu, u / cu, (size + partSize - 1) / partSize));
        if (!unsigned.isEmpty()) {
          double un = median(unsigned);
          summary.add(
              String.format(
                  "%s diagnostic      : the same SDK PUT unsigned (anonymous, S3Proxy authorization=none) %.1f MiB/s"
                      + " = %.2f x curl: the gap is SigV4 payload signing, forced by the SDK over plain http",
                  mode, un, un / cu));
        }
        summary.add(
            String.format(
                "%s read-back+hash  : %7.1f MiB/s vs curl | sha256sum %7.1f MiB/s  ratio %.2f",
                mode, v, cg, v / cg));
        summary.add(
            String.format(
                "%s push (parts + read-back): %7.1f MiB/s vs curl -T then curl | sha256sum %7.1f MiB/s  ratio %.2f",
                mode, p, cp, p / cp));
        summary.add(
            String.format(
                "%s peak heap       : %s pushing %s, %s pushing %s (max heap %s); medians of %d rounds, load %s",
                mode,
                HeapSampler.mib(smallPeak),
                HeapSampler.mib(Files.size(small)),
                HeapSampler.mib(bigPeak),
                HeapSampler.mib(size),
                HeapSampler.mib(Runtime.getRuntime().maxMemory()),
                rounds,
                loadAverage()));
        summary.forEach(System.out::println);
      }
    }
    return summary;
  }

  private static String quoted(List<String> args) {
    StringBuilder sb = new StringBuilder();
    for (String a : args) {
      sb.append(" '").append(a.replace("'", "'\\''")).append("'");
    }
    return sb.toString();
  }

  private static PushResult check(PushResult r) {
    if (!r.ok()) {
      throw new IllegalStateException("push failed: " + r.reason());
    }
    return r;
  }

  private static Duration run(List<String> cmd) throws Exception {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(cmd.get(0) + " failed with exit " + p.exitValue());
    }
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private static Path archive(Path f, long size) throws Exception {
    byte[] block = new byte[1 << 20];
    new Random(42).nextBytes(block);
    try (OutputStream out = Files.newOutputStream(f)) {
      for (long left = size, i = 0; left > 0; left -= block.length, i++) {
        block[0] = (byte) i; // no two blocks alike
        block[1] = (byte) (i >> 8);
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
    return f;
  }

  private static ArchiveFacts facts(Path f) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1 << 18];
    try (InputStream in = Files.newInputStream(f)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return new ArchiveFacts(
        HexFormat.of().formatHex(md.digest()), Files.size(f), "7.0.0", Instant.now());
  }

  private static double mibps(long bytes, Duration d) {
    return bytes / 1048576.0 / (d.toNanos() / 1e9);
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(Double::compare);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }
}
