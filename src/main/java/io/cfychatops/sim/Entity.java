package io.cfychatops.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stored entity of the simulated manager, as its snapshot dump writes it.
 *
 * @param type its type
 * @param tenant its tenant; {@code null} for management entities (tenants, users, …)
 * @param source the dump bucket's {@code source} ({@code executions} or {@code execution_groups}
 *     for events), else {@code null}
 * @param sourceId the dump bucket's {@code source_id}: the deployment of nodes, node instances and
 *     agents, the execution of events and tasks graphs; else {@code null}
 * @param fields the dumped item, in dump order; unmodifiable
 */
record Entity(
    EntityType type, String tenant, String source, String sourceId, Map<String, Object> fields) {

  Entity {
    Objects.requireNonNull(type, "type");
    if (type.management != (tenant == null)) {
      throw new IllegalArgumentException(type + " entity with tenant " + tenant);
    }
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Unique per tenant and type, as the manager's database keys it. */
  String storageKey() {
    return type.storageKey(this);
  }

  /** A copy with {@code field} set to {@code value}. */
  Entity with(String field, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(fields);
    m.put(field, value);
    return new Entity(type, tenant, source, sourceId, m);
  }

  String text(String field) {
    Object v = fields.get(field);
    return v == null ? null : String.valueOf(v);
  }
}
