package io.cfychatops.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.backup.BackupException;
import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.backup.CatalogEntry.Origin;
import io.cfychatops.backup.InMemoryBackupCatalog;
import io.cfychatops.backup.PrivateFiles;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one archive writer never replaces a stored copy, and says what it did. */
class ArchiveVersionsTest {
  static final Instant CREATED = Instant.parse("2026-11-24T02:00:05Z");
  static final String ID = "nightly-prod-20261124-0200";

  @TempDir Path root;
  final SettableClock clock = new SettableClock(Instant.parse("2026-11-24T02:10:00Z"));
  final InMemoryBackupCatalog catalog = new InMemoryBackupCatalog();

  ArchiveStore store() {
    return new ArchiveStore(root, clock, new ArchiveVerifier(), catalog);
  }

  ArchiveStore.Saved save(Origin origin, String seed) {
    return store()
        .save(
            new ArchiveStore.Copy("prod", ID, CREATED, "7.0.4", origin),
            out -> {
              var d = FakeManager.writeZip(out, 20_000, "7.0.4", seed);
              return new ArchiveStore.Written(d.bytes(), d.sha256());
            });
  }

  /** Chat downloads come through the ops port, which fills a file itself. */
  ArchiveStore.Saved download(String seed) {
    return store()
        .saveFile(
            new ArchiveStore.Copy("prod", ID, CREATED, null, Origin.CHAT_DOWNLOAD),
            tmp -> {
              try (var out = Files.newOutputStream(tmp)) {
                var d = FakeManager.writeZip(out, 20_000, "7.0.4", seed);
                return new ArchiveStore.Written(d.bytes(), d.sha256());
              }
            });
  }

