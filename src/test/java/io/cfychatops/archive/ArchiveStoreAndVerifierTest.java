package io.cfychatops.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.backup.BackupException;
import io.cfychatops.testing.FakeManager;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveStoreAndVerifierTest {
  static final Instant CREATED = Instant.parse("2024-08-12T00:00:01Z");
  static final Instant STORED = Instant.parse("2024-08-12T00:01:00Z");

  @TempDir Path root;
  final ArchiveVerifier verifier = new ArchiveVerifier();

  ArchiveStore store() {
    return new ArchiveStore(root);
  }

  StoredArchive writeGood(String id, String version) {
    return store()
        .write(
            "default",
            id,
            CREATED,
            version,
            STORED,
            out -> FakeManager.writeZip(out, 200_000, version, id));
  }

  @Test
  void writesArchiveAndSidecarInTheDocumentedLayout() throws IOException {
    StoredArchive a = writeGood("nightly-default-20240812-0200", "7.0.4");

    assertThat(a.archive()).isEqualTo(root.resolve("default/nightly-default-20240812-0200.zip"));
    assertThat(a.sidecar()).isEqualTo(root.resolve("default/nightly-default-20240812-0200.json"));
    assertThat(Files.size(a.archive())).isEqualTo(a.sizeBytes());
    assertThat(a.sha256()).hasSize(64).isEqualTo(ArchiveVerifier.sha256(a.archive()));
    String sidecar = Files.readString(a.sidecar());
    assertThat(sidecar)
        .contains(
            "\"sha256\" : \"" + a.sha256() + "\"",
            "\"size_bytes\" : " + a.sizeBytes(),
            "\"created_at\" : \"2024-08-12T00:00:01Z\"",
            "\"manager_version\" : \"7.0.4\"");
    assertThat(store().find("default", a.snapshotId())).contains(a);
    assertThat(store().list("default")).containsExactly(a);
    try (var files = Files.list(root.resolve("default"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(a.snapshotId() + ".zip", a.snapshotId() + ".json");
    }
  }

  @Test
  void aFailingSourceLeavesNoFileBehind() throws IOException {
    assertThatThrownBy(
            () ->
                store()
                    .write(
                        "default",
                        "nightly-default-20240812-0200",
                        CREATED,
                        "7.0.4",
                        STORED,
                        out -> {
                          out.write(new byte[1000]);
                          throw new IOException("connection reset");
                        }))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("connection reset");
    try (var files = Files.list(root.resolve("default"))) {
      assertThat(files).isEmpty();
    }
    assertThat(store().list("default")).isEmpty();
  }

  @Test
  void rejectsPathTricksInNames() {
    assertThatThrownBy(() -> store().write("../etc", "x", CREATED, "7", STORED, out -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`../etc`");
    assertThatThrownBy(() -> store().find("default", "a/../../b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteRemovesBothFiles() throws IOException {
    StoredArchive a = writeGood("nightly-default-20240812-0200", "7.0.4");

    assertThat(store().delete("default", a.snapshotId())).isTrue();
    assertThat(store().delete("default", a.snapshotId())).isFalse();
    try (var files = Files.list(root.resolve("default"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aGoodNewFormatArchiveVerifies() {
    StoredArchive a = writeGood("nightly-default-20240812-0200", "7.0.4");

    ArchiveVerifier.Verification v = verifier.verify(a);

    assertThat(v.ok()).as(v.summary()).isTrue();
    assertThat(v.snapshotVersion()).isEqualTo("7.0.4");
    assertThat(v.entries()).isEqualTo(4);
    assertThat(v.summary()).isEqualTo("verified");
  }

  @Test
  void aTruncatedArchiveFails() throws IOException {
    StoredArchive a = writeGood("nightly-default-20240812-0200", "7.0.4");
    try (RandomAccessFile f = new RandomAccessFile(a.archive().toFile(), "rw")) {
      f.setLength(a.sizeBytes() - 100); // cuts into the central directory
    }

    ArchiveVerifier.Verification v = verifier.verify(a);

    assertThat(v.ok()).isFalse();
    assertThat(v.problems()).anyMatch(p -> p.contains("truncated"));
    assertThat(v.problems()).anyMatch(p -> p.contains("SHA-256"));
    assertThat(v.problems()).anyMatch(p -> p.contains("central directory"));
  }

  @Test
  void aFlippedByteFails() throws IOException {
    StoredArchive a = writeGood("nightly-default-20240812-0200", "7.0.4");
    long at = a.sizeBytes() / 2; // inside the filler entry's data
    try (RandomAccessFile f = new RandomAccessFile(a.archive().toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }

    ArchiveVerifier.Verification v = verifier.verify(a);

    assertThat(v.ok()).isFalse();
    assertThat(v.problems()).anyMatch(p -> p.contains("SHA-256") && p.contains("corrupted"));
    assertThat(v.problems()).anyMatch(p -> p.contains("mgmt/filler.bin is damaged"));
    assertThat(v.problems()).noneMatch(p -> p.contains("truncated"));
  }

  @Test
  void newFormatWithoutMetadataFailsButLegacyPasses() {
    StoredArchive seven =
        store()
            .write(
                "default",
                "nightly-default-20240812-0200",
                CREATED,
                "7.0.4",
                STORED,
                out -> plainZip(out));
    StoredArchive six =
        store()
            .write(
                "default",
                "nightly-default-20240812-0300",
                CREATED,
                "6.4.2",
                STORED,
                out -> plainZip(out));

    assertThat(verifier.verify(seven).problems())
        .anyMatch(p -> p.contains("metadata.json is missing"))
        .anyMatch(p -> p.contains("no mgmt/ entries"));
    assertThat(verifier.verify(six).ok()).isTrue();
  }

  @Test
  void notAZipFails() {
    StoredArchive a =
        store()
            .write(
                "default",
                "nightly-default-20240812-0200",
                CREATED,
                "7.0.4",
                STORED,
                out -> out.write("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)));

    assertThat(verifier.verify(a).problems()).anyMatch(p -> p.contains("central directory"));
  }

  @Test
  void majorVersionParsing() {
    assertThat(ArchiveVerifier.isNewFormat("7.0.4")).isTrue();
    assertThat(ArchiveVerifier.isNewFormat("7.1.0-dev")).isTrue();
    assertThat(ArchiveVerifier.isNewFormat("6.4.2")).isFalse();
    assertThat(ArchiveVerifier.isNewFormat("unknown")).isFalse();
    assertThat(ArchiveVerifier.isNewFormat(null)).isFalse();
  }

  @Test
  void aHashingSourceSuppliesTheChecksumAndALieIsCaughtByTheVerifier() {
    String[] real = new String[1];
    StoredArchive honest =
        store()
            .writeHashed(
                "default",
                "nightly-default-20240812-0200",
                CREATED,
                "7.0.4",
                STORED,
                out -> {
                  real[0] = FakeManager.writeZip(out, 1000, "7.0.4", "x").sha256();
                  return real[0].toUpperCase();
                });
    assertThat(honest.sha256()).isEqualTo(real[0]);
    assertThat(verifier.verify(honest).ok()).isTrue();

    StoredArchive lying =
        store()
            .writeHashed(
                "default",
                "nightly-default-20240812-0300",
                CREATED,
                "7.0.4",
                STORED,
                out -> {
                  FakeManager.writeZip(out, 1000, "7.0.4", "x");
                  return "0".repeat(64);
                });
    assertThat(verifier.verify(lying).problems()).anyMatch(p -> p.contains("SHA-256"));

    assertThatThrownBy(
            () ->
                store()
                    .writeHashed(
                        "default",
                        "nightly-default-20240812-0400",
                        CREATED,
                        "7.0.4",
                        STORED,
                        out -> null))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("no SHA-256");
  }

  @Test
  void metadataThatIsNotJsonIsReportedAndNestedMetadataIsFine() {
    StoredArchive junk =
        store()
            .write(
                "default",
                "nightly-default-20240812-0200",
                CREATED,
                "7.0.4",
                STORED,
                out -> zipWithMetadata(out, "{\"snapshot_version\": \"7.0.4\""));
    StoredArchive nested =
        store()
            .write(
                "default",
                "nightly-default-20240812-0300",
                CREATED,
                "7.0.4",
                STORED,
                out ->
                    zipWithMetadata(
                        out,
                        "{\"created\": {\"by\": [\"admin\"]}, \"snapshot_version\": \"7.0.4\", \"n\": 3}"));
    StoredArchive noVersion =
        store()
            .write(
                "default",
                "nightly-default-20240812-0400",
                CREATED,
                "7.0.4",
                STORED,
                out -> zipWithMetadata(out, "{\"snapshot_version\": {\"v\": 7}}"));

    ArchiveVerifier.Verification v = verifier.verify(junk);
    assertThat(v.ok()).isFalse();
    assertThat(v.problems()).contains("metadata.json is not valid JSON");
    assertThat(v.snapshotVersion()).isNull();
    ArchiveVerifier.Verification ok = verifier.verify(nested);
    assertThat(ok.ok()).as(ok.summary()).isTrue();
    assertThat(ok.snapshotVersion()).isEqualTo("7.0.4");
    assertThat(verifier.verify(noVersion).problems())
        .containsExactly("metadata.json has no snapshot_version");
  }

  @Test
  void aDamagedSidecarIsUnreadableAndSkippedByList() throws IOException {
    StoredArchive good = writeGood("nightly-default-20240812-0200", "7.0.4");
    StoredArchive bad = writeGood("nightly-default-20240812-0300", "7.0.4");
    String text = Files.readString(bad.sidecar());
    Files.writeString(bad.sidecar(), text.substring(0, text.length() / 2));

    assertThatThrownBy(() -> store().find("default", bad.snapshotId()))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("is unreadable: not valid JSON");
    assertThat(store().list("default")).containsExactly(good);
  }

  @Test
  void aSidecarWithExtraOrMissingFieldsReadsLikeBefore() throws IOException {
    StoredArchive a = writeGood("nightly-default-20240812-0200", "7.0.4");
    Files.writeString(
        a.sidecar(),
        "{\"manager\": \"default\", \"snapshot_id\": \""
            + a.snapshotId()
            + "\", \"archive\": \""
            + a.snapshotId()
            + ".zip\", \"sha256\": \""
            + a.sha256()
            + "\", \"size_bytes\": \""
            + a.sizeBytes()
            + "\", \"created_at\": \"2024-08-12T00:00:01Z\","
            + " \"stored_at\": \"2024-08-12T00:01:00Z\", \"extra\": {\"future\": [1, 2]}}");

    StoredArchive read = store().find("default", a.snapshotId()).orElseThrow();

    assertThat(read.sizeBytes()).isEqualTo(a.sizeBytes());
    assertThat(read.managerVersion()).isEqualTo("unknown");
    assertThat(read.archive()).isEqualTo(a.archive());
  }

  private static void zipWithMetadata(java.io.OutputStream out, String metadata)
      throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.putNextEntry(new ZipEntry("metadata.json"));
    zip.write(metadata.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry("mgmt/users.json"));
    zip.write("[]".getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.finish();
  }

  private static void plainZip(java.io.OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.putNextEntry(new ZipEntry("snapshot/data.sql"));
    zip.write("select 1;".getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.finish();
  }
}
