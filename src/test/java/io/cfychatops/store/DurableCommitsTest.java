package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits on the embedded database survive a process that dies right after them: a child JVM (the
 * test classpath, {@link DurabilityChild}) commits rows with auto-commit, prints a marker and calls
 * {@code Runtime.halt}; this JVM then reopens the database at once and finds every row. Also for a
 * database created by an older version (HSQLDB's default 0.5 s write delay stored in it), and the
 * data directory is refused to a second process but free again the moment its holder is killed.
 */
class DurableCommitsTest {
  static final int ROWS = 100;

  @TempDir Path dir;

  @Test
  void everyCommitSurvivesAHaltRightAfterIt() throws Exception {
    Path data = dir.resolve("data");
    List<String> out = runChild(data, "write", ROWS);
    assertThat(out).contains(DurabilityChild.COMMITTED + " " + ROWS);
    try (Database db = Database.embedded(data)) { // at once: no stale lock to wait out
      assertThat(db.jdbc().queryLong("SELECT count(*) FROM delivery")).isEqualTo(ROWS);
    }
  }

  @Test
  void aDatabaseCreatedWithTheOldWriteDelayIsMadeDurableOnOpen() throws Exception {
    Path data = dir.resolve("old");
    java.nio.file.Files.createDirectories(data);
    // as versions before this fix created it: HSQLDB's default write delay (500 ms) is stored in it
    String oldUrl =
        "jdbc:hsqldb:file:"
            + data.toAbsolutePath().resolve(Database.EMBEDDED_NAME)
            + ";shutdown=true;hsqldb.default_table_type=cached";
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(oldUrl, "SA", "")) {
      try (var st = c.createStatement()) {
        st.execute("CREATE TABLE marker (id INT PRIMARY KEY)");
      }
      assertThat(writeDelayMillis(c)).as("older database").isEqualTo(500);
    }
    List<String> out = runChild(data, "write", ROWS);
    assertThat(out).contains(DurabilityChild.COMMITTED + " " + ROWS);
    try (Database db = Database.embedded(data)) {
      assertThat(db.jdbc().queryLong("SELECT count(*) FROM delivery")).isEqualTo(ROWS);
      assertThat(db.jdbc().withConnection("write delay", DurableCommitsTest::writeDelayMillis))
          .isZero();
    }
  }

  @Test
  void aSecondProcessIsRefusedAndAKilledHolderFreesTheDirectoryAtOnce() throws Exception {
    Path data = dir.resolve("held");
    Process holder = start(data, "hold", 0);
    try {
      BufferedReader r =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null && !line.equals(DurabilityChild.OPENED)) {
        // skip log lines
      }
      assertThat(line).as("child opened the database").isEqualTo(DurabilityChild.OPENED);
      assertThatThrownBy(() -> Database.embedded(data))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("in use by another process");
      holder.destroyForcibly(); // SIGKILL
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      holder.destroyForcibly();
    }
    try (Database db = Database.embedded(data)) {
      assertThat(db.jdbc().queryLong("SELECT count(*) FROM delivery")).isZero();
    }
  }

  @Test
  void anExplicitFileUrlTakesTheSameLockAsTheEmbeddedDefault() throws Exception {
    Path data = dir.resolve("held-url");
    Process holder = start(data, "hold", 0);
    try {
      BufferedReader r =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null && !line.equals(DurabilityChild.OPENED)) {
        // skip log lines
      }
      assertThat(line).as("child opened the database").isEqualTo(DurabilityChild.OPENED);
      // store.url naming the same file (HSQLDB's own lock file is off in that URL): refused too
      assertThatThrownBy(() -> Database.open(Database.embeddedUrl(data)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("in use by another process");
      assertThatThrownBy(
              () ->
                  Database.open(
                      "jdbc:hsqldb:file:" + data.resolve("other") + ";hsqldb.lock_file=false"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("in use by another process");
    } finally {
      holder.destroyForcibly();
      holder.waitFor(30, TimeUnit.SECONDS);
    }
    try (Database db = Database.open(Database.embeddedUrl(data))) {
      assertThat(Files.exists(data.resolve(DataDirLock.FILE_NAME))).isTrue();
    }
  }

  private static int writeDelayMillis(java.sql.Connection c) throws java.sql.SQLException {
    try (var st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT property_value FROM information_schema.system_properties"
                    + " WHERE property_name = 'hsqldb.write_delay_millis'")) {
      rs.next();
      return Integer.parseInt(rs.getString(1));
    }
  }

  private static Process start(Path data, String mode, int rows) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            DurabilityChild.class.getName(),
            data.toString(),
            mode,
            Integer.toString(rows))
        .redirectErrorStream(true)
        .start();
  }

  /** Runs the child to its end (bounded) and returns its output lines. */
  private static List<String> runChild(Path data, String mode, int rows) throws Exception {
    Process p = start(data, mode, rows);
    List<String> lines = new ArrayList<>();
    boolean ended = false;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    } finally {
      ended = p.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
    }
    if (!ended) {
      throw new AssertionError("child did not end: " + lines);
    }
    assertThat(p.exitValue()).as("child exit; output %s", lines).isZero();
    return lines;
  }
}
