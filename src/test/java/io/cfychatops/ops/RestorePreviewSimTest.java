package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.app.CloudifyManagerPort;
import io.cfychatops.archive.ArchiveFormat;
import io.cfychatops.archive.ArchiveLimits;
import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.TenantContents;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.cloudify.http.RetryPolicy;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ClusterScenario;
import io.cfychatops.sim.ContentSize;
import io.cfychatops.sim.RequestLog;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.testing.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore preview against the simulator over loopback HTTP: the archive is fetched through the
 * archive store and counted as the restore counts (what the manager held at snapshot time,
 * duplicates once), and a snapshot newer than the manager stops the approved restore in its archive
 * check, before any request that changes anything reaches the manager.
 */
class RestorePreviewSimTest {
  private static final String M = "prod";
  private final SettableClock clock = SettableClock.create();
  private CloudifySimulator sim;
  private CloudifyClient client;

  @TempDir Path tmp;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.stop();
    }
  }

  private ManagerPort start(SimulatorConfig.Builder b) throws IOException {
    sim =
        new CloudifySimulator(
            b.clock(clock)
                .storageDir(tmp.resolve("sim"))
                .clusterScenario(ClusterScenario.SINGLE_NODE)
                .contentSize(ContentSize.SMALL)
                .build());
    sim.start();
    client =
        HttpCloudifyClient.builder(
                ManagerConnection.of(
                        M,
                        URI.create(sim.baseUrl()),
                        "default_tenant",
                        Credentials.basic(
                            SimulatorConfig.DEFAULT_USER, SimulatorConfig.DEFAULT_PASSWORD))
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)))
            .retryPolicy(RetryPolicy.NONE)
            .build();
    return new CloudifyManagerPort(name -> M.equals(name) ? client : null);
  }

  /** Creates {@code id} on the simulator and lets it finish. */
  private void snapshot(ManagerPort port, String id) {
    port.createSnapshot(M, id, ManagerPort.CreateFlags.MANAGER_DEFAULTS);
    clock.advance(Duration.ofSeconds(10));
    assertThat(port.getSnapshot(M, id).orElseThrow().status().wireValue()).isEqualTo("created");
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
  void previewIsFetchedThroughTheStoreAndCountsWhatTheManagerHeldDuplicatesOnce() throws Exception {
    ManagerPort port = start(SimulatorConfig.builder().auditDuplicates(6));
    RequestLog requests = sim.enableTestHooks();
    sim.startWorkflowExecution("install", "dep-2", Duration.ofMinutes(5)); // dumped twice
    snapshot(port, "s1");
    ArchiveStore store = new ArchiveStore(tmp.resolve("archives"), clock);
    StoredArchivePreviews previews =
        new StoredArchivePreviews(port, store, ArchiveLimits.DEFAULT, clock);

    var first = previews.lookup(M, "s1", true);
    assertThat(first).isInstanceOf(StoredArchivePreviews.Found.class);
    StoredArchivePreviews.Found found = (StoredArchivePreviews.Found) first;
    assertThat(found.downloaded()).as("not stored before: downloaded into the store").isTrue();
    assertThat(store.find(M, "s1"))
        .hasValueSatisfying(a -> assertThat(a).isEqualTo(found.archive()));
    ArchivePreview p = found.preview();
    assertThat(p.format()).isEqualTo(ArchiveFormat.SEVEN_X);
    assertThat(counts(p)).isEqualTo(sim.dumpedCounts("s1"));
    assertThat(p.stats().duplicates())
        .as("written twice in the archive, counted once")
        .isPositive();

    // the second preview reads the stored copy (cached by SHA-256): no second download
    var second = previews.lookup(M, "s1", true);
    assertThat(((StoredArchivePreviews.Found) second).downloaded()).isFalse();
    assertThat(((StoredArchivePreviews.Found) second).preview()).isSameAs(p);
    assertThat(requests.count("GET /snapshots/{id}/archive")).isEqualTo(1);
    assertThat(previews.preview(M, "s1")).containsSame(p);
    assertThat(previews.lookup(M, "nope", true)).isInstanceOf(StoredArchivePreviews.Missing.class);
  }

  @Test
  void aSnapshotNewerThanTheManagerIsRefusedBeforeAnyWriteReachesIt() throws Exception {
    ManagerPort port = start(SimulatorConfig.builder().snapshotVersion("7.1.0"));
    snapshot(port, "newer-1");
    RequestLog requests = sim.enableTestHooks();
    Harness h = new Harness(port, Harness.config(tmp.resolve("archives")), clock);
    h.engine.previews(
        new StoredArchivePreviews(
            port, new ArchiveStore(tmp.resolve("archives"), clock), ArchiveLimits.DEFAULT, clock));

    Operation op =
        h.runToEnd(
            h.engine.submit(OperationRequest.of(OpKind.RESTORE, M, "newer-1", "U1")),
            Duration.ofMinutes(30));

    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure())
        .contains("refused before anything changed")
        .contains("7.1.0, newer than this manager's 7.0.4");
    assertThat(op.step(ArchiveCheck.NAME).orElseThrow().status()).isEqualTo(StepStatus.FAILED);
    List<RequestLog.Entry> writes =
        requests.entries(0, true); // every write since the hooks were on
    assertThat(writes).as("no request that changes anything reached the manager").isEmpty();
    assertThat(requests.count("GET /snapshots/{id}/archive"))
        .as("the archive was read")
        .isEqualTo(1);
  }

  @Test
  void aSnapshotOfTheManagersOwnVersionPassesTheArchiveCheckAndIsRestored() throws Exception {
    ManagerPort port = start(SimulatorConfig.builder());
    snapshot(port, "same-1");
    RequestLog requests = sim.enableTestHooks();
    Harness h = new Harness(port, Harness.config(tmp.resolve("archives")), clock);
    h.engine.previews(
        new StoredArchivePreviews(
            port, new ArchiveStore(tmp.resolve("archives"), clock), ArchiveLimits.DEFAULT, clock));

    Operation op =
        h.runToEnd(
            h.engine.submit(OperationRequest.of(OpKind.RESTORE, M, "same-1", "U1")),
            Duration.ofMinutes(30));

    assertThat(op.status()).as("%s", op).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(op.step(ArchiveCheck.NAME).orElseThrow().detail())
        .contains("snapshot version 7.0.4 (manager 7.0.4)");
    assertThat(requests.count("POST /snapshots/{id}/restore")).isEqualTo(1);
  }
}
