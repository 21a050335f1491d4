package io.cfychatops.store;

import io.cfychatops.text.Truncate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A thin JDBC helper: SQL stays visible at the call site, parameters are positional, rows come out
 * through {@link RowMapper}s. Every {@link SQLException} becomes a {@link StoreException}; unique
 * violations become a {@link DuplicateKeyException}.
 *
 * <p>Parameter conversion: {@link Instant} → epoch millis, {@link Enum} → {@code name()}, {@code
 * null} → SQL NULL. Outside {@link #inTransaction} each call runs on its own connection in
 * auto-commit mode; inside, every call made on the {@code Jdbc} handed to the callback shares one
 * transaction. Thread-safe (the transactional instance is not: keep it on the callback's thread).
 */
public final class Jdbc {

  /** Work done in one transaction. */
  @FunctionalInterface
  public interface TxWork<T> {
    T run(Jdbc tx);
  }

  private final DataSource dataSource;
  private final Connection txConnection;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
    this.txConnection = null;
  }

  private Jdbc(Connection txConnection) {
    this.dataSource = null;
    this.txConnection = txConnection;
  }

  /** All rows mapped. */
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    return withConnection(
        sql,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
              List<T> out = new ArrayList<>();
              while (rs.next()) {
                out.add(mapper.map(rs));
              }
              return out;
            }
          }
        });
  }

  /** The first row, if any. */
  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** A single {@code long} (e.g. {@code count(*)}); 0 when there is no row or the value is NULL. */
  public long queryLong(String sql, Object... params) {
    return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  /** Runs an INSERT/UPDATE/DELETE/DDL statement; returns the update count. */
  public int update(String sql, Object... params) {
    return withConnection(
        sql,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
          }
        });
  }

  /** Runs an INSERT into a table whose first column is a generated identity; returns the new id. */
  public long insertReturningId(String sql, Object... params) {
    return withConnection(
        sql,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              if (!keys.next()) {
                throw new StoreException("No generated key returned by: " + sql);
              }
              return keys.getLong(1);
            }
          }
        });
  }

  /**
   * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws.
   * Nested calls join the outer transaction.
   */
  public <T> T inTransaction(TxWork<T> work) {
    if (txConnection != null) {
      return work.run(this);
    }
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(new Jdbc(c));
        c.commit();
        return result;
      } catch (RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw translate("transaction", e);
    }
  }

  /** Low-level access for code that needs the raw connection (migrations). */
  <T> T withConnection(String what, SqlWork<T> work) {
    if (txConnection != null) {
      try {
        return work.run(txConnection);
      } catch (SQLException e) {
        throw translate(what, e);
      }
    }
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw translate(what, e);
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  static StoreException translate(String what, SQLException e) {
    String msg =
        e.getMessage() + " [SQLState " + e.getSQLState() + "] in: " + Truncate.oneLine(what, 201);
    return Dialect.isUniqueViolation(e)
        ? new DuplicateKeyException(msg, e)
        : new StoreException(msg, e);
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException r) {
      cause.addSuppressed(r);
    }
  }

  static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int idx = i + 1;
      if (p == null) {
        ps.setNull(idx, Types.NULL);
      } else if (p instanceof Instant t) {
        ps.setLong(idx, t.toEpochMilli());
      } else if (p instanceof Enum<?> en) {
        ps.setString(idx, en.name());
      } else if (p instanceof String s) {
        ps.setString(idx, s);
      } else if (p instanceof Integer n) {
        ps.setInt(idx, n);
      } else if (p instanceof Long n) {
        ps.setLong(idx, n);
      } else if (p instanceof Boolean b) {
        ps.setBoolean(idx, b);
      } else {
        ps.setObject(idx, p);
      }
    }
  }

  // ---- small helpers for row mappers ----

  /** A nullable epoch-millis column as an {@link Instant}. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  /** A nullable BIGINT column. */
  public static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
