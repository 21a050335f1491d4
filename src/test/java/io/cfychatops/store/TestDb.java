package io.cfychatops.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * One engine for one test invocation: a fresh, migrated, isolated database (a new in-memory HSQLDB
 * database, or a new random schema on PostgreSQL). Created lazily on the first {@link #db()} call;
 * {@link #close()} (called by JUnit after the invocation, since it is an {@link AutoCloseable}
 * argument) closes everything opened and drops the PostgreSQL schema.
 *
 * <p>When PostgreSQL is unreachable outside CI, {@link #db()} aborts the invocation with a visible
 * "skipped" reason; under {@code CI=true} it fails instead.
 */
public final class TestDb implements AutoCloseable {
  private final String name;
  private final Supplier<String> urlFactory;
  private final Runnable cleanup;
  private final List<Database> opened = new ArrayList<>();
  private final String user;
  private String url;
  private Database primary;

  TestDb(String name, Supplier<String> urlFactory, String user, Runnable cleanup) {
    this.name = name;
    this.urlFactory = urlFactory;
    this.user = user;
    this.cleanup = cleanup;
  }

  /** The engine of this invocation. */
  public Dialect dialect() {
    return name.equals("hsqldb") ? Dialect.HSQLDB : Dialect.POSTGRESQL;
  }

  /** The migrated database of this invocation. */
  public synchronized Database db() {
    if (primary == null) {
      primary = openUnmigrated();
      primary.migrate();
    }
    return primary;
  }

  /**
   * Another {@link Database} (own DataSource / pool) on the same data, as a second bot instance
   * would have. Not migrated: call {@code migrate()} (or {@link #db()} first).
   */
  public synchronized Database openUnmigrated() {
    Database d = Database.open(jdbcUrl(), user, TestDatabases.pgPasswordFor(name));
    opened.add(d);
    return d;
  }

  /**
   * Another {@link Database} on this invocation's data with the migrations up to and including
   * {@code version} applied and recorded, as a bot of that schema version left it: where a
   * migration test starts.
   */
  public synchronized Database migratedTo(int version) {
    Database d = openUnmigrated();
    d.jdbc()
        .withConnection(
            "migrate to V" + version,
            c -> {
              try (java.sql.Statement st = c.createStatement()) {
                st.execute(
                    "CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY,"
                        + " description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL,"
                        + " installed_at BIGINT NOT NULL)");
                for (Migrations.Script s : Migrations.load(d.dialect())) {
                  if (s.version() > version) {
                    break;
                  }
                  for (String stmt : Migrations.statements(s.sql())) {
                    st.execute(stmt);
                  }
                  st.execute(
                      "INSERT INTO schema_version VALUES ("
                          + s.version()
                          + ", '"
                          + s.name()
                          + "', '"
                          + s.checksum()
                          + "', 0)");
                }
              }
              return null;
            });
    return d;
  }

  /**
   * The JDBC URL of this invocation's database (creating the PostgreSQL schema on first use), e.g.
   * for a bot process given it in its config. Aborts or fails like {@link #db()} without
   * PostgreSQL.
   */
  public synchronized String jdbcUrl() {
    if (url == null) {
      String unavailable = TestDatabases.postgresUnavailableReason(name);
      if (unavailable != null) {
        Assumptions.abort(unavailable);
      }
      url = urlFactory.get();
    }
    return url;
  }

  /** The database user (null for HSQLDB). */
  public String user() {
    return user;
  }

  @Override
  public synchronized void close() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    opened.clear();
    if (url != null) {
      cleanup.run();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
