package io.cfychatops.store;

import java.sql.SQLException;
import java.util.Locale;

/** The SQL engines the store runs on; the few places where SQL differs ask the dialect. */
public enum Dialect {
  HSQLDB("hsqldb"),
  POSTGRESQL("postgresql");

  private final String scriptDir;

  Dialect(String scriptDir) {
    this.scriptDir = scriptDir;
  }

  /** Directory under {@code db/migration/} holding this engine's own scripts. */
  public String scriptDir() {
    return scriptDir;
  }

  /** The dialect of a JDBC URL; names the supported prefixes when the URL fits none. */
  public static Dialect fromUrl(String jdbcUrl) {
    String u = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
    if (u.startsWith("jdbc:hsqldb:")) {
      return HSQLDB;
    }
    if (u.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "Unsupported JDBC URL '"
            + jdbcUrl
            + "': use jdbc:hsqldb:file:<path> (embedded) or jdbc:postgresql://host:5432/db");
  }

  /** True when {@code e} (or a chained exception) reports a primary-key or unique violation. */
  public static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        if ("23505".equals(s.getSQLState()) || s.getErrorCode() == -104) {
          return true;
        }
        SQLException next = s.getNextException();
        if (next != null && next != s && isUniqueViolation(next)) {
          return true;
        }
      }
    }
    return false;
  }
}
