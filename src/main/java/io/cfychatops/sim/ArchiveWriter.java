package io.cfychatops.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Writes the Cloudify 7.x snapshot format, as {@code snapshot_create.py} does (research notes A.1,
 * A.2): {@code metadata.json}; {@code mgmt/} and {@code tenants/<t>/} files named {@code
 * NNNNNNNN.json} (8 digits, numbering running on per directory), each {@code {type, source?,
 * source_id?, latest_timestamp?, items}} with at most {@value #BATCH} items, one series of files
 * per {@code (source, source_id)} bucket; blueprint, deployment and plugin blobs; and, after the
 * dump, what the audit-log listener appends: the in-progress executions (always) and {@code
 * auditDuplicates} entities changed during the dump, written again in new files, with the events of
 * re-dumped executions. Directory entries are written explicitly: the real restore finds tenants
 * only through {@code tenants/<t>/} directory entries.
 */
final class ArchiveWriter {
  static final int BATCH = 500;

  /** A deployment workdir as the dump stores it: the base64 text of a (small, real) zip. */
  static final String WORKDIR_B64 = workdirZip();

  private static final Set<EntityType> REDUMPABLE =
      Set.of(
          EntityType.BLUEPRINTS,
          EntityType.DEPLOYMENTS,
          EntityType.PLUGINS,
          EntityType.EXECUTION_SCHEDULES,
          EntityType.EXECUTIONS);

  private final DumpSpec spec;
  private final ZipSink zip;

  private ArchiveWriter(DumpSpec spec, ZipSink zip) {
    this.spec = spec;
    this.zip = zip;
  }

  static void write(DumpSpec spec, ZipSink zip) throws IOException {
    new ArchiveWriter(spec, zip).write();
  }

  private void write() throws IOException {
    zip.json(
        "metadata.json",
        Json.obj("snapshot_version", spec.snapshotVersion(), "execution_id", spec.executionId()));
    zip.dir("mgmt/");
    int[] mgmtFiles = {0};
    for (EntityType type : EntityType.values()) {
      if (type.management) {
        writeFiles("mgmt/", mgmtFiles, type, spec.content().list(Content.MGMT, type));
      }
    }
    zip.dir("composer/");
    zip.dir("stage/");
    zip.dir("tenants/");
    Map<String, List<Entity>> duplicates = chooseDuplicates();
    for (String tenant : tenants()) {
      writeTenant(tenant, duplicates.getOrDefault(tenant, List.of()));
    }
    if (zip.blobCount() == 0) {
      zip.blob(SnapshotArchive.PADDING_ENTRY); // nowhere else to put the --archive-size padding
    }
    zip.finish();
  }

  /** Tenants in the order the manager lists them (the dump's {@code _get_tenants}). */
  private List<String> tenants() {
    return spec.content().list(Content.MGMT, EntityType.TENANTS).stream()
        .map(e -> e.text("name"))
        .toList();
  }

  private void writeTenant(String tenant, List<Entity> duplicates) throws IOException {
    String dir = "tenants/" + tenant + "/";
    zip.dir(dir);
    int[] files = {0};
    Set<String> executionIds = new HashSet<>();
    Set<String> groupIds = new HashSet<>();
    for (EntityType type : EntityType.values()) {
      if (type.management || (type == EntityType.EVENTS && !spec.includeEvents())) {
        continue;
      }
      List<Entity> items = items(tenant, type, executionIds, groupIds);
      writeFiles(dir, files, type, items);
    }
    List<Entity> blueprints = spec.content().list(tenant, EntityType.BLUEPRINTS);
    List<Entity> deployments = spec.content().list(tenant, EntityType.DEPLOYMENTS);
    List<Entity> plugins = spec.content().list(tenant, EntityType.PLUGINS);
    if (!blueprints.isEmpty()) {
      zip.dir(dir + "blueprints/");
      for (Entity bp : blueprints) {
        zip.blob(dir + "blueprints/" + bp.text("id") + ".tar.gz");
      }
    }
    if (!deployments.isEmpty()) {
      zip.dir(dir + "deployments/");
      for (int i = 0; i < deployments.size(); i += 4) { // only non-empty workdirs are written
        zip.text(dir + "deployments/" + deployments.get(i).text("id") + ".b64zip", WORKDIR_B64);
      }
    }
    if (!plugins.isEmpty()) {
      zip.dir(dir + "plugins/");
      for (Entity p : plugins) {
        zip.blob(dir + "plugins/" + p.text("id") + ".zip");
      }
    }
    appendFromAuditLog(dir, files, tenant, duplicates);
  }

  private List<Entity> items(
      String tenant, EntityType type, Set<String> executionIds, Set<String> groupIds) {
    return switch (type) {
      case EXECUTIONS -> {
        List<Entity> out =
            spec.executions().stream().filter(e -> tenant.equals(e.tenant())).toList();
        out.forEach(e -> executionIds.add(e.text("id")));
        yield out;
      }
      case EXECUTION_GROUPS -> {
        List<Entity> out = spec.content().list(tenant, type);
        out.forEach(e -> groupIds.add(e.text("id")));
        yield out;
      }
      case EVENTS ->
          spec.content().list(tenant, type).stream()
              .filter(
                  e ->
                      "execution_groups".equals(e.source())
                          ? groupIds.contains(e.sourceId())
                          : executionIds.contains(e.sourceId()))
              .filter(e -> spec.includeLogs() || !"cloudify_log".equals(e.text("type")))
              .toList();
      default -> spec.content().list(tenant, type);
    };
  }

  /**
   * The audit-log append phase: in-progress executions (other than the create itself) and the
   * entities changed during the dump are dumped again, with the events of re-dumped executions.
   */
  private void appendFromAuditLog(String dir, int[] files, String tenant, List<Entity> changed)
      throws IOException {
    Map<EntityType, List<Entity>> again = new LinkedHashMap<>();
    for (Entity e : spec.executions()) {
      if (tenant.equals(e.tenant()) && spec.appended().contains(e.text("id"))) {
        again.computeIfAbsent(EntityType.EXECUTIONS, t -> new ArrayList<>()).add(e);
      }
    }
    for (Entity e : changed) {
      List<Entity> list = again.computeIfAbsent(e.type(), t -> new ArrayList<>());
      if (!list.contains(e)) {
        list.add(e);
      }
    }
    if (again.isEmpty()) {
      return;
    }
    Set<String> executions =
        again.getOrDefault(EntityType.EXECUTIONS, List.of()).stream()
            .map(e -> e.text("id"))
            .collect(Collectors.toSet());
    if (spec.includeEvents() && !executions.isEmpty()) {
      again.put(
          EntityType.EVENTS,
          spec.content().list(tenant, EntityType.EVENTS).stream()
              .filter(
                  e -> !"execution_groups".equals(e.source()) && executions.contains(e.sourceId()))
              .filter(e -> spec.includeLogs() || !"cloudify_log".equals(e.text("type")))
              .toList());
    }
    for (EntityType type : EntityType.values()) {
      List<Entity> items = again.get(type);
      if (items != null) {
        writeFiles(dir, files, type, items);
      }
    }
  }

  /** {@code auditDuplicates} entities, chosen with the seed, per tenant. */
  private Map<String, List<Entity>> chooseDuplicates() {
    List<Entity> candidates = new ArrayList<>();
    for (String tenant : tenants()) {
      for (EntityType type : EntityType.values()) {
        if (REDUMPABLE.contains(type)) {
          candidates.addAll(
              type == EntityType.EXECUTIONS
                  ? spec.executions().stream().filter(e -> tenant.equals(e.tenant())).toList()
                  : spec.content().list(tenant, type));
        }
      }
    }
    SplittableRandom rnd = new SplittableRandom(spec.seed() ^ 0x5eed);
    Map<String, List<Entity>> out = new LinkedHashMap<>();
    int n = Math.min(spec.auditDuplicates(), candidates.size());
    for (int i = 0; i < n; i++) { // a partial Fisher-Yates shuffle: n distinct picks
      int j = i + rnd.nextInt(candidates.size() - i);
      Entity pick = candidates.get(j);
      candidates.set(j, candidates.get(i));
      candidates.set(i, pick);
      out.computeIfAbsent(pick.tenant(), t -> new ArrayList<>()).add(pick);
    }
    return out;
  }

  /** {@code _write_files}: one series of files per bucket, {@value #BATCH} items per file. */
  private void writeFiles(String dir, int[] fileNumber, EntityType type, List<Entity> items)
      throws IOException {
    if (items.isEmpty()) {
      return;
    }
    Map<List<String>, List<Map<String, Object>>> buckets = new LinkedHashMap<>();
    String latest = null;
    for (Entity e : items) {
      buckets
          .computeIfAbsent(
              java.util.Arrays.asList(e.source(), e.sourceId()), k -> new ArrayList<>())
          .add(e.fields());
      Object ts = e.fields().get(type.timestampField());
      if (ts != null && (latest == null || ts.toString().compareTo(latest) > 0)) {
        latest = ts.toString();
      }
    }
    for (Map.Entry<List<String>, List<Map<String, Object>>> bucket : buckets.entrySet()) {
      List<Map<String, Object>> all = bucket.getValue();
      for (int from = 0; from < all.size(); from += BATCH) {
        Map<String, Object> data = Json.obj("type", type.dumpName);
        String source = bucket.getKey().get(0);
        String sourceId = bucket.getKey().get(1);
        if (source != null) {
          data.put("source", source);
        }
        if (sourceId != null) {
          data.put("source_id", sourceId);
        }
        if (latest != null) {
          data.put("latest_timestamp", latest);
        }
        data.put("items", all.subList(from, Math.min(all.size(), from + BATCH)));
        zip.json(dir + String.format("%08d.json", ++fileNumber[0]), data);
      }
    }
  }

  private static String workdirZip() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bytes)) {
      java.util.zip.ZipEntry e = new java.util.zip.ZipEntry("inputs.json");
      e.setTime(0);
      z.putNextEntry(e);
      z.write("{\"region\": \"r1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      z.closeEntry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /** For tests: the entities written twice by the audit-log phase, in no particular order. */
  static List<String> duplicateKeys(DumpSpec spec) {
    return new ArchiveWriter(spec, null)
        .chooseDuplicates().values().stream()
            .flatMap(List::stream)
            .map(e -> e.type().dumpName + ":" + e.storageKey())
            .sorted(Comparator.naturalOrder())
            .filter(Objects::nonNull)
            .toList();
  }
}
