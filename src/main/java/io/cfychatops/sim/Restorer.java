package io.cfychatops.sim;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The simulated manager's restore of an archive, modelled on {@code snapshot_restore.py} (research
 * notes A.3, A.4): a legacy archive (all three schema revisions in {@code metadata.json}) takes the
 * legacy path — the only one that checks the version — and replaces the database; anything else
 * takes the 7.x path: tenants found only through {@code tenants/<t>/} directory entries, dump files
 * dispatched on their {@code type}, de-duplicated per {@code (type, source, source_id)} bucket with
 * the restore's keys (last occurrence wins), restored in the restore's type order through the same
 * rules as the REST calls it makes: {@code default_tenant} and {@code admin} skipped, existing
 * permissions skipped, existing secrets only warned about, existing ids 409, missing parents 404,
 * each failure logged as {@code Error restoring …} and skipped. No version check on this path.
 *
 * <p>Runs under {@link SimState}'s lock, against a {@link RestoreTarget} prepared by the caller.
 */
final class Restorer {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** A failure that fails the whole restore execution with this error. */
  static final class Failed extends Exception {
    Failed(String message) {
      super(message, null, false, false);
    }
  }

  /** What the restore needs from the simulated manager. */
  interface Target {
    Content content();

    Executions executions();

    /** Makes the manager what the restore finds (a clean target drops today's contents). */
    void prepare();

    /** Whether the manager's REST answers this entity's create with the injected fault. */
    boolean faulty(EntityType type, String id);

    /** Records a log line of the restore execution. */
    void log(String level, String message);
  }

  private final Target target;
  private final String managerVersion;
  private String createExecutionId;

  private Restorer(Target target, String managerVersion) {
    this.target = target;
    this.managerVersion = managerVersion;
  }

  /** Restores {@code zip} into {@code target}; throws {@link Failed} for a failed execution. */
  static void restore(Path zip, Target target, String managerVersion) throws Failed {
    new Restorer(target, managerVersion).run(zip);
  }