  @Test
  void aDifferentChatDownloadUnderAVerifiedNightlyIdBecomesVersionTwoAndTouchesNothingElse()
      throws IOException {
    ArchiveStore.Saved nightly = save(Origin.NIGHTLY, "original");
    assertThat(nightly.outcome()).isEqualTo(ArchiveStore.Outcome.STORED);
    assertThat(nightly.verification().ok()).isTrue();
    byte[] zip = Files.readAllBytes(nightly.archive().archive());
    byte[] sidecar = Files.readAllBytes(nightly.archive().sidecar());
    FileTime zipTime = Files.getLastModifiedTime(nightly.archive().archive());
    CatalogEntry first = catalog.list("prod").get(0);
    clock.advance(Duration.ofHours(3));

    // an approved upload replaced the snapshot on the manager; downloading it again:
    ArchiveStore.Saved again = download("replaced-by-upload");

    assertThat(again.outcome()).isEqualTo(ArchiveStore.Outcome.NEW_VERSION);
    assertThat(again.archive().version()).isEqualTo(2);
    assertThat(again.archive().archive()).isEqualTo(root.resolve("prod/" + ID + "~2.zip"));
    assertThat(again.archive().sidecar()).isEqualTo(root.resolve("prod/" + ID + "~2.json"));
    assertThat(again.others()).containsExactly(nightly.archive());
    // the verified nightly copy: file, sidecar and catalog entry exactly as they were
    assertThat(Files.readAllBytes(nightly.archive().archive())).isEqualTo(zip);
    assertThat(Files.getLastModifiedTime(nightly.archive().archive())).isEqualTo(zipTime);
    assertThat(Files.readAllBytes(nightly.archive().sidecar())).isEqualTo(sidecar);
    assertThat(catalog.list("prod")).hasSize(2).contains(first);
    CatalogEntry second = again.entry();
    assertThat(second).isNotNull();
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.origin()).isEqualTo(Origin.CHAT_DOWNLOAD);
    assertThat(second.verified()).isTrue();
    assertThat(second.verifiedAt()).isEqualTo(clock.instant());
    assertThat(second.archivePath()).isEqualTo(again.archive().archive().toString());
    assertThat(first.origin()).isEqualTo(Origin.NIGHTLY);
    assertThat(first.version()).isEqualTo(1);
    // both are listed and found; find gives the newest
    assertThat(store().versions("prod", ID)).containsExactly(nightly.archive(), again.archive());
    assertThat(store().find("prod", ID)).contains(again.archive());
    assertThat(store().list("prod")).hasSize(2);
    assertThat(ArchiveReplies.saved(again))
        .contains("kept as version 2", "version 1 (" + ID + ".zip", "untouched", "verified");
  }

  @Test
  void theSameBytesAgainAreAlreadyStoredAndWriteNothing() throws IOException {
    ArchiveStore.Saved first = download("same");
    assertThat(first.outcome()).isEqualTo(ArchiveStore.Outcome.STORED);
    assertThat(first.entry().origin()).isEqualTo(Origin.CHAT_DOWNLOAD);
    assertThat(first.entry().version()).isEqualTo(1);
    byte[] sidecar = Files.readAllBytes(first.archive().sidecar());
    clock.advance(Duration.ofHours(1));

    ArchiveStore.Saved again = download("same");

    assertThat(again.outcome()).isEqualTo(ArchiveStore.Outcome.ALREADY_STORED);
    assertThat(again.archive()).isEqualTo(first.archive());
    assertThat(again.entry()).isEqualTo(first.entry());
    assertThat(again.verification().ok()).isTrue();
    assertThat(Files.readAllBytes(first.archive().sidecar())).isEqualTo(sidecar);
    assertThat(catalog.list("prod")).hasSize(1);
    try (Stream<Path> files = Files.list(root.resolve("prod"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(ID + ".zip", ID + ".json");
    }
    try (Stream<Path> temps = Files.list(root.resolve(PrivateFiles.TEMP_DIR))) {
      assertThat(temps).isEmpty();
    }
    assertThat(ArchiveReplies.saved(again))
        .startsWith("already stored: ")
        .contains("same bytes", "nothing written");
  }

  @Test
  void crashLeftoversInTmpAreIgnoredByWritersAndCleanedAtStartUp() throws IOException {
    // a crash mid-download left a half-written temporary file, and one after the link but before
    // the sidecar left a version-2 archive without sidecar
    Path half = PrivateFiles.newTempFile(root, ID + ".zip");
    Files.write(half, new byte[1234]);
    Files.setLastModifiedTime(half, FileTime.from(clock.instant().minus(Duration.ofHours(2))));
    save(Origin.NIGHTLY, "original");
    Files.write(root.resolve("prod/" + ID + "~2.zip"), new byte[10]);

    ArchiveStore.Saved next = download("other");

    assertThat(next.archive().version()).as("the orphan's name is not reused").isEqualTo(3);
    assertThat(Files.size(root.resolve("prod/" + ID + "~2.zip"))).isEqualTo(10);
    assertThat(store().versions("prod", ID))
        .extracting(StoredArchive::version)
        .containsExactly(1, 3);
    assertThat(store().prepare().leftoversRemoved()).isEqualTo(1);
    assertThat(half).doesNotExist();
    assertThat(store().delete("prod", ID)).isTrue();
    try (Stream<Path> files = Files.list(root.resolve("prod"))) {
      assertThat(files).as("every version and the orphan").isEmpty();
    }
  }

  @Test
  void aWrongByteCountOrChecksumFromTheSourceKeepsNothing() throws IOException {
    save(Origin.NIGHTLY, "original");

    assertThatThrownBy(
            () ->
                store()
                    .saveFile(
                        new ArchiveStore.Copy("prod", ID, CREATED, null, Origin.CHAT_DOWNLOAD),
                        tmp -> {
                          Files.write(tmp, new byte[100]);
                          return new ArchiveStore.Written(99, "00".repeat(32));
                        }))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("the client read 99 bytes but 100 were stored");
    assertThatThrownBy(
            () ->
                store()
                    .saveFile(
                        new ArchiveStore.Copy("prod", ID, CREATED, null, Origin.CHAT_DOWNLOAD),
                        tmp -> {
                          Files.write(tmp, new byte[100]);
                          return new ArchiveStore.Written(100, "not a checksum");
                        }))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("no SHA-256");
    assertThat(store().versions("prod", ID)).hasSize(1);
    assertThat(catalog.list("prod")).hasSize(1);
    try (Stream<Path> temps = Files.list(root.resolve(PrivateFiles.TEMP_DIR))) {
      assertThat(temps).isEmpty();
    }
  }

  @Test
  void anUnverifiableCopyIsKeptButCataloguedAsNotVerified() {
    ArchiveStore.Saved s =
        store()
            .saveFile(
                new ArchiveStore.Copy("prod", ID, CREATED, null, Origin.CHAT_DOWNLOAD),
                tmp -> {
                  Files.writeString(tmp, "not a zip");
                  return new ArchiveStore.Written(9, ArchiveVerifier.sha256(tmp));
                });

    assertThat(s.verification().ok()).isFalse();
    assertThat(s.entry().verified()).isFalse();
    assertThat(s.entry().origin()).isEqualTo(Origin.CHAT_DOWNLOAD);
    assertThat(ArchiveReplies.saved(s)).contains("not verified");
  }
}
