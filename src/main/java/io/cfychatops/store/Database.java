package io.cfychatops.store;

import io.cfychatops.backup.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.hsqldb.jdbc.JDBCDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database: the embedded HSQLDB file (default) or PostgreSQL.
 *
 * <p>HSQLDB runs in-process; this object keeps one connection open for its whole life so the
 * database stays open between calls (HSQLDB shuts a database down when its last connection closes,
 * with {@code shutdown=true}), and {@link #close()} releases it. PostgreSQL connections go through
 * a small bounded pool ({@link SimplePool}; see there why). Thread-safe.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** Pool size for PostgreSQL, enough for the bot's handlers, poller and db-scheduler threads. */
  public static final int DEFAULT_POOL_SIZE = 10;

  /** How long a caller waits for a free PostgreSQL connection before failing. */
  public static final Duration DEFAULT_POOL_WAIT = Duration.ofSeconds(30);

  /** File name (without extension) of the embedded database inside the data directory. */
  public static final String EMBEDDED_NAME = "cfy-chatops";

  private final String url;
  private final Dialect dialect;
  private final DataSource dataSource;
  private final Connection keepAlive;
  private final SimplePool pool;
  private final Jdbc jdbc;

  private Database(String url, Dialect dialect, DataSource ds, Connection keepAlive, SimplePool pool) {
    this.url = url;
    this.dialect = dialect;
    this.dataSource = ds;
    this.keepAlive = keepAlive;
    this.pool = pool;
    this.jdbc = new Jdbc(ds);
  }

  /** Opens {@code jdbcUrl} without credentials (HSQLDB's default user, or PostgreSQL trust). */
  public static Database open(String jdbcUrl) {
    return open(jdbcUrl, null, null);
  }

  /**
   * Opens a database from a JDBC URL: {@code jdbc:hsqldb:...} or {@code jdbc:postgresql://...}.
   * {@code user} and {@code password} may be null. Does not migrate: call {@link #migrate()}.
   *
   * @throws StoreException when the database cannot be reached
   */
  public static Database open(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Dialect dialect = Dialect.fromUrl(jdbcUrl);
    switch (dialect) {
      case HSQLDB -> {
        JDBCDataSource ds = new JDBCDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(user == null ? "SA" : user);
        ds.setPassword(password == null ? "" : password);
        try {
          Connection keepAlive = ds.getConnection();
          return new Database(jdbcUrl, dialect, ds, keepAlive, null);
        } catch (SQLException e) {
          throw new StoreException("Cannot open embedded database " + jdbcUrl + ": " + e.getMessage(), e);
        }
      }
      case POSTGRESQL -> {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        if (user != null) {
          ds.setUser(user);
        }
        if (password != null) {
          ds.setPassword(password);
        }
        ds.setConnectTimeout(10);
        ds.setApplicationName("cfy-chatops");
        SimplePool pool = new SimplePool(ds, DEFAULT_POOL_SIZE, DEFAULT_POOL_WAIT);
        try (Connection probe = pool.getConnection()) {
          probe.isValid(5);
        } catch (SQLException e) {
          pool.close();
          throw new StoreException(
              "Cannot connect to PostgreSQL at " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        return new Database(jdbcUrl, dialect, pool, null, pool);
      }
      default -> throw new IllegalStateException(dialect.name());
    }
  }

  /** The JDBC URL of the embedded database file in {@code dataDir}. */
  public static String embeddedUrl(Path dataDir) {
    return "jdbc:hsqldb:file:"
        + dataDir.toAbsolutePath().resolve(EMBEDDED_NAME)
        + ";shutdown=true;hsqldb.default_table_type=cached;hsqldb.lock_file=true";
  }

  /**
   * The default: an HSQLDB file database in {@code dataDir} (created if missing), migrated. Only
   * one process may open it at a time (HSQLDB's lock file enforces this). The folder is {@code 0700}
   * and the files in it {@code 0600} once open (approvals, audit and operation parameters are in
   * there); files HSQLDB creates later take the process umask, inside the private folder.
   */
  public static Database embedded(Path dataDir) {
    try {
      PrivateFiles.directory(dataDir);
    } catch (java.io.IOException e) {
      throw new StoreException("Cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    Database db = open(embeddedUrl(dataDir));
    try {
      db.migrate();
      narrowFiles(dataDir);
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static void narrowFiles(Path dataDir) {
    try (java.util.stream.Stream<Path> files = Files.walk(dataDir, 2)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        PrivateFiles.narrow(p);
      }
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      log.warn("Cannot narrow the modes of the files in {}: {}", dataDir, e.toString());
    }
  }

  /** Applies pending schema migrations; safe to call on every start and from several instances. */
  public int migrate() {
    return new Migrations(this).migrate();
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The connection source (pooled on PostgreSQL); hand it to db-scheduler. */
  public DataSource dataSource() {
    return dataSource;
  }

  public Jdbc jdbc() {
    return jdbc;
  }

  /** The JDBC URL with any password parameter removed, for logs. */
  public String describe() {
    return dialect + " " + redact(url);
  }

  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
    if (keepAlive != null) {
      try {
        keepAlive.close();
      } catch (SQLException e) {
        log.warn("Closing embedded database {} failed: {}", redact(url), e.getMessage());
      }
    }
  }
}