  private void run(Path path) throws Failed {
    try (ZipFile zip = new ZipFile(path.toFile())) {
      ZipEntry metaEntry = zip.getEntry("metadata.json");
      if (metaEntry == null) {
        throw new Failed("There is no item named 'metadata.json' in the archive");
      }
      Map<String, Object> metadata = read(zip, metaEntry);
      if (!metadata.containsKey("snapshot_version")) {
        throw new Failed("KeyError: 'snapshot_version'");
      }
      String version = String.valueOf(metadata.get("snapshot_version"));
      createExecutionId =
          metadata.get("execution_id") == null
              ? null
              : String.valueOf(metadata.get("execution_id"));
      if (metadata.containsKey("schema_revision")
          && metadata.containsKey("stage_schema_revision")
          && metadata.containsKey("composer_schema_revision")) {
        target.log("debug", "Using `legacy` snapshot format");
        restoreLegacy(zip, version);
        return;
      }
      target.log("debug", "Using `new` snapshot format");
      target.prepare();
      restoreNew(zip);
    } catch (IOException e) {
      throw new Failed("BadZipFile: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- 7.x

  private void restoreNew(ZipFile zip) throws IOException, Failed {
    Set<String> tenants = new TreeSet<>();
    List<String> mgmt = new ArrayList<>();
    Map<String, List<String>> tenantFiles = new TreeMap<>();
    for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
      ZipEntry e = all.nextElement();
      String name = e.getName();
      if (name.endsWith("/")) {
        String[] parts = strip(name).split("/");
        if (parts.length == 2 && parts[0].equals("tenants")) {
          tenants.add(parts[1]);
        }
        continue;
      }
      String[] parts = name.split("/", -1);
      if (parts.length >= 3 && parts[0].equals("tenants")) {
        tenantFiles.computeIfAbsent(parts[1], t -> new ArrayList<>()).add(name);
      } else if (parts.length == 2 && parts[0].equals("mgmt") && name.endsWith(".json")) {
        mgmt.add(name);
      }
    }
    restoreScope(zip, null, mgmt);
    for (String tenant : tenants) {
      List<String> files = tenantFiles.get(tenant);
      if (files == null) {
        throw new Failed("TypeError: 'NoneType' object is not iterable");
      }
      restoreScope(zip, tenant, files.stream().filter(f -> f.endsWith("json")).toList());
    }
    if (createExecutionId != null) {
      Executions.Execution create = target.executions().get(createExecutionId);
      if (create != null) {
        create.status = "terminated";
        create.error = "";
      }
    }
  }

  private void restoreScope(ZipFile zip, String tenant, List<String> files)
      throws IOException, Failed {
    Map<List<Object>, Map<String, Map<String, Object>>> buckets = new LinkedHashMap<>();
    for (String file : files.stream().sorted().toList()) {
      Map<String, Object> data = read(zip, zip.getEntry(file));
      Object type = data.get("type");
      List<Object> key = Arrays.asList(type, data.get("source"), data.get("source_id"));
      Map<String, Map<String, Object>> bucket =
          buckets.computeIfAbsent(key, k -> new LinkedHashMap<>());
      Object items = data.get("items");
      if (!(items instanceof List<?> list)) {
        throw new Failed("KeyError: 'items'");
      }
      // unknown types are keyed by `id` too (the restore's else branch), then never restored
      EntityType t = EntityType.ofDumpName(String.valueOf(type)).orElse(EntityType.BLUEPRINTS);
      for (Object o : list) {
        if (!(o instanceof Map<?, ?>)) {
          throw new Failed("TypeError: string indices must be integers");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) o;
        try {
          bucket.put(t.dedupeKey(item), item);
        } catch (IllegalArgumentException e) {
          throw new Failed(e.getMessage());
        }
      }
    }
    for (EntityType type : EntityType.values()) {
      for (Map.Entry<List<Object>, Map<String, Map<String, Object>>> b : buckets.entrySet()) {
        if (!type.dumpName.equals(b.getKey().get(0))) {
          continue;
        }
        String source = b.getKey().get(1) == null ? null : String.valueOf(b.getKey().get(1));
        String sourceId = b.getKey().get(2) == null ? null : String.valueOf(b.getKey().get(2));
        target.log(
            "info",
            "Restoring "
                + type.dumpName
                + " on "
                + (tenant == null ? "None" : tenant)
                + " from "
                + (sourceId == null ? "None" : sourceId));
        List<Entity> entities =
            b.getValue().values().stream()
                .map(f -> new Entity(type, type.management ? null : tenant, source, sourceId, f))
                .toList();
        restoreBucket(type, tenant, source, sourceId, entities);
      }
    }
  }

  private void restoreBucket(
      EntityType type, String tenant, String source, String sourceId, List<Entity> entities)
      throws Failed {
    Content content = target.content();
    switch (type) {
      case SECRETS -> {
        List<String> existed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Entity e : entities) {
          String key = e.text("key");
          if (target.faulty(type, key)) {
            errors.add(key + ": simulated import failure");
          } else if (!content.add(e)) {
            existed.add(key);
          }
        }
        if (!existed.isEmpty()) {
          target.log("warning", "The following secrets existed: " + existed);
        }
        if (!errors.isEmpty()) {
          throw new Failed("Error restoring secrets: " + errors);
        }
      }
      case NODES, NODE_INSTANCES -> {
        String problem = null;
        for (Entity e : entities) {
          problem = problem != null ? problem : problem(type, tenant, e);
        }
        if (problem != null) {
          target.log("error", type.errorMessage(Map.of(), source, sourceId, problem));
        } else {
          entities.forEach(content::add);
        }
      }
      case EVENTS -> {
        String problem = entities.isEmpty() ? null : problem(type, tenant, entities.get(0));
        if (problem != null) {
          target.log("error", type.errorMessage(Map.of(), source, sourceId, problem));
        } else {
          entities.forEach(content::add);
        }
      }
      default -> {
        for (Entity e : entities) {
          if (type == EntityType.TENANTS && "default_tenant".equals(e.text("name"))) {
            target.log("debug", "Skipping creation of default tenant");
            continue;
          }
          if (type == EntityType.USERS && "admin".equals(e.text("username"))) {
            target.log("debug", "Skipping creation of admin user");
            continue;
          }
          if (type == EntityType.PERMISSIONS && content.contains(null, type, e.storageKey())) {
            target.log("debug", "Skipping existing perm: " + e.fields());
            continue;
          }
          String problem = problem(type, tenant, e);
          if (problem != null) {
            target.log("error", type.errorMessage(e.fields(), source, sourceId, problem));
          } else if (type == EntityType.EXECUTIONS) {
            target.executions().add(Executions.fromDump(e, true));
          } else {
            content.add(e);
          }
        }
      }
    }
  }

  /**
   * Why the manager's REST would refuse to create {@code e} ({@code "<status>: <message>"}), or
   * null.
   */
  private String problem(EntityType type, String tenant, Entity e) {
    Content content = target.content();
    if (tenant != null && !content.hasTenant(tenant)) {
      return "403: Authorization failed: Tried to authenticate with invalid tenant name: " + tenant;
    }
    String id = type.errorId(e.fields());
    if (target.faulty(type, id == null ? e.sourceId() : id)) {
      return "400: simulated failure restoring " + type.dumpName + " (fault knob)";
    }
    EntityType.Parent parent = type.parent(e);
    if (parent != null && !exists(parent.type(), tenant, parent.id())) {
      return "404: Requested `"
          + parent.type().modelName()
          + "` with ID `"
          + parent.id()
          + "` was not found";
    }
    boolean exists =
        type == EntityType.EXECUTIONS
            ? target.executions().get(e.text("id")) != null
            : type != EntityType.EVENTS && content.contains(tenant, type, e.storageKey());
    if (exists) {
      return "409: <"
          + type.modelName()
          + " id=`"
          + e.storageKey()
          + "` tenant=`"
          + tenant
          + "`> already exists on <Tenant name=`"
          + tenant
          + "`> or with global visibility";
    }
    return null;
  }

  private boolean exists(EntityType type, String tenant, String id) {
    return type == EntityType.EXECUTIONS
        ? target.executions().get(id) != null
        : target.content().contains(tenant, type, id);
  }

  // ---------------------------------------------------------------- legacy

  private void restoreLegacy(ZipFile zip, String version) throws IOException, Failed {
    if (ManagerVersions.compare(version, managerVersion) > 0) {
      throw new Failed(
          "Cannot restore a newer manager's snapshot on this manager ["
              + ManagerVersions.normalize(version)
              + " > "
              + ManagerVersions.normalize(managerVersion)
              + "]");
    }
    ZipEntry pg = zip.getEntry(LegacyArchiveWriter.PG_DATA);
    if (pg == null) {
      throw new Failed(
          "The simulator restores only its own legacy archives (no "
              + LegacyArchiveWriter.PG_DATA
              + " stand-in found)");
    }
    target.prepare();
    List<Entity> entities = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(zip.getInputStream(pg), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, Object> row = Json.MAPPER.readValue(line, MAP);
        EntityType type =
            EntityType.ofDumpName(String.valueOf(row.get("type")))
                .orElseThrow(() -> new IOException("unknown type in pg_data: " + row.get("type")));
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) row.get("fields");
        entities.add(
            new Entity(
                type,
                (String) row.get("tenant"),
                (String) row.get("source"),
                (String) row.get("source_id"),
                fields));
      }
    }
    target.content().resetToFresh(List.of());
    for (Entity e : entities) {
      if (e.type() == EntityType.EXECUTIONS) {
        Executions.Execution x = Executions.fromDump(e, false);
        if ("scheduled".equals(x.status)) {
          target.log(
              "warning", "Marking original execution " + x.id + " scheduled for None as FAILED.");
          x.status = "failed";
        }
        target.executions().add(x);
      } else {
        target.content().put(e);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, Object> read(ZipFile zip, ZipEntry entry) throws IOException, Failed {
    try (InputStream in = zip.getInputStream(entry)) {
      return Json.MAPPER.readValue(in, MAP);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new Failed("JSONDecodeError in " + entry.getName());
    }
  }

  private static String strip(String name) {
    int from = 0;
    int to = name.length();
    while (from < to && name.charAt(from) == '/') {
      from++;
    }
    while (to > from && name.charAt(to - 1) == '/') {
      to--;
    }
    return name.substring(from, to);
  }
}
