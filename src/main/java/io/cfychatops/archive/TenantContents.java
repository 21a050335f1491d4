package io.cfychatops.archive;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one tenant of an archive holds, counted as Cloudify's restore counts (after its
 * de-duplication). {@link #toString()} shows counts and blueprint and deployment ids only.
 *
 * @param name the tenant
 * @param counts distinct entities per kind; kinds with none are absent
 * @param blueprintIds blueprint ids, sorted: the first {@link ArchiveLimits#maxListedIds} (ids that
 *     are not plain {@code [A-Za-z0-9._-]} strings are counted, not listed)
 * @param blueprintIdsNotListed blueprints counted but not in {@code blueprintIds}
 * @param deploymentIds deployment ids, likewise
 * @param deploymentIdsNotListed deployments counted but not in {@code deploymentIds}
 * @param schedules execution schedules (the version a restore keeps), in archive order, at most
 *     {@link ArchiveLimits#maxSchedules}
 * @param schedulesNotListed schedules counted but not described
 */
public record TenantContents(
    String name,
    Map<EntityKind, Long> counts,
    List<String> blueprintIds,
    long blueprintIdsNotListed,
    List<String> deploymentIds,
    long deploymentIdsNotListed,
    List<ScheduleInfo> schedules,
    long schedulesNotListed) {

  public TenantContents {
    Map<EntityKind, Long> c = new EnumMap<>(EntityKind.class);
    c.putAll(counts);
    counts = Collections.unmodifiableMap(c);
    blueprintIds = List.copyOf(blueprintIds);
    deploymentIds = List.copyOf(deploymentIds);
    schedules = List.copyOf(schedules);
  }

  /** Distinct entities of {@code kind} (0 if none). */
  public long count(EntityKind kind) {
    return counts.getOrDefault(kind, 0L);
  }

  @Override
  public String toString() {
    return "TenantContents["
        + name
        + ", counts="
        + counts
        + ", blueprints="
        + blueprintIds
        + (blueprintIdsNotListed > 0 ? " +" + blueprintIdsNotListed : "")
        + ", deployments="
        + deploymentIds
        + (deploymentIdsNotListed > 0 ? " +" + deploymentIdsNotListed : "")
        + ", schedules="
        + (schedules.size() + schedulesNotListed)
        + "]";
  }
}
