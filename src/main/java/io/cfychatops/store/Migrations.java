package io.cfychatops.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned SQL migrations without a migration library.
 *
 * <p>{@code db/migration/index.txt} lists the versions in order, one {@code V<n>__<name>} a line.
 * For each version the runner executes {@code db/migration/common/V<n>__<name>.sql} (portable SQL)
 * and then {@code db/migration/<dialect>/V<n>__<name>.sql} (engine-specific SQL); either may be
 * absent. Statements are separated by a {@code ;} at the end of a line; {@code --} starts a comment
 * line. Applied versions are recorded in {@code schema_version} with a SHA-256 of the script text;
 * a changed checksum is logged as a warning (scripts are append-only: add a new version instead).
 *
 * <p>Concurrency: on PostgreSQL the whole run is one transaction (PostgreSQL DDL is transactional)
 * holding {@code pg_advisory_xact_lock} keyed by the current schema, so a second instance starting
 * at the same time waits, then finds everything applied. HSQLDB is in-process and its file lock
 * admits one process, so a JVM-wide lock per URL serialises migrators; DDL on HSQLDB commits as it
 * goes, which is why each version is recorded right after it is applied.
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final String BASE = "db/migration/";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)");
  private static final Map<String, Object> JVM_LOCKS = new ConcurrentHashMap<>();

  record Script(int version, String name, String sql, String checksum) {}

  private final Database db;

  Migrations(Database db) {
    this.db = db;
  }

  /** Applies what is missing; returns how many versions were applied by this call. */
  int migrate() {
    List<Script> scripts = load(db.dialect());
    if (db.dialect() == Dialect.POSTGRESQL) {
      return db.jdbc()
          .inTransaction(
              tx ->
                  tx.withConnection(
                      "migrate",
                      c -> {
                        try (Statement st = c.createStatement()) {
                          st.execute(
                              "SELECT pg_advisory_xact_lock(hashtext('cfy-chatops-migrate:' ||"
                                  + " current_schema()))");
                        }
                        return apply(c, scripts);
                      }));
    }
    Object lock = JVM_LOCKS.computeIfAbsent(db.describe(), k -> new Object());
    synchronized (lock) {
      return db.jdbc().withConnection("migrate", c -> apply(c, scripts));
    }
  }

  private int apply(Connection c, List<Script> scripts) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS schema_version ("
              + " version INT NOT NULL PRIMARY KEY,"
              + " description VARCHAR(200) NOT NULL,"
              + " checksum VARCHAR(64) NOT NULL,"
              + " installed_at BIGINT NOT NULL)");
    }
    Map<Integer, String> applied = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_version")) {
      while (rs.next()) {
        applied.put(rs.getInt(1), rs.getString(2));
      }
    }
    int count = 0;
    for (Script s : scripts) {
      String known = applied.get(s.version());
      if (known != null) {
        if (!known.equals(s.checksum())) {
          log.warn(
              "Migration V{}__{} changed after it was applied (checksum {} in database, {} now);"
                  + " add a new version instead of editing an applied one",
              s.version(),
              s.name(),
              known,
              s.checksum());
        }
        continue;
      }
      log.info("Applying migration V{}__{} on {}", s.version(), s.name(), db.describe());
      for (String stmt : statements(s.sql())) {
        try (Statement st = c.createStatement()) {
          st.execute(stmt);
        } catch (SQLException e) {
          throw new StoreException(
              "Migration V"
                  + s.version()
                  + "__"
                  + s.name()
                  + " failed at: "
                  + stmt
                  + " — "
                  + e.getMessage(),
              e);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO schema_version (version, description, checksum, installed_at)"
                  + " VALUES (?, ?, ?, ?)")) {
        ps.setInt(1, s.version());
        ps.setString(2, s.name());
        ps.setString(3, s.checksum());
        ps.setLong(4, System.currentTimeMillis());
        ps.executeUpdate();
      }
      count++;
    }
    return count;
  }

  static List<Script> load(Dialect dialect) {
    String index = read(BASE + "index.txt");
    if (index == null) {
      throw new StoreException("Missing classpath resource " + BASE + "index.txt");
    }
    List<Script> out = new ArrayList<>();
    for (String line : index.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      Matcher m = NAME.matcher(l);
      if (!m.matches()) {
        throw new StoreException(
            "Bad migration name '" + l + "' in index.txt: expected V<n>__<name>");
      }
      String common = read(BASE + "common/" + l + ".sql");
      String specific = read(BASE + dialect.scriptDir() + "/" + l + ".sql");
      if (common == null && specific == null) {
        throw new StoreException("Migration " + l + " has no script for " + dialect);
      }
      String sql = (common == null ? "" : common) + "\n" + (specific == null ? "" : specific);
      out.add(new Script(Integer.parseInt(m.group(1)), m.group(2), sql, sha256(sql)));
    }
    for (int i = 1; i < out.size(); i++) {
      if (out.get(i).version() <= out.get(i - 1).version()) {
        throw new StoreException("index.txt versions must increase: " + out.get(i).version());
      }
    }
    return out;
  }

  /**
   * Splits a script into statements: {@code ;} at line end ends one; {@code --} lines are dropped.
   */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : sql.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("--")) {
        continue;
      }
      if (t.endsWith(";")) {
        cur.append(t, 0, t.length() - 1);
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
          out.add(s);
        }
        cur.setLength(0);
      } else {
        cur.append(t).append('\n');
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("Cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
