package io.cfychatops.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ContentSize;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.testing.SettableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview of archives the simulator writes: counts equal the manager's state at snapshot time.
 */
class ArchivePreviewTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final SettableClock clock = SettableClock.create();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private CloudifySimulator sim;

  @TempDir Path tmp;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.stop();
    }
  }

  private void start(SimulatorConfig.Builder b) throws IOException {
    if (sim != null) {
      sim.stop();
    }
    sim = new CloudifySimulator(b.clock(clock).storageDir(tmp.resolve("sim")).build());
    sim.start();
  }

  private HttpResponse<byte[]> send(String method, String path, String body) throws IOException {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/" + path))
            .timeout(Duration.ofSeconds(30))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
            .header("Tenant", "default_tenant")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    try {
      return http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Creates snapshot {@code id}, lets it finish, downloads it; returns the file and execution. */
  private Path snapshot(String id, String body) throws IOException {
    JsonNode exec = MAPPER.readTree(send("PUT", "snapshots/" + id, body).body());
    clock.advance(Duration.ofSeconds(5));
    assertThat(MAPPER.readTree(send("GET", "snapshots/" + id, null).body()).get("status").asText())
        .isEqualTo("created");
    Path file = tmp.resolve(id + ".zip");
    Files.write(file, send("GET", "snapshots/" + id + "/archive", null).body());
    assertThat(exec.get("id").asText()).isNotBlank();
    return file;
  }

  private static Map<String, Map<String, Long>> counts(ArchivePreview p) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    p.management()
        .forEach((k, n) -> out.computeIfAbsent("", s -> new TreeMap<>()).put(k.dumpName(), n));
    for (TenantContents t : p.tenants()) {
      t.counts()
          .forEach(
              (k, n) -> out.computeIfAbsent(t.name(), s -> new TreeMap<>()).put(k.dumpName(), n));
    }
    return out;
  }

  @Test
  void countsEqualTheManagerAtSnapshotTimeAndDuplicatesAreDropped() throws Exception {
    start(SimulatorConfig.builder().contentSize(ContentSize.SMALL).auditDuplicates(6));
    sim.startWorkflowExecution(
        "install", "dep-2", Duration.ofMinutes(5)); // in progress: dumped twice
    Instant created = clock.instant();
    Map<String, Map<String, Long>> live = sim.contentCounts();
    Path file = snapshot("s1", "{}");
    ArchivePreview p = ArchivePreview.read(file);

    assertThat(p.format()).isEqualTo(ArchiveFormat.SEVEN_X);
    assertThat(p.snapshotVersion()).isEqualTo("7.0.4");
    assertThat(p.snapshotCreatedAt()).isEqualTo(created);
    assertThat(p.findings()).isEmpty();
    assertThat(counts(p)).isEqualTo(sim.dumpedCounts("s1"));
    // the dump is the manager as it was: the create execution itself is the one addition
    live.get("default_tenant").merge("executions", 1L, Long::sum);
    assertThat(counts(p)).isEqualTo(live);
    assertThat(p.stats().duplicates()).as("written twice, counted once").isGreaterThanOrEqualTo(7);
    assertThat(p.stats().items()).isEqualTo(p.stats().entities() + p.stats().duplicates());

    TenantContents def = p.tenant("default_tenant").orElseThrow();
    assertThat(def.blueprintIds())
        .contains("bp-1", "bp-2")
        .hasSize((int) def.count(EntityKind.BLUEPRINTS));
    assertThat(def.deploymentIds()).contains("dep-1", "dep-4").doesNotHaveDuplicates();
    assertThat(def.count(EntityKind.NODES))
        .as("vm/app/db per deployment: node ids repeat")
        .isEqualTo(3 * def.count(EntityKind.DEPLOYMENTS));
    assertThat(p.usersToCreate()).isEqualTo(p.management().get(EntityKind.USERS) - 1);
    assertThat(p.tenantsToCreate()).isEqualTo(1);
    assertThat(def.schedules()).hasSize((int) def.count(EntityKind.EXECUTION_SCHEDULES));
    assertThat(p.schedulesAt(created.plus(Duration.ofDays(2))))
        .isNotEmpty()
        .anyMatch(
            s -> s.skippedOccurrences().isPresent() && s.skippedOccurrences().getAsLong() >= 2);
  }

  @Test
  void toStringHoldsNoSecretsOrIds() throws Exception {
    start(SimulatorConfig.builder().contentSize(ContentSize.SMALL));
    ArchivePreview p = ArchivePreview.read(snapshot("s1", "{}"));
    String text = p.toString();
    assertThat(text).contains("bp-1", "dep-1", "default_tenant", "ops", "7.0.4", "SECRETS=");
    assertThat(text)
        .doesNotContain(
            "sv-", "pbkdf2", "rmq-", "agent-", "nightly-", "secret-1", "user-1", p.executionId());
  }

  @Test
  void legacyAndMisreadLegacyAreTold() throws Exception {
    start(SimulatorConfig.builder().contentSize(ContentSize.SMALL));
    ArchivePreview legacy = ArchivePreview.read(snapshot("old", "{\"legacy\": true}"));
    assertThat(legacy.format()).isEqualTo(ArchiveFormat.LEGACY);
    assertThat(legacy.format().restoreChecksVersion()).isTrue();
    assertThat(legacy.tenants()).isEmpty();
    assertThat(legacy.findings())
        .extracting(Finding::kind)
        .containsExactly(Finding.Kind.LEGACY_NOT_COUNTED);

    start(SimulatorConfig.builder().contentSize(ContentSize.SMALL).edition("community"));
    ArchivePreview misread = ArchivePreview.read(snapshot("ce", "{\"legacy\": true}"));
    assertThat(misread.format()).isEqualTo(ArchiveFormat.LEGACY_MISREAD_AS_7X);
    assertThat(misread.tenants()).as("restores nothing").isEmpty();
    assertThat(misread.stats().entities()).isZero();
    assertThat(misread.findings()).extracting(Finding::kind).contains(Finding.Kind.MISREAD_LEGACY);
  }

  @Test
  void newerSnapshotThanTheManagerIsSeen() throws Exception {
    start(SimulatorConfig.builder().snapshotVersion("7.1.0"));
    ArchivePreview p = ArchivePreview.read(snapshot("s1", "{}"));
    assertThat(p.version()).contains(new ManagerVersion(7, 1, 0));
    assertThat(p.newerThan("7.0.4")).isTrue();
    assertThat(p.newerThan("7.1")).isFalse();
    assertThat(p.format().restoreChecksVersion()).as("the 7.x restore does not check").isFalse();
  }

  @Test
  void theSimulatorsWriterMakesAValidZipWithMetadata() throws Exception {
    start(SimulatorConfig.builder().contentSize(ContentSize.SMALL).archiveSize(2L << 20));
    snapshot("s1", "{}");
    Path file = tmp.resolve("direct.zip");
    try (OutputStream out = Files.newOutputStream(file)) {
      sim.writeArchive("s1", out);
    }
    assertThat(Files.size(file)).isEqualTo(2L << 20);
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      assertThat(zip.getEntry("metadata.json")).isNotNull();
      assertThat(zip.getEntry("tenants/ops/")).isNotNull();
      for (var e : java.util.Collections.list(zip.entries())) { // every CRC checks out
        try (var in =
            new java.util.zip.CheckedInputStream(
                zip.getInputStream(e), new java.util.zip.CRC32())) {
          in.transferTo(OutputStream.nullOutputStream());
          assertThat(in.getChecksum().getValue()).as(e.getName()).isEqualTo(e.getCrc());
        }
      }
    }
    assertThat(ArchivePreview.read(file).stats().entities())
        .isEqualTo(ArchivePreview.read(tmp.resolve("s1.zip")).stats().entities());
  }
}
