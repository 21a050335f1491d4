package io.cfychatops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.archive.EntityKind;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ExecutionStatus;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.cloudify.http.RetryPolicy;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.ContentCounts;
import io.cfychatops.ops.ManagerPort.ExecutionError;
import io.cfychatops.ops.ManagerPort.ExecutionInfo;
import io.cfychatops.ops.ManagerPort.SampleKind;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ContentSize;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.testing.SettableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The port's content reads and install_new_agents over real HTTP against the simulator. */
class ManagerContentsTest {
  private final SettableClock clock = SettableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  @TempDir Path tmp;
  private CloudifySimulator sim;
  private CloudifyClient client;
  private ManagerPort port;

  private void start(UnaryOperator<SimulatorConfig.Builder> cfg) throws Exception {
    sim =
        new CloudifySimulator(
            cfg.apply(
                    SimulatorConfig.builder()
                        .clock(clock)
                        .storageDir(tmp.resolve("sim"))
                        .contentSize(ContentSize.SMALL)
                        .outageDuration(Duration.ZERO))
                .build());
    sim.start();
    client =
        HttpCloudifyClient.builder(
                ManagerConnection.of(
                        "prod",
                        URI.create(sim.baseUrl()),
                        SimulatorConfig.DEFAULT_TENANT,
                        Credentials.basic(
                            SimulatorConfig.DEFAULT_USER, SimulatorConfig.DEFAULT_PASSWORD))
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))
            .retryPolicy(RetryPolicy.NONE)
            .build();
    port = new CloudifyManagerPort(name -> client);
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.stop();
    }
  }

  /** The port's counts as the simulator keys them, zeros left out. */
  private static Map<String, Map<String, Long>> asSim(ContentCounts c) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    c.byTenant()
        .forEach(
            (t, kinds) ->
                kinds.forEach(
                    (k, n) -> {
                      if (n > 0) {
                        out.computeIfAbsent(t, x -> new TreeMap<>()).put(k.dumpName(), n);
                      }
                    }));
    return out;
  }

  /** The simulator's live counts of the comparable kinds. */
  private Map<String, Map<String, Long>> simCounts() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    sim.contentCounts()
        .forEach(
            (t, types) ->
                types.forEach(
                    (type, n) -> {
                      if (EntityKind.ofDumpName(type).map(EntityKind::comparable).orElse(false)
                          && n > 0) {
                        out.computeIfAbsent(t, x -> new TreeMap<>()).put(type, n);
                      }
                    }));
    return out;
  }

  private String restore(String snapshot) {
    port.createSnapshot("prod", snapshot, ManagerPort.CreateFlags.MANAGER_DEFAULTS);
    clock.advance(Duration.ofSeconds(10));
    assertThat(port.getSnapshot("prod", snapshot).orElseThrow().status().isRestorable()).isTrue();
    String exec = port.restoreSnapshot("prod", snapshot, ManagerPort.RestoreFlags.DEFAULT);
    clock.advance(Duration.ofSeconds(20));
    assertThat(port.getExecution("prod", exec, true).status())
        .isEqualTo(ExecutionStatus.TERMINATED);
    return exec;
  }

  @Test
  void contentCountsEqualTheManagersPerTenantAndKindEvenInMaintenance() throws Exception {
    start(b -> b);
    ContentCounts counts = port.contentCounts("prod");
    assertThat(counts.byTenant().keySet()).contains("", SimulatorConfig.DEFAULT_TENANT);
    assertThat(counts.byTenant().size()).isGreaterThan(2); // small: two tenants besides mgmt
    assertThat(asSim(counts)).isEqualTo(simCounts());
    assertThat(counts.count(SimulatorConfig.DEFAULT_TENANT, EntityKind.BLUEPRINTS))
        .isEqualTo(sim.contentCounts().get(SimulatorConfig.DEFAULT_TENANT).get("blueprints"))
        .isPositive();
    // every counted kind is there for every tenant, zeros included
    counts.byTenant().entrySet().stream()
        .filter(e -> !e.getKey().isEmpty())
        .forEach(
            e ->
                assertThat(e.getValue().keySet())
                    .contains(EntityKind.BLUEPRINTS, EntityKind.SECRETS, EntityKind.AGENTS));

    port.activateMaintenance("prod");
    assertThat(port.getMaintenance("prod").activated()).isTrue();
    assertThat(asSim(port.contentCounts("prod"))).isEqualTo(simCounts());
    assertThat(port.canRead("prod", SimulatorConfig.DEFAULT_TENANT, SampleKind.BLUEPRINT, "bp-1"))
        .isTrue();
  }

  @Test
  void executionErrorsAreTheRestoresPerEntityErrorsOldestFirst() throws Exception {
    start(b -> b);
    sim.failRestoreOf("blueprints", "bp-1");
    String exec = restore("s1");
    List<ExecutionError> errors = port.executionErrors("prod", exec, 100);
    assertThat(errors)
        .extracting(ExecutionError::message)
        .contains(
            "Error restoring blueprint bp-1: 400: simulated failure restoring blueprints (fault knob)",
            "Error restoring deployment dep-1: 404: Requested `Blueprint` with ID `bp-1` was not found")
        .allMatch(m -> m.startsWith("Error restoring "));
    assertThat(errors).extracting(ExecutionError::at).isSorted().doesNotContainNull();
    assertThat(port.executionErrors("prod", exec, 1)).hasSize(1);
    assertThat(port.canRead("prod", SimulatorConfig.DEFAULT_TENANT, SampleKind.BLUEPRINT, "bp-1"))
        .isFalse();
    assertThat(port.canRead("prod", SimulatorConfig.DEFAULT_TENANT, SampleKind.DEPLOYMENT, "dep-1"))
        .isFalse();
    assertThat(port.canRead("prod", SimulatorConfig.DEFAULT_TENANT, SampleKind.BLUEPRINT, "bp-2"))
        .isTrue();
  }

  @Test
  void aCleanRestoreHasNoErrorsAndTheKnobGivesThatManyFailures() throws Exception {
    start(b -> b.restoreEntityFailures(2));
    String exec = restore("s1");
    assertThat(port.executionErrors("prod", exec, 100))
        .extracting(ExecutionError::message)
        .filteredOn(m -> m.contains("(fault knob)"))
        .hasSize(2);
    sim.stop();
    sim = null;
    start(b -> b);
    assertThat(port.executionErrors("prod", restore("s2"), 100)).isEmpty();
  }

  @Test
  void canReadSendsTheGivenTenant() throws Exception {
    start(b -> b);
    String other =
        sim.contentCounts().keySet().stream()
            .filter(t -> !t.isEmpty() && !t.equals(SimulatorConfig.DEFAULT_TENANT))
            .findFirst()
            .orElseThrow();
    assertThat(port.canRead("prod", other, SampleKind.DEPLOYMENT, "dep-1")).isTrue();
    assertThat(port.canRead("prod", other, SampleKind.DEPLOYMENT, "dep-999")).isFalse();
    // the manager refuses a tenant it does not have: the header reached it
    assertThatThrownBy(() -> port.canRead("prod", "no-such-tenant", SampleKind.BLUEPRINT, "bp-1"))
        .isInstanceOfSatisfying(
            ManagerPort.ManagerCallException.class,
            e -> assertThat(e.failure()).isEqualTo(ManagerPort.Failure.UNAUTHORIZED));
  }

  @Test
  void installNewAgentsStartsAnExecutionOnTheDeployment() throws Exception {
    start(b -> b);
    ExecutionInfo started = port.installNewAgents("prod", SimulatorConfig.DEFAULT_TENANT, "dep-1");
    assertThat(started.workflowId()).isEqualTo("install_new_agents");
    assertThat(started.status().isTerminal()).isFalse();
    assertThat(port.getExecution("prod", started.id(), false).workflowId())
        .isEqualTo("install_new_agents");
    assertThatThrownBy(
            () -> port.installNewAgents("prod", SimulatorConfig.DEFAULT_TENANT, "no-such-dep"))
        .isInstanceOfSatisfying(
            ManagerPort.ManagerCallException.class,
            e -> assertThat(e.failure()).isEqualTo(ManagerPort.Failure.NOT_FOUND));
  }
}
