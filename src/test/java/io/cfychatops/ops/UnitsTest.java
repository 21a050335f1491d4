package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.ops.ClusterDiagnosis.Case;
import io.cfychatops.ops.ManagerPort.ClusterInfo;
import io.cfychatops.ops.ManagerPort.Failure;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.ops.ManagerPort.NodeInfo;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void pollPolicyBacksOffToTheCeiling() {
    PollPolicy p = new PollPolicy(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(10));
    Duration d = null;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      d = p.next(d);
      sb.append(d.toMillis()).append(' ');
    }
    assertThat(sb.toString().trim()).isEqualTo("1000 1500 2250 3375 5063 7595 10000 10000");
    assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(5), 1.5, Duration.ofSeconds(1)))
        .hasMessageContaining("ceiling PT1S is below initial PT5S");
  }

  @Test
  void sharedPollerServesManyWatchersWithOneRequestAndBacksOffOnProxyErrors() {
    SettableClock clock = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(clock);
    String exec = fm.createSnapshot("prod", "s1").id();
    SharedPoller poller = new SharedPoller(fm, clock, Duration.ofMillis(900));
    for (int i = 0; i < 10; i++) {
      poller.getExecution("prod", exec, false);
    }
    assertThat(fm.count("getExecution")).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    poller.getExecution("prod", exec, false);
    assertThat(fm.count("getExecution")).isEqualTo(2);

    fm.errorRate = 1.0;
    fm.random.setSeed(0);
    int before = fm.total();
    for (int i = 0; i < 5; i++) {
      try {
        poller.version("prod");
      } catch (ManagerCallException e) {
        assertThat(e.isTransient()).isTrue();
      }
    }
    assertThat(fm.total() - before).isLessThanOrEqualTo(2);
  }

  private static ClusterInfo cluster(
      String overall, Map<String, String> groups, NodeInfo... nodes) {
    return new ClusterInfo(overall, groups, List.of(nodes));
  }

  @Test
  void diagnosisUsesRolesWhenKnown() {
    assertThat(
            ClusterDiagnosis.diagnose(
                    cluster(
                        "OK",
                        Map.of("manager", "OK"),
                        new NodeInfo("manager", "m1", "OK", true),
                        new NodeInfo("manager", "m2", "OK", false)))
                .kind())
        .isEqualTo(Case.HEALTHY);
    assertThat(
            ClusterDiagnosis.diagnose(
                    cluster(
                        "Degraded",
                        Map.of("manager", "Degraded"),
                        new NodeInfo("manager", "m1", "Fail", true),
                        new NodeInfo("manager", "m2", "OK", false)))
                .kind())
        .isEqualTo(Case.ACTIVE_NODE_DOWN);
    assertThat(
            ClusterDiagnosis.diagnose(
                    cluster(
                        "Degraded",
                        Map.of("manager", "Degraded"),
                        new NodeInfo("manager", "m1", "OK", true),
                        new NodeInfo("manager", "m2", "Fail", false)))
                .kind())
        .isEqualTo(Case.ONE_NODE_DOWN);
    assertThat(
            ClusterDiagnosis.diagnose(
                    cluster(
                        "OK",
                        Map.of("manager", "OK"),
                        new NodeInfo("manager", "m1", "OK", true),
                        new NodeInfo("manager", "m2", "OK", true)))
                .kind())
        .isEqualTo(Case.SPLIT_BRAIN);
    assertThat(
            ClusterDiagnosis.diagnose(
                    cluster(
                        "Fail",
                        Map.of("manager", "Fail"),
                        new NodeInfo("manager", "m1", "Fail", null),
                        new NodeInfo("manager", "m2", "Fail", null)))
                .kind())
        .isEqualTo(Case.WHOLE_CLUSTER_DOWN);
  }

  @Test
  void unreachableClusterIsReportedAsTheWholeClusterCaseWithTheGuideSteps() {
    ManagerPort down =
        (ManagerPort)
            java.lang.reflect.Proxy.newProxyInstance(
                ManagerPort.class.getClassLoader(),
                new Class<?>[] {ManagerPort.class},
                (p, m, a) -> {
                  throw new ManagerCallException(Failure.TRANSPORT, "", "Connection refused");
                });
    String text = ClusterDiagnosis.run(down, "prod").fallbackText();
    assertThat(text)
        .contains("Whole cluster down")
        .contains("Save /etc/cloudify/ssl/* files.")
        .contains("Connection refused");
  }

  @Test
  void requestsAreValidatedWithHelpfulMessages() {
    assertThatThrownBy(() -> OperationRequest.of(OpKind.RESTORE, "prod", "1bad", "U1"))
        .hasMessageContaining("must start with a letter");
    assertThatThrownBy(
            () ->
                new OperationSpec.UploadSpec(
                    io.cfychatops.cloudify.SnapshotId.of("s"), null, null, false))
        .hasMessageContaining("`archive`");
  }
}
