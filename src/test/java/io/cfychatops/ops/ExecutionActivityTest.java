package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.app.CloudifyManagerPort;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ExecutionStatus;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.ops.ManagerPort.ExecutionInfo;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.SettableClock;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether an execution is still running is judged on our side with the status enum ({@code
 * isTerminal}), not taken from the manager's {@code status} filter: a manager listed an execution
 * under "running" that came back {@code terminated}, and the restore preflight refused the restore
 * because of it.
 */
class ExecutionActivityTest {
  @TempDir Path root;

  /** The fake manager, with extra executions its execution list returns whatever their status. */
  private static ManagerPort listing(FakeManager fm, List<ExecutionInfo> extra) {
    return (ManagerPort)
        Proxy.newProxyInstance(
            ManagerPort.class.getClassLoader(),
            new Class<?>[] {ManagerPort.class},
            (proxy, method, args) -> {
              try {
                Object out = method.invoke(fm, args);
                if (method.getName().equals("activeExecutions")) {
                  List<ExecutionInfo> all = new ArrayList<>(extra);
                  @SuppressWarnings("unchecked")
                  List<ExecutionInfo> real = (List<ExecutionInfo>) out;
                  all.addAll(real);
                  return all;
                }
                return out;
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private Harness harness(List<ExecutionInfo> extra) {
    SettableClock clock = SettableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(clock).withSnapshot("nightly-1", "created");
    return new Harness(listing(fm, extra), Harness.config(root), clock);
  }

  @Test
  void preflightIgnoresAnExecutionListedAsRunningThatHasEnded() {
    Harness h =
        harness(
            List.of(
                new ExecutionInfo("e-old", "install", ExecutionStatus.TERMINATED, "", null),
                new ExecutionInfo("e-failed", "uninstall", ExecutionStatus.FAILED, "boom", null)));
    Operation op =
        h.runToEnd(
            h.engine.submit(OperationRequest.of(OpKind.RESTORE, "prod", "nightly-1", "U1")),
            Duration.ofMinutes(30));
    assertThat(op.step("preflight").orElseThrow().detail()).contains("no running executions");
    assertThat(op.status()).as(op.toString()).isEqualTo(OpStatus.SUCCEEDED);
  }

  @Test
  void preflightStillStopsForAnExecutionThatRunsOrWaits() {
    Harness h =
        harness(
            List.of(
                new ExecutionInfo("e-old", "install", ExecutionStatus.TERMINATED, "", null),
                new ExecutionInfo("e-q", "heal", ExecutionStatus.QUEUED, "", null)));
    Operation op =
        h.runToEnd(
            h.engine.submit(OperationRequest.of(OpKind.RESTORE, "prod", "nightly-1", "U1")),
            Duration.ofMinutes(5));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure())
        .contains("1 execution(s) are running")
        .contains("e-q heal queued")
        .doesNotContain("e-old");
  }

  @Test
  void theAdapterDropsEndedExecutionsFromTheManagersRunningList() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          new MockResponse()
              .setHeader("Content-Type", "application/json")
              .setBody(
                  """
          {"items": [
            {"id": "e1", "workflow_id": "install", "status": "terminated", "is_system_workflow": false},
            {"id": "e2", "workflow_id": "create_snapshot", "status": "started", "is_system_workflow": true},
            {"id": "e3", "workflow_id": "heal", "status": "queued", "is_system_workflow": false},
            {"id": "e4", "workflow_id": "scale", "status": "cancelled", "is_system_workflow": false},
            {"id": "e5", "workflow_id": "x", "status": "pending", "status_display": "completed"}
          ],
           "metadata": {"pagination": {"total": 5, "size": 1000, "offset": 0}}}"""));
      server.enqueue(
          new MockResponse()
              .setHeader("Content-Type", "application/json")
              .setBody(
                  """
          {"status": "activating", "activated_at": "", "activation_requested_at": "2026-03-01T10:00:00.000Z",
           "requested_by": "admin", "remaining_executions": [
             {"id": "e1", "workflow_id": "install", "status": "terminated", "deployment_id": "d"},
             {"id": "e3", "workflow_id": "heal", "status": "queued", "deployment_id": "d"}]}"""));
      try (CloudifyClient client =
          HttpCloudifyClient.create(
              ManagerConnection.of(
                  "m",
                  URI.create(server.url("/").toString()),
                  "default_tenant",
                  Credentials.basic("admin", "admin")))) {
        CloudifyManagerPort api = new CloudifyManagerPort(name -> client);
        assertThat(api.activeExecutions("m"))
            .extracting(ExecutionInfo::id)
            .containsExactly("e2", "e3", "e5");
        assertThat(api.getMaintenance("m").remainingExecutions())
            .singleElement()
            .satisfies(r -> assertThat(r).startsWith("e3"));
      }
    }
  }

  @Test
  void maintenanceOnWaitsAsLongAsTheApprovedTimeout() {
    SettableClock clock = SettableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(clock);
    fm.stuckExecution = true; // keeps maintenance mode activating
    Harness h =
        new Harness(fm, Harness.config(root).withMaintenanceTimeout(Duration.ofHours(1)), clock);
    String id =
        h.engine.submit(
            TestSpecs.request(new OperationSpec.MaintenanceOnSpec(Duration.ofSeconds(90))));
    Instant started = clock.instant();
    Operation op = h.runToEnd(id, Duration.ofHours(2));
    assertThat(op.status()).isEqualTo(OpStatus.FAILED);
    assertThat(op.failure()).contains("still `activating` after 1m 30s");
    assertThat(Duration.between(started, op.finishedAt())).isLessThan(Duration.ofMinutes(5));
  }
}
