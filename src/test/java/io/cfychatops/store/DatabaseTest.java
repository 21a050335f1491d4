package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @Test
  void dialectFromUrlNamesTheSupportedPrefixes() {
    assertThat(Dialect.fromUrl("jdbc:hsqldb:mem:x")).isEqualTo(Dialect.HSQLDB);
    assertThat(Dialect.fromUrl("jdbc:postgresql://h/db")).isEqualTo(Dialect.POSTGRESQL);
    assertThatThrownBy(() -> Dialect.fromUrl("jdbc:h2:mem:x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:hsqldb:file:")
        .hasMessageContaining("jdbc:postgresql://");
  }

  @Test
  void embeddedFileDatabaseKeepsDataAcrossRestarts(@TempDir Path dir) {
    try (Database db = Database.embedded(dir)) {
      assertThat(db.dialect()).isEqualTo(Dialect.HSQLDB);
      db.jdbc()
          .update(
              "INSERT INTO audit_log (at_ms, team_id, user_id, user_name, channel, manager,"
                  + " kind, action, detail) VALUES (1, 'T', 'U', 'ana', 'C', 'prod', 'k', 'a', 'd')");
    }
    try (Database db = Database.embedded(dir)) {
      assertThat(db.migrate()).isZero();
      assertThat(db.jdbc().queryLong("SELECT count(*) FROM audit_log")).isEqualTo(1);
    }
  }

  @Test
  void embeddedDatabaseFolderIs0700AndItsFiles0600(@TempDir Path tmp) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path dir = tmp.resolve("data");
    try (Database db = Database.embedded(dir)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      try (Stream<Path> files = Files.walk(dir)) {
        List<Path> all = files.filter(p -> !p.equals(dir)).toList();
        assertThat(all)
            .anyMatch(p -> p.getFileName().toString().startsWith(Database.EMBEDDED_NAME + "."));
        for (Path p : all) {
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
              .as(p.toString())
              .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
      }
    }
  }

  @Test
  void anUnreachablePostgresqlFailsToOpenWithAClearMessage() {
    assertThatThrownBy(
            () ->
                Database.open(
                    "jdbc:postgresql://127.0.0.1:1/test?password=s3cret", "postgres", null))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith(
            "Cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/test?password=***: ")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void passwordsAreRedactedFromDescriptions() {
    assertThat(Database.redact("jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
  }

  @EachDatabase
  void uniqueViolationBecomesDuplicateKeyException(TestDb t) {
    Jdbc jdbc = t.db().jdbc();
    String insert =
        "INSERT INTO backup_catalog (manager, snapshot_id, created_at, verified, on_manager, in_store)"
            + " VALUES (?, ?, ?, FALSE, TRUE, FALSE)";
    jdbc.update(insert, "prod", "snap-1", Instant.EPOCH);
    assertThatThrownBy(() -> jdbc.update(insert, "prod", "snap-1", Instant.EPOCH))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @EachDatabase
  void transactionRollsBackWhenTheWorkThrows(TestDb t) {
    Jdbc jdbc = t.db().jdbc();
    assertThatThrownBy(
            () ->
                jdbc.inTransaction(
                    tx -> {
                      tx.update(
                          "INSERT INTO audit_log (at_ms, team_id, user_id, user_name, channel,"
                              + " manager, kind, action, detail)"
                              + " VALUES (1, '', 'u', 'u', '', '', 'k', 'a', '')");
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(jdbc.queryLong("SELECT count(*) FROM audit_log")).isZero();
  }

  @EachDatabase
  void nullParametersAreBoundOnBothEngines(TestDb t) {
    Jdbc jdbc = t.db().jdbc();
    jdbc.update(
        "INSERT INTO backup_catalog (manager, snapshot_id, archive_path, bytes, created_at, verified,"
            + " on_manager, in_store, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "prod",
        "s",
        null,
        null,
        Instant.EPOCH,
        false,
        true,
        false,
        null);
    assertThat(jdbc.queryLong("SELECT count(*) FROM backup_catalog WHERE bytes IS NULL"))
        .isEqualTo(1);
  }
}
