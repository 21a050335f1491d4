package io.cfychatops.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 * with {@code shutdown=true}), and {@link #close()} releases it. PostgreSQL connections come from a
 * HikariCP pool of at most {@link #DEFAULT_POOL_SIZE}: a caller waits at most {@link
 * #DEFAULT_POOL_WAIT} for a free one, a connection is checked before it is handed out, and one
 * handed back inside an unfinished transaction is rolled back and returned to auto-commit. Every
 * JDBC object the pool hands out leads back to the pooled connection (a {@code
 * Statement.getConnection()} never exposes the driver's own). Thread-safe.
 *
 * <p>Durability: every commit on an HSQLDB file database is on disk when the call returns. HSQLDB
 * by default flushes its log only every 0.5 s ({@code WRITE DELAY}), so a kill -9 loses the last
 * commits; {@link #open} therefore runs {@code SET FILES WRITE DELAY FALSE} (fsync per commit) on
 * every file database it opens, which also converts databases created by older versions (the
 * setting persists in the database). PostgreSQL commits are durable by default.
 *
 * <p>The embedded database is guarded by {@link DataDirLock} (an operating-system file lock that
 * dies with the process) instead of HSQLDB's heartbeat lock file, which refuses a restart for about
 * ten seconds after a kill -9.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** Pool size for PostgreSQL, enough for the bot's handlers, poller and db-scheduler threads. */
  public static final int DEFAULT_POOL_SIZE = 10;

  /** How long a caller waits for a free PostgreSQL connection before failing. */
  public static final Duration DEFAULT_POOL_WAIT = Duration.ofSeconds(30);

  /** How long a PostgreSQL connection may take to answer its validity check. */
  static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(5);

  /** File name (without extension) of the embedded database inside the data directory. */
  public static final String EMBEDDED_NAME = "cfy-chatops";

  private final String url;
  private final Dialect dialect;
  private final DataSource dataSource;
  private final Connection keepAlive;
  private final HikariDataSource pool;
  private final Jdbc jdbc;
  private final AutoCloseable lock;

  private Database(
      String url,
      Dialect dialect,
      DataSource ds,
      Connection keepAlive,
      HikariDataSource pool,
      AutoCloseable lock) {
    this.url = url;
    this.dialect = dialect;
    this.dataSource = ds;
    this.keepAlive = keepAlive;
    this.pool = pool;
    this.jdbc = new Jdbc(ds);
    this.lock = lock;
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
    if (Dialect.fromUrl(jdbcUrl) != Dialect.HSQLDB || !isFileUrl(jdbcUrl)) {
      return open(jdbcUrl, user, password, null);
    }
    // an explicit HSQLDB file URL takes the same lock as the default embedded database
    Path dir = fileDatabaseDir(jdbcUrl);
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new StoreException("Cannot create data directory " + dir + ": " + e.getMessage(), e);
    }
    DataDirLock lock = DataDirLock.acquire(dir);
    try {
      return open(jdbcUrl, user, password, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** The folder of an HSQLDB file database: the parent of its path (before any {@code ;}). */
  static Path fileDatabaseDir(String jdbcUrl) {
    String rest = jdbcUrl.substring("jdbc:hsqldb:".length());
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    int semi = rest.indexOf(';');
    Path file = Path.of(semi >= 0 ? rest.substring(0, semi) : rest).toAbsolutePath().normalize();
    Path parent = file.getParent();
    return parent == null ? file : parent;
  }

  private static Database open(String jdbcUrl, String user, String password, AutoCloseable lock) {
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
          if (isFileUrl(jdbcUrl)) {
            try {
              makeCommitsDurable(keepAlive);
            } catch (SQLException e) {
              keepAlive.close();
              throw e;
            }
          }
          return new Database(jdbcUrl, dialect, ds, keepAlive, null, lock);
        } catch (SQLException e) {
          throw new StoreException(
              "Cannot open embedded database " + jdbcUrl + ": " + e.getMessage(), e);
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
        HikariDataSource pool;
        try {
          pool = new HikariDataSource(poolConfig(ds));
        } catch (
            RuntimeException e) { // HikariCP's PoolInitializationException: no first connection
          Throwable cause = e.getCause() == null ? e : e.getCause();
          throw new StoreException(
              "Cannot connect to PostgreSQL at " + redact(jdbcUrl) + ": " + cause.getMessage(), e);
        }
        return new Database(jdbcUrl, dialect, pool, null, pool, null);
      }
      default -> throw new IllegalStateException(dialect.name());
    }
  }

  /**
   * The pool's bounds: {@link #DEFAULT_POOL_SIZE} connections at most, opened on demand (one kept
   * warm, idle ones closed after HikariCP's idle timeout), {@link #DEFAULT_POOL_WAIT} to wait for
   * one, {@link #VALIDATION_TIMEOUT} for the driver's {@code isValid} check HikariCP runs before
   * handing out a connection that sat idle. Opening fails at once when the first connection cannot
   * be made.
   */
  private static HikariConfig poolConfig(DataSource driver) {
    HikariConfig c = new HikariConfig();
    c.setDataSource(driver);
    c.setPoolName("cfy-chatops-db");
    c.setMaximumPoolSize(DEFAULT_POOL_SIZE);
    c.setMinimumIdle(1);
    c.setConnectionTimeout(DEFAULT_POOL_WAIT.toMillis());
    c.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
    c.setAutoCommit(true);
    return c;
  }

  /**
   * The JDBC URL of the embedded database file in {@code dataDir}. {@code hsqldb.write_delay=false}
   * makes a new database sync every commit ({@link #open} also sets it on existing ones); HSQLDB's
   * own lock file is off because {@link #embedded} holds a {@link DataDirLock}.
   */
  public static String embeddedUrl(Path dataDir) {
    return "jdbc:hsqldb:file:"
        + dataDir.toAbsolutePath().resolve(EMBEDDED_NAME)
        + ";shutdown=true;hsqldb.default_table_type=cached;hsqldb.write_delay=false;hsqldb.lock_file=false";
  }

  private static boolean isFileUrl(String jdbcUrl) {
    String rest = jdbcUrl.substring("jdbc:hsqldb:".length());
    return rest.startsWith("file:") || !rest.contains(":"); // a bare path is a file database too
  }

  /**
   * Commits are on disk when they return: {@code WRITE DELAY FALSE} (fsync per commit). The URL
   * property only applies when a database is created; this statement also converts an existing one,
   * and the setting is stored with the database.
   */
  private static void makeCommitsDurable(Connection c) throws SQLException {
    try (java.sql.Statement st = c.createStatement()) {
      st.execute("SET FILES WRITE DELAY FALSE");
    }
  }

  /**
   * The default: an HSQLDB file database in {@code dataDir} (created if missing), migrated. Only
   * one process may open it at a time ({@link DataDirLock}; a restart right after a kill -9 is not
   * refused, since the operating system drops the dead process's lock). The folder is {@code 0700}
   * and the files in it {@code 0600} once open (approvals, audit and operation parameters are in
   * there); files HSQLDB creates later take the process umask, inside the private folder.
   *
   * @throws StoreException when another process has the data directory open
   */
  public static Database embedded(Path dataDir) {
    try {
      PrivateFiles.directory(dataDir);
    } catch (java.io.IOException e) {
      throw new StoreException(
          "Cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    DataDirLock lock = DataDirLock.acquire(dataDir);
    Database db;
    try {
      db = open(embeddedUrl(dataDir), null, null, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
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
    if (lock != null) {
      try {
        lock.close();
      } catch (Exception e) {
        log.warn("Releasing the lock of {} failed: {}", redact(url), e.toString());
      }
    }
  }
}
