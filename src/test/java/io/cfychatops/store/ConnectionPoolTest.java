package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.cfychatops.testing.Await;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The connections {@link Database#dataSource()} hands out, on both engines: a connection handed
 * back inside a transaction leaves nothing behind, every JDBC object leads back to the connection
 * the caller holds, and PostgreSQL's pool stops at {@link Database#DEFAULT_POOL_SIZE}.
 */
class ConnectionPoolTest {
  private static final String INSERT =
      "INSERT INTO audit_log (at_ms, team_id, user_id, user_name, channel, manager, kind, action,"
          + " detail) VALUES (1, 'T', 'U', 'ana', 'C', 'prod', 'k', 'a', 'half-done')";

  @EachDatabase
  void aConnectionHandedBackInsideAFailedTransactionIsRolledBack(TestDb t) throws SQLException {
    DataSource ds = t.db().dataSource();
    Object dirtyRaw;
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.executeUpdate(INSERT);
      }
      dirtyRaw = raw(c);
      // the work failed: no commit, no rollback, the connection goes back as it is
    }
    List<Object> next = new ArrayList<>();
    for (int i = 0; i <= Database.DEFAULT_POOL_SIZE; i++) {
      try (Connection c = ds.getConnection()) {
        assertThat(c.getAutoCommit()).as("checkout %d is in auto-commit mode", i).isTrue();
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log")) {
          rs.next();
          assertThat(rs.getLong(1)).as("checkout %d sees the half-done insert", i).isZero();
        }
        next.add(raw(c));
      }
    }
    if (t.dialect() == Dialect.POSTGRESQL) {
      // the pool reused the connection it got back, so the checks above ran on it too
      assertThat(next).anyMatch(r -> r == dirtyRaw);
    }
    assertThat(t.db().jdbc().queryLong("SELECT count(*) FROM audit_log")).isZero();
  }

  @EachDatabase
  void everyJdbcObjectLeadsBackToTheConnectionTheCallerHolds(TestDb t) throws SQLException {
    DataSource ds = t.db().dataSource();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log");
        ResultSet rs = ps.executeQuery()) {
      assertThat(st.getConnection()).isSameAs(c);
      assertThat(ps.getConnection()).isSameAs(c);
      assertThat(rs.getStatement()).isSameAs(ps);
      assertThat(c.getMetaData().getConnection()).isSameAs(c);
    }
  }

  @EachDatabase
  void closingTheStatementsConnectionReturnsItInsteadOfClosingTheDriversOwn(TestDb t)
      throws SQLException {
    DataSource ds = t.db().dataSource();
    Object firstRaw;
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      firstRaw = raw(c);
      st.getConnection().close(); // what a careless caller might do
      assertThat(c.isClosed()).isTrue();
    }
    if (t.dialect() == Dialect.POSTGRESQL) {
      assertThat(((Connection) firstRaw).isClosed())
          .as("the driver's connection is still open")
          .isFalse();
    }
    assertThat(t.db().jdbc().queryLong("SELECT count(*) FROM audit_log")).isZero();
  }

  /** PostgreSQL only: HSQLDB is in-process and unpooled. */
  @Test
  void postgresqlHandsOutAtMostThePoolSizeAndTheNextCallerWaits() throws Exception {
    try (TestDb t = TestDatabases.postgresql()) {
      handsOutAtMostThePoolSize((HikariDataSource) t.db().dataSource());
    }
  }

  private static void handsOutAtMostThePoolSize(HikariDataSource ds) throws Exception {
    assertThat(ds.getConnectionTimeout()).isEqualTo(Database.DEFAULT_POOL_WAIT.toMillis());
    HikariPoolMXBean pool = ds.getHikariPoolMXBean();
    List<Connection> held = new ArrayList<>();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < Database.DEFAULT_POOL_SIZE; i++) {
        held.add(ds.getConnection());
      }
      Future<Boolean> eleventh =
          other.submit(
              () -> {
                try (Connection c = ds.getConnection()) {
                  return c.isValid(2);
                }
              });
      Await.require(
          Duration.ofSeconds(10),
          "the eleventh caller to wait",
          () -> pool.getThreadsAwaitingConnection() == 1);
      assertThat(pool.getTotalConnections()).isEqualTo(Database.DEFAULT_POOL_SIZE);
      assertThat(eleventh).isNotDone();

      held.remove(0).close();

      assertThat(eleventh.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(pool.getTotalConnections()).isEqualTo(Database.DEFAULT_POOL_SIZE);
    } finally {
      other.shutdownNow();
      for (Connection c : held) {
        c.close();
      }
    }
  }

  /** The driver's own connection behind a pooled one (the connection itself when unpooled). */
  private static Object raw(Connection c) throws SQLException {
    return c.isWrapperFor(org.postgresql.PGConnection.class)
        ? c.unwrap(org.postgresql.PGConnection.class)
        : c;
  }
}
