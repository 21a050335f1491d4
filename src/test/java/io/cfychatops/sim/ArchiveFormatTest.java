package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The archive a create writes is the Cloudify 7.x format (research notes A.1, A.2, A.8). */
class ArchiveFormatTest extends SimTestSupport {
  static final List<String> MGMT_ORDER = List.of("tenants", "permissions", "user_groups", "users");

  private Path createAndDownload(String id, String body) throws IOException {
    String exec = client.putJson("snapshots/" + id, body).json().get("id").asText();
    advanceSeconds(5);
    assertThat(client.get("executions/" + exec).json().get("status").asText())
        .isEqualTo("terminated");
    Path file = tmp.resolve(id + ".zip");
    Files.write(file, client.get("snapshots/" + id + "/archive").raw());
    return file;
  }

  static JsonNode json(ZipFile zip, String name) throws IOException {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      return SimClient.MAPPER.readTree(in);
    }
  }

  @Test
  void sevenXLayoutWithDirectoryEntriesBucketsAndDuplicates() throws IOException {
    start(config().contentSize(ContentSize.SMALL).auditDuplicates(4).archiveSize(300_000));
    sim.startWorkflowExecution("install", "dep-1", java.time.Duration.ofSeconds(60));
    Path file = createAndDownload("s1", "{}");
    assertThat(Files.size(file)).isEqualTo(300_000);
    try (ZipFile zip = new ZipFile(file.toFile())) {
      JsonNode meta = json(zip, "metadata.json");
      assertThat(meta.get("snapshot_version").asText()).isEqualTo("7.0.4");
      String createExec = meta.get("execution_id").asText();
      assertThat(client.get("executions/" + createExec).json().get("workflow_id").asText())
          .isEqualTo("create_snapshot");
      Set<String> dirs = new HashSet<>();
      Map<String, List<String>> filesByDir = new LinkedHashMap<>();
      for (ZipEntry e : Collections.list(zip.entries())) {
        if (e.isDirectory()) {
          dirs.add(e.getName());
          assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
        } else if (e.getName().matches("(mgmt|tenants/[^/]+)/[^/]+\\.json")) {
          String dir = e.getName().substring(0, e.getName().lastIndexOf('/') + 1);
          filesByDir.computeIfAbsent(dir, d -> new ArrayList<>()).add(e.getName());
        }
      }
      assertThat(dirs)
          .contains(
              "mgmt/",
              "tenants/",
              "tenants/default_tenant/",
              "tenants/ops/",
              "tenants/default_tenant/blueprints/",
              "tenants/ops/plugins/");
      assertThat(filesByDir.keySet())
          .containsExactlyInAnyOrder("mgmt/", "tenants/default_tenant/", "tenants/ops/");
      List<String> mgmtTypes = new ArrayList<>();
      int items = 0;
      Map<String, Set<String>> distinct = new HashMap<>();
      for (Map.Entry<String, List<String>> dir : filesByDir.entrySet()) {
        List<String> names = dir.getValue();
        for (int i = 0; i < names.size(); i++) { // 8 digits, numbered 1..n per directory
          assertThat(names.get(i)).isEqualTo(dir.getKey() + String.format("%08d.json", i + 1));
          JsonNode data = json(zip, names.get(i));
          String type = data.get("type").asText();
          assertThat(data.get("items").size()).isBetween(1, 500);
          if (dir.getKey().equals("mgmt/") && !mgmtTypes.contains(type)) {
            mgmtTypes.add(type);
          }
          if (type.equals("nodes") || type.equals("node_instances") || type.equals("agents")) {
            assertThat(data.has("source")).isFalse();
            assertThat(data.get("source_id").asText()).startsWith("dep-");
          }
          if (type.equals("events")) {
            assertThat(data.get("source").asText()).isEqualTo("executions");
          }
          EntityType t = EntityType.ofDumpName(type).orElseThrow();
          for (JsonNode item : data.get("items")) {
            items++;
            @SuppressWarnings("unchecked")
            Map<String, Object> m = SimClient.MAPPER.convertValue(item, Map.class);
            distinct
                .computeIfAbsent(
                    dir.getKey() + type + "|" + data.path("source_id").asText(),
                    k -> new HashSet<>())
                .add(t.dedupeKey(m));
          }
        }
      }
      assertThat(mgmtTypes).containsExactlyElementsOf(MGMT_ORDER);
      long unique = distinct.values().stream().mapToLong(Set::size).sum();
      long dumped =
          sim.dumpedCounts("s1").values().stream()
              .flatMap(m -> m.values().stream())
              .mapToLong(Long::longValue)
              .sum();
      assertThat(unique).as("distinct entities = what the create dumped").isEqualTo(dumped);
      // 4 changed entities + the running install execution, each written twice (events too)
      assertThat(items - unique).isGreaterThanOrEqualTo(5);
      assertThat(zip.getEntry("tenants/default_tenant/blueprints/bp-1.tar.gz").getMethod())
          .isEqualTo(ZipEntry.STORED);
    }
  }

  @Test
  void legacyFormatsPremiumAndCommunity() throws IOException {
    start(config().contentSize(ContentSize.SMALL));
    try (ZipFile zip = new ZipFile(createAndDownload("old", "{\"legacy\": true}").toFile())) {
      JsonNode meta = json(zip, "metadata.json");
      assertThat(meta.has("schema_revision")).isTrue();
      assertThat(meta.has("stage_schema_revision")).isTrue();
      assertThat(meta.has("composer_schema_revision")).isTrue();
      assertThat(zip.getEntry("agents.json")).isNotNull();
      assertThat(zip.getEntry("mgmt/")).isNull();
    }
    start(config().contentSize(ContentSize.SMALL).edition("community"));
    assertThat(client.get("version").json().get("edition").asText()).isEqualTo("community");
    try (ZipFile zip = new ZipFile(createAndDownload("ce", "{\"legacy\": true}").toFile())) {
      JsonNode meta = json(zip, "metadata.json");
      assertThat(meta.has("schema_revision")).isTrue();
      assertThat(meta.has("stage_schema_revision")).isFalse();
      assertThat(meta.has("composer_schema_revision")).isFalse();
    }
  }

  @Test
  void bucketsSplitAt500ItemsAndNumberingRunsOn() throws IOException {
    Content content = new Content();
    Instant t0 = Instant.parse("2024-08-12T00:00:00Z");
    List<Entity> entities = new ArrayList<>(ContentSeeder.baseline("admin", t0));
    for (int i = 0; i < 1_200; i++) {
      entities.add(
          new Entity(
              EntityType.SITES,
              "default_tenant",
              null,
              null,
              Json.obj("name", "site-" + i, "created_at", Json.timestamp(t0.plusSeconds(i)))));
    }
    content.resetToFresh(entities);
    Path file = tmp.resolve("sites.zip");
    try (var out = Files.newOutputStream(file)) {
      new SnapshotArchive(
              new DumpSpec(
                  "x",
                  "e",
                  "7.0.4",
                  t0,
                  content.freeze(),
                  List.of(),
                  Set.of(),
                  true,
                  true,
                  false,
                  true,
                  0,
                  1,
                  0))
          .writeTo(out);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      List<Integer> sizes = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        JsonNode data = json(zip, String.format("tenants/default_tenant/%08d.json", i));
        assertThat(data.get("type").asText()).isEqualTo("sites");
        assertThat(data.get("latest_timestamp").asText())
            .isEqualTo(Json.timestamp(t0.plusSeconds(1_199)));
        sizes.add(data.get("items").size());
      }
      assertThat(sizes).containsExactly(500, 500, 200);
      assertThat(zip.getEntry("tenants/default_tenant/00000004.json")).isNull();
      assertThat(zip.getEntry(SnapshotArchive.PADDING_ENTRY))
          .as("no blob: padding entry")
          .isNotNull();
    }
  }

  /** What the official Python client and the restore rely on: Python's zipfile reads it. */
  @Test
  void pythonZipfileReadsDirectoryEntriesAndMetadata() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(python), "python3 not installed");
    start(config().contentSize(ContentSize.SMALL));
    Path file = createAndDownload("py", "{}");
    String script =
        String.join(
            "\n",
            "import json, sys, zipfile",
            "z = zipfile.ZipFile(sys.argv[1])",
            "assert z.testzip() is None",
            "tenants = sorted(e.filename.strip('/').split('/')[1] for e in z.filelist",
            "                 if e.is_dir() and len(e.filename.strip('/').split('/')) == 2",
            "                 and e.filename.startswith('tenants/'))",
            "meta = json.loads(z.read('metadata.json'))",
            "print(meta['snapshot_version'], ','.join(tenants))");
    Process p =
        new ProcessBuilder(python.toString(), "-c", script, file.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).isEqualTo("7.0.4 default_tenant,ops");
  }
}
