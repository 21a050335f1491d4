package io.cfychatops.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile archives: the verifier never trusts a size the zip declares and stops inflating at its
 * limits. Before the fix a 611 KB zip whose {@code metadata.json} declared a small size but
 * inflated to 600 MB was read whole into memory and killed the JVM.
 */
class ZipBombTest {
  static final Instant T = Instant.parse("2026-01-01T02:00:00Z");
  static final byte[] METADATA =
      "{\"snapshot_version\": \"7.0.4\", \"created_at\": \"2026-01-01T02:00:00Z\"}"
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private StoredArchive archive(String name, byte[] zip) throws IOException {
    Path p = dir.resolve(name + ".zip");
    Files.write(p, zip);
    return new StoredArchive(
        "default",
        name,
        1,
        p,
        dir.resolve(name + ".json"),
        zip.length,
        ArchiveVerifier.sha256(p),
        T,
        T,
        "7.0.4");
  }

  private static ArchiveVerifier.Verification timed(
      ArchiveVerifier v, StoredArchive a, Duration max) {
    long t0 = System.nanoTime();
    ArchiveVerifier.Verification r = v.verify(a);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("verification time").isLessThan(max);
    return r;
  }

  @Test
  void aMetadataBombWithALyingSizeFailsWithAReasonAndFitsInA64MiBHeap() throws Exception {
    ZipForge.Deflated bomb = ZipForge.zeros(300L << 20); // 300 MiB of zeros, about 300 KB deflated
    byte[] zip =
        new ZipForge()
            .deflated("metadata.json", bomb, 120) // the central directory claims 120 bytes
            .stored("mgmt/users.json", "[]".getBytes(StandardCharsets.UTF_8))
            .build();
    assertThat(zip.length).isLessThan(400_000);
    StoredArchive a = archive("bomb", zip);

    ArchiveVerifier.Verification v = timed(new ArchiveVerifier(), a, Duration.ofSeconds(5));
    assertThat(v.ok()).isFalse();
    assertThat(v.summary()).contains("metadata.json").contains("zip bomb");

    // The same check in a JVM with a 64 MiB heap: reading metadata.json whole would need 300 MiB.
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                SmallHeap.class.getName(),
                a.archive().toString(),
                a.sha256(),
                String.valueOf(a.sizeBytes()))
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("not verified")
        .contains("zip bomb")
        .doesNotContain("OutOfMemoryError");
  }

  @Test
  void anEntryBeyondTheRatioFailsEvenWhenItsSizesAreTrue() throws Exception {
    byte[] zip =
        new ZipForge()
            .deflated("metadata.json", ZipForge.deflate(METADATA))
            .deflated(
                "mgmt/blob.bin", ZipForge.zeros(64L << 20)) // 64 MiB from about 64 KB: ratio ~1000
            .build();
    ArchiveVerifier.Verification v =
        timed(new ArchiveVerifier(), archive("ratio", zip), Duration.ofSeconds(5));
    assertThat(v.ok()).isFalse();
    assertThat(v.summary())
        .contains("entry mgmt/blob.bin inflates to more than")
        .contains("200×")
        .contains("zip bomb");
  }

  @Test
  void overlappingEntriesFailBeforeAnythingIsInflated() throws Exception {
    // One 16 MiB kernel and 2,000 central-directory entries pointing at it: 32 GB if inflated.
    ZipForge forge = new ZipForge().deflated("mgmt/kernel.json", ZipForge.zeros(16L << 20));
    for (int i = 0; i < 2000; i++) {
      forge.alias("mgmt/copy-" + i + ".json", 0);
    }
    byte[] zip = forge.build();
    assertThat(zip.length).isLessThan(300_000);
    ArchiveVerifier.Verification v =
        timed(new ArchiveVerifier(), archive("overlap", zip), Duration.ofSeconds(2));
    assertThat(v.ok()).isFalse();
    assertThat(v.summary()).contains("entries overlap").contains("zip bomb");
  }

  @Test
  void theWholeArchiveStopsAtItsInflatedLimit() throws Exception {
    byte[] chunk = new byte[300_000];
    new java.util.Random(7).nextBytes(chunk); // incompressible: every entry is within its ratio
    ZipForge forge = new ZipForge().deflated("metadata.json", ZipForge.deflate(METADATA));
    for (int i = 0; i < 5; i++) {
      forge.stored("mgmt/part-" + i + ".bin", chunk);
    }
    ArchiveVerifier small =
        new ArchiveVerifier(new ArchiveVerifier.Limits(1L << 20, 200, 64L << 10, 1L << 20, 1000));
    ArchiveVerifier.Verification v = small.verify(archive("total", forge.build()));
    assertThat(v.ok()).isFalse();
    assertThat(v.summary()).contains("the archive inflates to more than 1048576 bytes");
    assertThat(new ArchiveVerifier().verify(archive("total-ok", forge.build())).ok()).isTrue();
  }

  @Test
  void tooManyEntriesFailBeforeAnythingIsInflated() throws Exception {
    ZipForge forge = new ZipForge().deflated("metadata.json", ZipForge.deflate(METADATA));
    for (int i = 0; i < 20; i++) {
      forge.stored("mgmt/e" + i, new byte[] {1});
    }
    ArchiveVerifier few =
        new ArchiveVerifier(new ArchiveVerifier.Limits(1L << 30, 200, 64L << 10, 1L << 20, 10));
    assertThat(few.verify(archive("many", forge.build())).summary())
        .contains("lists 21 entries, more than the limit of 10");
  }

  @Test
  void aNestedBombIsCheckedAsBytesAndNeverOpened() throws Exception {
    ZipForge inner = new ZipForge().deflated("mgmt/kernel.json", ZipForge.zeros(16L << 20));
    for (int i = 0; i < 500; i++) {
      inner.alias("mgmt/copy-" + i + ".json", 0);
    }
    byte[] zip =
        new ZipForge()
            .deflated("metadata.json", ZipForge.deflate(METADATA))
            .stored("mgmt/plugins/inner.zip", inner.build())
            .build();
    ArchiveVerifier.Verification v =
        timed(new ArchiveVerifier(), archive("nested", zip), Duration.ofSeconds(2));
    assertThat(v.ok()).as(v.summary()).isTrue();
    assertThat(v.snapshotVersion()).isEqualTo("7.0.4");
    assertThat(v.entries()).isEqualTo(2);
  }

  @Test
  void aLyingCrcStillFails() throws Exception {
    ZipForge.Deflated meta = ZipForge.deflate(METADATA);
    byte[] zip =
        new ZipForge()
            .deflated(
                "metadata.json", new ZipForge.Deflated(meta.data(), meta.crc() ^ 1, meta.size()))
            .stored("mgmt/a.json", new byte[] {'[', ']'})
            .build();
    assertThat(new ArchiveVerifier().verify(archive("crc", zip)).summary())
        .contains("entry metadata.json is damaged: CRC-32 mismatch");
  }

  /** Runs one verification in a child JVM (see the first test). Args: path, sha256, size. */
  public static final class SmallHeap {
    public static void main(String[] args) {
      Path p = Path.of(args[0]);
      StoredArchive a =
          new StoredArchive(
              "default",
              "bomb",
              1,
              p,
              p.resolveSibling("bomb.json"),
              Long.parseLong(args[2]),
              args[1],
              T,
              T,
              "7.0.4");
      System.out.println(new ArchiveVerifier().verify(a).summary());
    }
  }
}
