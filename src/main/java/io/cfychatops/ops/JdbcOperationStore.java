package io.cfychatops.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Operations in one table, the whole value as JSON next to the columns queries need. Works on
 * HSQLDB and PostgreSQL. Every write is {@code UPDATE ... WHERE version = ?}.
 *
 * <p>Used until the store package's {@code OperationRepository} is wired in by the composition
 * root; the schema is created by {@link #createSchema()} (idempotent).
 */
public final class JdbcOperationStore implements OperationStore {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final DataSource ds;

  public JdbcOperationStore(DataSource ds) {
    this.ds = ds;
  }

  /** Creates {@code ops_operation} when it does not exist. */
  public JdbcOperationStore createSchema() {
    try (Connection c = ds.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase("ops_operation")) {
          return this;
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "create table ops_operation (id varchar(64) primary key, version bigint not null,"
              + " status varchar(16) not null, created_at timestamp not null,"
              + " body varchar(1000000) not null)")) {
        ps.execute();
      }
      return this;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create ops_operation: " + e.getMessage(), e);
    }
  }

  @Override
  public Operation insert(Operation op) {
    Operation v = op.withVersion(0);
    run("insert into ops_operation (id, version, status, created_at, body) values (?, ?, ?, ?, ?)",
        ps -> {
          ps.setString(1, v.id());
          ps.setLong(2, 0);
          ps.setString(3, v.status().name());
          ps.setTimestamp(4, Timestamp.from(v.createdAt()));
          ps.setString(5, write(v));
          return ps.executeUpdate();
        });
    return v;
  }

  @Override
  public Optional<Operation> find(String id) {
    List<Operation> l = query("select body from ops_operation where id = ?", ps -> ps.setString(1, id));
    return l.stream().findFirst();
  }

  @Override
  public Operation update(Operation op) {
    Operation next = op.withVersion(op.version() + 1);
    int n = run("update ops_operation set version = ?, status = ?, body = ? where id = ? and version = ?",
        ps -> {
          ps.setLong(1, next.version());
          ps.setString(2, next.status().name());
          ps.setString(3, write(next));
          ps.setString(4, op.id());
          ps.setLong(5, op.version());
          return ps.executeUpdate();
        });
    if (n != 1) {
      throw new ConcurrentUpdateException(op.id(), op.version());
    }
    return next;
  }

  @Override
  public List<Operation> findUnfinished() {
    return query("select body from ops_operation where status = 'RUNNING' order by created_at",
        ps -> {});
  }

  @Override
  public List<Operation> recent(int limit) {
    return query("select body from ops_operation order by created_at desc, id desc", ps -> {})
        .stream().limit(limit).toList();
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private interface Runner {
    int run(PreparedStatement ps) throws SQLException;
  }

  private int run(String sql, Runner r) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      return r.run(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed (" + sql + "): " + e.getMessage(), e);
    }
  }

  private List<Operation> query(String sql, Binder b) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      b.bind(ps);
      List<Operation> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(JSON.readValue(rs.getString(1), Operation.class));
        }
      }
      return out;
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException("SQL failed (" + sql + "): " + e.getMessage(), e);
    }
  }

  private static String write(Operation op) {
    try {
      return JSON.writeValueAsString(op);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot serialise operation " + op.id(), e);
    }
  }
}
