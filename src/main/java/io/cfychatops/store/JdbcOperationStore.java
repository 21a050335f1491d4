package io.cfychatops.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfychatops.json.Json;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationStore;
import java.util.List;
import java.util.Optional;

/**
 * {@link OperationStore} on the {@code ops_operation} table (created by the V1 migration): the
 * whole {@link Operation} as JSON in {@code body}, next to the columns queries need ({@code
 * status}, {@code created_at} in epoch millis). Every write is {@code UPDATE ... WHERE version =
 * ?}; a lost race is an {@link OperationStore.ConcurrentUpdateException}.
 */
public final class JdbcOperationStore implements OperationStore {
  private static final ObjectMapper JSON = Json.mapper();

  private static final RowMapper<Operation> BODY = rs -> read(rs.getString("body"));

  private final Jdbc jdbc;

  public JdbcOperationStore(Database db) {
    this.jdbc = db.jdbc();
  }

  @Override
  public Operation insert(Operation op) {
    Operation v = op.withVersion(0);
    jdbc.update(
        "INSERT INTO ops_operation (id, version, status, created_at, body) VALUES (?, ?, ?, ?, ?)",
        v.id(), 0L, v.status(), v.createdAt(), write(v));
    return v;
  }

  @Override
  public boolean insertIfAbsent(Operation op) {
    try {
      insert(op);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public Optional<Operation> find(String id) {
    return jdbc.queryOne("SELECT body FROM ops_operation WHERE id = ?", BODY, id);
  }

  @Override
  public Operation update(Operation op) {
    Operation next = op.withVersion(op.version() + 1);
    int n = jdbc.update(
        "UPDATE ops_operation SET version = ?, status = ?, body = ? WHERE id = ? AND version = ?",
        next.version(), next.status(), write(next), op.id(), op.version());
    if (n != 1) {
      throw new ConcurrentUpdateException(op.id(), op.version());
    }
    return next;
  }

  @Override
  public List<Operation> findUnfinished() {
    return jdbc.query(
        "SELECT body FROM ops_operation WHERE status = 'RUNNING' ORDER BY created_at", BODY);
  }

  @Override
  public List<Operation> recent(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    if (limit == 0) {
      return List.of(); // HSQLDB reads LIMIT 0 as "no limit"
    }
    return jdbc.query(
        "SELECT body FROM ops_operation ORDER BY created_at DESC, id DESC LIMIT ?", BODY, limit);
  }

  private static Operation read(String body) {
    try {
      return JSON.readValue(body, Operation.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("Cannot read stored operation: " + e.getOriginalMessage(), e);
    }
  }

  private static String write(Operation op) {
    try {
      return JSON.writeValueAsString(op);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise operation " + op.id(), e);
    }
  }
}
