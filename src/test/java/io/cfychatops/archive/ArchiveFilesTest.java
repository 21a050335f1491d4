package io.cfychatops.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.cfychatops.backup.BackupException;
import io.cfychatops.backup.PrivateFiles;
import io.cfychatops.testing.FakeManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporary files, start-up cleaning and file modes of the archive store, on a real temporary
 * folder. Before the fix start-up deleted {@code *.part-*} in every manager folder — stored copies
 * of a valid id such as {@code db.part-1} included — archives were written {@code 0644} in {@code
 * 0755} folders, and the folder was not forced after the rename.
 */
class ArchiveFilesTest {
  static final Instant NOW = Instant.parse("2026-02-01T03:00:00Z");
  static final Instant CREATED = Instant.parse("2026-02-01T02:00:01Z");

  @TempDir Path tmp;
  Path root;
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @BeforeEach
  void posixOnly() {
    root = tmp.resolve("archives");
    assumeThat(PrivateFiles.posix(tmp)).as("POSIX file system").isTrue();
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private StoredArchive write(ArchiveStore store, String id) {
    return store.write(
        "default",
        id,
        CREATED,
        "7.0.4",
        NOW,
        out -> FakeManager.writeZip(out, 10_000, "7.0.4", id));
  }

  @Test
  void startUpNeverDeletesAStoredArchiveWhoseIdContainsPart() throws IOException {
    ArchiveStore store = new ArchiveStore(root, clock);
    StoredArchive a = write(store, "db.part-1");
    StoredArchive b = write(store, "x.zip.part-123");

    ArchiveStore.Prepared p = store.prepare();

    assertThat(p.leftoversRemoved()).isZero();
    assertThat(a.archive()).exists();
    assertThat(b.archive()).exists();
    assertThat(store.list("default"))
        .extracting(StoredArchive::snapshotId)
        .containsExactlyInAnyOrder("db.part-1", "x.zip.part-123");
    assertThat(new ArchiveVerifier().verify(store.find("default", "db.part-1").orElseThrow()).ok())
        .isTrue();
  }

  @Test
  void temporaryFilesLiveInDotTmpAndOnlyOldOnesAreCleanedAtStartUp() throws IOException {
    ArchiveStore store = new ArchiveStore(root, clock);
    write(store, "nightly-1");
    Path crashed = PrivateFiles.newTempFile(root, "nightly-2.zip");
    Path download = PrivateFiles.newTempFile(root, "download-op-7");
    Path fresh = PrivateFiles.newTempFile(root, "download-op-8");
    Files.setLastModifiedTime(crashed, FileTime.from(NOW.minus(Duration.ofHours(3))));
    Files.setLastModifiedTime(download, FileTime.from(NOW.minus(Duration.ofMinutes(61))));
    Files.setLastModifiedTime(fresh, FileTime.from(NOW.minus(Duration.ofMinutes(5))));

    assertThat(crashed.getParent()).isEqualTo(root.resolve(".tmp"));
    assertThat(crashed.getFileName().toString()).startsWith("nightly-2.zip-").endsWith(".part");
    try (Stream<Path> files = Files.list(root.resolve("default"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("nightly-1.zip", "nightly-1.json");
    }

    assertThat(store.prepare().leftoversRemoved()).isEqualTo(2);
    assertThat(crashed).doesNotExist();
    assertThat(download).doesNotExist();
    assertThat(fresh).exists(); // younger than an hour: may be another replica's download
    assertThat(store.find("default", "nightly-1")).isPresent();
  }

  @Test
  void aFailedWriteLeavesNothingBehindAnywhere() throws IOException {
    ArchiveStore store = new ArchiveStore(root, clock);
    try {
      store.write(
          "default",
          "broken",
          CREATED,
          "7.0.4",
          NOW,
          out -> {
            out.write(new byte[100]);
            throw new IOException("connection reset");
          });
    } catch (BackupException expected) {
      // reported
    }
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void archivesAndSidecarsAre0600InFolders0700AndTheFolderIsForcedAfterEachRename()
      throws IOException {
    ArchiveStore store = new ArchiveStore(root, clock);
    long syncs = PrivateFiles.directorySyncs();

    StoredArchive a = write(store, "nightly-1");

    assertThat(mode(a.archive())).isEqualTo("rw-------");
    assertThat(mode(a.sidecar())).isEqualTo("rw-------");
    assertThat(mode(root.resolve("default"))).isEqualTo("rwx------");
    assertThat(mode(root)).isEqualTo("rwx------");
    assertThat(mode(root.resolve(".tmp"))).isEqualTo("rwx------");
    assertThat(PrivateFiles.directorySyncs() - syncs)
        .as("folder fsyncs (archive + sidecar)")
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void startUpNarrowsWhatOlderVersionsWroteWorldReadable() throws IOException {
    Files.createDirectories(root.resolve("default"));
    Files.setPosixFilePermissions(
        root.resolve("default"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path old = Files.writeString(root.resolve("default/old.zip"), "zip");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));

    ArchiveStore.Prepared p = new ArchiveStore(root, clock).prepare();

    assertThat(p.narrowed()).isEqualTo(2);
    assertThat(mode(old)).isEqualTo("rw-------");
    assertThat(mode(root.resolve("default"))).isEqualTo("rwx------");
    assertThat(new ArchiveStore(root, clock).prepare().narrowed()).isZero();
  }

  @Test
  void aDirectoryCreatedWithItsParentsIsPrivateAllTheWay() throws IOException {
    Path deep = tmp.resolve("a/b/c");
    PrivateFiles.directory(deep);
    for (Path p : new Path[] {tmp.resolve("a"), tmp.resolve("a/b"), deep}) {
      assertThat(mode(p)).as(p.toString()).isEqualTo("rwx------");
    }
  }
}
