package io.cfychatops.app;

import io.cfychatops.archive.EntityKind;
import io.cfychatops.cloudify.BadRequestException;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.ExecutionEvent;
import io.cfychatops.cloudify.NotFoundException;
import io.cfychatops.ops.ManagerPort.ContentCounts;
import io.cfychatops.ops.ManagerPort.ExecutionError;
import io.cfychatops.ops.ManagerPort.SampleKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content reads of {@link CloudifyManagerPort}: counts per tenant and kind over REST, an
 * execution's error events, sample reads. Every read sends {@code X-BYPASS-MAINTENANCE}, so a
 * restore can be checked before maintenance mode is turned off.
 */
final class ManagerContents {
  private static final Logger log = LoggerFactory.getLogger(ManagerContents.class);

  /** Kinds {@code /summary} counts per tenant in one call. */
  private static final Set<EntityKind> SUMMARY =
      Set.of(
          EntityKind.BLUEPRINTS,
          EntityKind.DEPLOYMENTS,
          EntityKind.NODES,
          EntityKind.NODE_INSTANCES,
          EntityKind.EXECUTION_SCHEDULES);

  private ManagerContents() {}

  /** The REST path listing {@code kind}. */
  static String path(EntityKind kind) {
    return switch (kind) {
      case INTER_DEPLOYMENT_DEPENDENCIES -> "deployments/inter-deployment-dependencies";
      case DEPLOYMENTS_FILTERS -> "filters/deployments";
      case BLUEPRINTS_FILTERS -> "filters/blueprints";
      case PLUGINS_UPDATE -> "plugins-updates";
      case TASKS_GRAPHS -> "tasks_graphs";
      default -> kind.dumpName().replace('_', '-');
    };
  }

  /**
   * Counts every comparable kind: management kinds by their list total under "", {@link #SUMMARY}
   * kinds by {@code /summary}, the others by listing every tenant's items. A kind the manager does
   * not list (404, 400: an older API) is left out of every tenant, so callers can tell "not
   * counted" from 0; every tenant seen gets every counted kind, 0 included.
   */
  static ContentCounts counts(CloudifyClient c) {
    Map<EntityKind, Long> management = new EnumMap<>(EntityKind.class);
    Map<EntityKind, Map<String, Long>> perTenant = new EnumMap<>(EntityKind.class);
    for (EntityKind kind : EntityKind.values()) {
      if (!kind.comparable()) {
        continue;
      }
      try {
        if (kind.management()) {
          management.put(kind, c.total(path(kind), true));
        } else if (SUMMARY.contains(kind)) {
          perTenant.put(kind, c.summaryByTenant(kind.dumpName(), true));
        } else {
          perTenant.put(kind, c.countByTenant(path(kind), true));
        }
      } catch (NotFoundException | BadRequestException e) {
        log.info("[{}] {} not counted: {}", c.connection().name(), kind.dumpName(), e.getMessage());
      }
    }
    Set<String> tenants = new TreeSet<>();
    perTenant.values().forEach(m -> tenants.addAll(m.keySet()));
    Map<String, Map<EntityKind, Long>> byTenant = new LinkedHashMap<>();
    if (!management.isEmpty()) {
      byTenant.put("", management);
    }
    for (String t : tenants) {
      Map<EntityKind, Long> m = new EnumMap<>(EntityKind.class);
      perTenant.forEach((kind, counts) -> m.put(kind, counts.getOrDefault(t, 0L)));
      byTenant.put(t, m);
    }
    return new ContentCounts(byTenant);
  }

  /** Error logs and failed task events of one execution, oldest first, at most {@code limit}. */
  static List<ExecutionError> errors(CloudifyClient c, String executionId, int limit) {
    int n = Math.max(1, Math.min(limit, 1000));
    Map<String, ExecutionEvent> seen = new TreeMap<>();
    List<ExecutionEvent> all =
        new ArrayList<>(c.executionEvents(executionId, Map.of("level", "error"), n, true));
    all.addAll(c.executionEvents(executionId, Map.of("event_type", "task_failed"), n, true));
    for (ExecutionEvent e : all) {
      seen.putIfAbsent(e.timestamp() + "\u0000" + e.message(), e);
    }
    return seen.values().stream()
        .sorted(
            Comparator.comparing(
                ExecutionEvent::timestamp, Comparator.nullsLast(Comparator.naturalOrder())))
        .limit(n)
        .map(e -> new ExecutionError(e.timestamp(), e.message()))
        .toList();
  }

  static boolean canRead(CloudifyClient c, String tenant, SampleKind kind, String id) {
    return c.exists(kind == SampleKind.BLUEPRINT ? "blueprints" : "deployments", tenant, id, true);
  }
}
