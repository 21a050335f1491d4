package io.cfychatops.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.ops.OpStatus;
import io.cfychatops.ops.Operation;
import io.cfychatops.sim.CloudifySimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore drills end to end over real HTTP: a stored copy of {@code prod} restored onto the {@code
 * scratch} simulator and validated; every drill leaves scratch out of maintenance mode.
 */
class DrillOverSimulatorTest {
  @TempDir Path tmp;
  DrillHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private DrillHarness start(
      UnaryOperator<io.cfychatops.sim.SimulatorConfig.Builder> scratch, Duration timeout) {
    h = new DrillHarness(tmp, scratch, timeout);
    h.backUpProd("nightly-1");
    return h;
  }

  @Test
  void aDrillRestoresTheStoredCopyOntoScratchAndEndsSuccessfulWithRtoByPhase() {
    start(b -> b, Duration.ofHours(2));

    String id = h.service.runNow("prod", "U1");
    Operation op = h.runToEnd(id, Duration.ofHours(3));

    assertThat(op.status()).as(op.toString()).isEqualTo(OpStatus.SUCCEEDED);
    DrillRecord r = h.drills.find(id).orElseThrow();
    assertThat(r.verdict()).as(r.toString()).isEqualTo(DrillVerdict.SUCCESSFUL);
    assertThat(r.snapshotId()).isEqualTo("nightly-1");
    assertThat(r.phases().keySet())
        .containsExactly(
            "fetch",
            "upload",
            "maintenance on",
            "restore execution",
            "REST back",
            "maintenance off",
            "validation");
    assertThat(r.total()).isNotNull();
    Duration sum = r.phases().values().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(sum).isLessThanOrEqualTo(r.total());
    assertThat(r.phases().get("restore execution")).isPositive();
    // the scratch manager now holds what prod's copy holds
    // (the scratch manager's own upload and restore executions and their events come on top)
    h.prod
        .dumpedCounts("nightly-1")
        .forEach(
            (scope, byType) ->
                byType.forEach(
                    (type, n) ->
                        assertThat(h.scratch.contentCounts().get(scope).get(type))
                            .as(scope + " " + type)
                            .isGreaterThanOrEqualTo(n)));
    assertThat(h.scratch.contentCounts().get("default_tenant").get("deployments"))
        .isEqualTo(h.prod.dumpedCounts("nightly-1").get("default_tenant").get("deployments"));
    assertThat(h.scratchMaintenance()).isEqualTo("deactivated");
    assertThat(h.prod.contentCounts()).as("the source is never touched").isNotEmpty();
    String report = h.chat.transcript();
    assertThat(report).contains("Restore drill of prod on scratch: SUCCESSFUL");
    assertThat(report).contains("restore execution: ").contains("REST back: ");
    assertThat(report).doesNotContain(CloudifySimulator.LEAKED_DB_PASSWORD);
    assertThat(h.metrics.scrape())
        .contains("cfy_drills_total{manager=\"prod\",verdict=\"successful\"} 1.0")
        .contains("cfy_drill_rto_seconds{manager=\"prod\",phase=\"total\"}");
    assertThat(h.service.latest("prod")).map(DrillRecord::operationId).hasValue(id);
    assertThat(h.service.overdue(h.clock.instant())).isEmpty();
  }

  @Test
  void aRestoreWithEntityErrorsEndsFailedNamingThem() {
    start(b -> b, Duration.ofHours(2));
    String deployment = firstDeployment();
    h.scratch.failRestoreOf("deployments", deployment);

    String id = h.service.runNow("prod", "U1");
    Operation op = h.runToEnd(id, Duration.ofHours(3));

    DrillRecord r = h.drills.find(id).orElseThrow();
    assertThat(r.verdict()).as(r.toString()).isEqualTo(DrillVerdict.FAILED);
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(r.reason()).contains("validate").contains(deployment);
    assertThat(h.scratchMaintenance()).isEqualTo("deactivated");
    assertThat(h.chat.transcript())
        .contains("Restore drill of prod on scratch: FAILED")
        .contains(deployment);
    assertThat(h.service.overdue(h.clock.instant())).containsKey("prod");
  }

  @Test
  void aDrillPastItsTimeoutEndsTimedOutAndLeavesScratchOutOfMaintenanceMode() {
    // the restore runs for an hour on the scratch manager; the drill may take 10 minutes
    start(b -> b.restoreRunDuration(Duration.ofHours(1)), Duration.ofMinutes(10));

    String id = h.service.runNow("prod", "U1");
    Operation op = h.runToEnd(id, Duration.ofHours(3));

    DrillRecord r = h.drills.find(id).orElseThrow();
    assertThat(r.verdict()).as(r.toString()).isEqualTo(DrillVerdict.TIMED_OUT);
    assertThat(r.reason()).contains("timed out").contains("10m");
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(r.total()).isLessThan(Duration.ofMinutes(30));
    assertThat(h.scratchMaintenance()).isEqualTo("deactivated");
    assertThat(h.chat.transcript()).contains("Restore drill of prod on scratch: TIMED_OUT");
    assertThat(h.metrics.scrape())
        .contains("cfy_drills_total{manager=\"prod\",verdict=\"timed_out\"} 1.0");
  }

  @Test
  void aSecondDrillOntoTheSameScratchManagerIsRefusedWhileOneRuns() {
    start(b -> b, Duration.ofHours(2));
    h.service.runNow("prod", "U1");
    assertThatThrownBy(() -> h.service.runNow("prod", "U1"))
        .isInstanceOf(DrillRefusedException.class)
        .hasMessageContaining("already running on `scratch`");
    assertThatThrownBy(() -> h.service.runNow("staging", "U1"))
        .isInstanceOf(DrillRefusedException.class)
        .hasMessageContaining("No restore drill is configured for `staging`");
  }

  private String firstDeployment() {
    try {
      return io.cfychatops.archive.ArchivePreview.read(tmp.resolve("archives/prod/nightly-1.zip"))
          .tenants()
          .stream()
          .filter(t -> !t.deploymentIds().isEmpty())
          .findFirst()
          .orElseThrow()
          .deploymentIds()
          .get(0);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
