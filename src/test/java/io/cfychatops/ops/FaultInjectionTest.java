package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.sim.FaultKind;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 30 % of manager calls fail (502 HTML, refused, timeouts, 503 maintenance JSON). No operation may
 * report a success that did not happen, none may crash, every failure names its reason.
 */
class FaultInjectionTest {
  @TempDir Path tmp;

  @Test
  void thirtyPercentFailuresOnTheFakeManager() {
    int succeeded = 0;
    int failed = 0;
    for (int seed = 0; seed < 40; seed++) {
      SettableClock clock = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
      FakeManager fm = new FakeManager(clock).withSnapshot("nightly-1", "created");
      fm.random.setSeed(seed);
      fm.errorRate = 0.30;
      boolean failRestore = seed % 4 == 0;
      if (failRestore) {
        fm.restoreError = "real restore failure";
      }
      Harness h = new Harness(fm, OpsConfig.defaults("#ops", tmp), clock);
      String id = h.engine.submit(TestSpecs.request(TestSpecs.restore("nightly-1", true, false)));
      Operation op = h.runToEnd(id, Duration.ofHours(3));
      assertThat(op.status()).isIn(OpStatus.SUCCEEDED, OpStatus.FAILED);
      if (op.status() == OpStatus.SUCCEEDED) {
        succeeded++;
        assertThat(failRestore).as("false success with seed " + seed).isFalse();
        assertThat(
                fm.executions.values().stream()
                    .filter(e -> e.workflow.equals("restore_snapshot"))
                    .count())
            .isEqualTo(1);
        assertThat(fm.maintenanceState()).isEqualTo("deactivated");
      } else {
        failed++;
        assertThat(op.failure()).isNotBlank().doesNotContain("internal error");
        assertThat(h.chat.living()).contains("Reason:");
      }
      fm.errorRate = 0;
      assertThat(
              fm.executions.values().stream()
                  .filter(e -> e.workflow.equals("restore_snapshot"))
                  .count())
          .isLessThanOrEqualTo(1);
    }
    assertThat(succeeded).isGreaterThan(10);
    assertThat(failed).isGreaterThanOrEqualTo(10);
  }

  @Test
  void thirtyPercentFailuresOverHttpAgainstTheSimulator() {
    try (SimHarness s =
        new SimHarness(
            tmp,
            b ->
                b.errorRate(0.30)
                    .faultKinds(
                        EnumSet.of(
                            FaultKind.BAD_GATEWAY_502,
                            FaultKind.UNAVAILABLE_503,
                            FaultKind.DROP_CONNECTION)),
            OpsConfig.defaults("#ops", tmp.resolve("a")))) {
      int ok = 0;
      for (int i = 0; i < 8; i++) {
        String id = s.h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "n-" + i, "U1"));
        Operation op = s.h.runToEnd(id, Duration.ofMinutes(30));
        assertThat(op.status()).isIn(OpStatus.SUCCEEDED, OpStatus.FAILED);
        if (op.status() == OpStatus.SUCCEEDED) {
          ok++;
          s.sim.setErrorRate(0);
          assertThat(
                  s.client
                      .getSnapshot(io.cfychatops.cloudify.SnapshotId.of("n-" + i))
                      .status()
                      .wireValue())
              .isEqualTo("created");
          s.sim.setErrorRate(0.30);
        } else {
          assertThat(op.failure()).isNotBlank().doesNotContain("internal error");
        }
      }
      assertThat(ok).isGreaterThan(4);
    }
  }
}
