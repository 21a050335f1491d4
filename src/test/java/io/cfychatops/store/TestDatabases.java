package io.cfychatops.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The engines every store test runs on. Usage:
 *
 * <pre>{@code
 * @EachDatabase
 * void somethingWorks(TestDb t) {
 *   var repo = new JdbcAuditRepository(t.db());
 *   ...
 * }
 * }</pre>
 *
 * <p>or, without the annotation, {@code @ParameterizedTest @MethodSource(
 * "io.cfychatops.store.TestDatabases#all")}. Each invocation gets a fresh database: HSQLDB
 * in-memory ({@code jdbc:hsqldb:mem:<random>}) and a random schema on PostgreSQL, dropped after the
 * invocation.
 *
 * <p>PostgreSQL: {@code CFY_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}),
 * {@code CFY_TEST_PG_USER} (default {@code postgres}), {@code CFY_TEST_PG_PASSWORD} (default none).
 * If it is unreachable, the PostgreSQL invocations are skipped with a notice on stderr — except
 * under {@code CI=true}, where they fail.
 */
public final class TestDatabases {
  /** Start time for test clocks (a fixed instant, so tests are repeatable). */
  public static final java.time.Instant T0 = java.time.Instant.parse("2025-01-15T09:00:00Z");

  static final String PG_URL = env("CFY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = env("CFY_TEST_PG_USER", "postgres");
  static final String PG_PASSWORD = System.getenv("CFY_TEST_PG_PASSWORD");
  private static volatile String pgProblem;
  private static volatile boolean pgChecked;

  private TestDatabases() {}

  /** One {@link TestDb} per engine: HSQLDB, then PostgreSQL. */
  public static Stream<TestDb> all() {
    return Stream.of(hsqldb(), postgresql());
  }

  public static TestDb hsqldb() {
    String name = "t" + UUID.randomUUID().toString().replace("-", "");
    return new TestDb("hsqldb", () -> "jdbc:hsqldb:mem:" + name + ";shutdown=true", null, () -> {});
  }

  public static TestDb postgresql() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return new TestDb(
        "postgresql",
        () -> {
          exec("CREATE SCHEMA " + schema);
          return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        },
        PG_USER,
        () -> exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  }

  static String pgPasswordFor(String engine) {
    return engine.equals("postgresql") ? PG_PASSWORD : null;
  }

  /** Null when {@code engine} can run; otherwise why not (or throws under CI=true). */
  static String postgresUnavailableReason(String engine) {
    if (!engine.equals("postgresql")) {
      return null;
    }
    if (!pgChecked) {
      synchronized (TestDatabases.class) {
        if (!pgChecked) {
          try (Connection c = admin().getConnection()) {
            c.isValid(2);
          } catch (SQLException e) {
            pgProblem =
                "PostgreSQL unavailable: cannot connect to "
                    + PG_URL
                    + " as "
                    + PG_USER
                    + " ("
                    + e.getMessage()
                    + "). Its test variants are skipped; start it or set CFY_TEST_PG_URL. Under CI=true they fail.";
            System.err.println("NOTICE: " + pgProblem);
          }
          pgChecked = true;
        }
      }
    }
    if (pgProblem != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true and PostgreSQL is required: " + pgProblem);
    }
    return pgProblem;
  }

  private static PGSimpleDataSource admin() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(PG_URL);
    ds.setUser(PG_USER);
    if (PG_PASSWORD != null) {
      ds.setPassword(PG_PASSWORD);
    }
    ds.setConnectTimeout(3);
    return ds;
  }

  private static void exec(String sql) {
    try (Connection c = admin().getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v;
  }
}
