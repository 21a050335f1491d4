package io.cfychatops.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.json.Json;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationSpec;
import io.cfychatops.ops.OperationStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link OperationStore} on the {@code ops_operation} table (created by the V1 migration): the
 * whole {@link Operation} as JSON in {@code body} ({@code "format": 2}, the typed spec under {@code
 * spec}; rows of format 1 with a {@code params} map are read through {@link
 * LegacyOperationParams}), next to the columns queries need ({@code status}, {@code created_at} in
 * epoch millis). Every write is {@code UPDATE ... WHERE version = ?}; a lost race is an {@link
 * OperationStore.ConcurrentUpdateException}.
 */
public final class JdbcOperationStore implements OperationStore {
  /** The stored form's version: 2 has a typed {@code spec}, 1 (no field) a {@code params} map. */
  static final int FORMAT = 2;

  private static final ObjectMapper JSON = Json.mapper().copy().registerModule(specModule());

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
        v.id(),
        0L,
        v.status(),
        v.createdAt(),
        write(v));
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
    int n =
        jdbc.update(
            "UPDATE ops_operation SET version = ?, status = ?, body = ? WHERE id = ? AND version = ?",
            next.version(),
            next.status(),
            write(next),
            op.id(),
            op.version());
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

  static Operation read(String body) {
    try {
      ObjectNode tree = (ObjectNode) JSON.readTree(body);
      if (!tree.has("spec")) {
        upgradeLegacy(tree);
      }
      tree.remove("format");
      return JSON.treeToValue(tree, Operation.class);
    } catch (JsonProcessingException | IllegalArgumentException | ClassCastException e) {
      throw new StoreException("Cannot read stored operation: " + e.getMessage(), e);
    }
  }

  static String write(Operation op) {
    ObjectNode tree = JSON.valueToTree(op);
    tree.put("format", FORMAT);
    ((ObjectNode) tree.get("spec")).put("type", op.kind().name());
    return tree.toString();
  }

  /** Format 1 to 2: {@code params} becomes the typed spec, its approval and incident fields. */
  private static void upgradeLegacy(ObjectNode tree) throws JsonProcessingException {
    OpKind kind = OpKind.valueOf(tree.path("kind").asText());
    Map<String, String> params = new LinkedHashMap<>();
    tree.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
    tree.remove("params");
    ObjectNode spec = JSON.valueToTree(LegacyOperationParams.spec(kind, params));
    tree.set("spec", spec.put("type", kind.name()));
    tree.put("approval", params.get("approval"));
    tree.put("incident", params.get("incident"));
  }

  /** The spec's record, named by the operation's kind (stored as the spec's {@code type}). */
  private static Class<? extends OperationSpec> specClass(OpKind kind) {
    return switch (kind) {
      case CREATE -> OperationSpec.CreateSpec.class;
      case DOWNLOAD -> OperationSpec.DownloadSpec.class;
      case UPLOAD -> OperationSpec.UploadSpec.class;
      case DELETE -> OperationSpec.DeleteSpec.class;
      case MAINTENANCE_ON -> OperationSpec.MaintenanceOnSpec.class;
      case MAINTENANCE_OFF -> OperationSpec.MaintenanceOffSpec.class;
      case RESTORE -> OperationSpec.RestoreSpec.class;
      case NIGHTLY -> OperationSpec.NightlySpec.class;
      case DRILL -> OperationSpec.DrillSpec.class;
    };
  }

  /**
   * Spec codecs: a spec carries its kind as {@code type}; a snapshot id and a path are their
   * strings.
   */
  private static SimpleModule specModule() {
    SimpleModule m = new SimpleModule("operation-spec");
    m.addSerializer(
        SnapshotId.class,
        new StdSerializer<>(SnapshotId.class) {
          @Override
          public void serialize(SnapshotId id, JsonGenerator g, SerializerProvider p)
              throws IOException {
            g.writeString(id.value());
          }
        });
    m.addDeserializer(
        SnapshotId.class,
        new StdDeserializer<>(SnapshotId.class) {
          @Override
          public SnapshotId deserialize(JsonParser p, DeserializationContext c) throws IOException {
            return SnapshotId.of(p.getValueAsString());
          }
        });
    // as written (Jackson's default is a file: URI, which makes a relative path absolute in the
    // cwd)
    m.addSerializer(
        Path.class,
        new StdSerializer<>(Path.class) {
          @Override
          public void serialize(Path path, JsonGenerator g, SerializerProvider p)
              throws IOException {
            g.writeString(path.toString());
          }
        });
    m.addDeserializer(
        Path.class,
        new StdDeserializer<>(Path.class) {
          @Override
          public Path deserialize(JsonParser p, DeserializationContext c) throws IOException {
            return Path.of(p.getValueAsString());
          }
        });
    m.addDeserializer(
        OperationSpec.class,
        new StdDeserializer<>(OperationSpec.class) {
          @Override
          public OperationSpec deserialize(JsonParser p, DeserializationContext c)
              throws IOException {
            ObjectNode node = p.readValueAsTree();
            OpKind kind = OpKind.valueOf(node.path("type").asText());
            node.remove("type");
            return p.getCodec().treeToValue(node, specClass(kind));
          }
        });
    return m;
  }
}
