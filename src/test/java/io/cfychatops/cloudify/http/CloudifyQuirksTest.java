package io.cfychatops.cloudify.http;

import static io.cfychatops.cloudify.http.TestSupport.executionJson;
import static io.cfychatops.cloudify.http.TestSupport.fixture;
import static io.cfychatops.cloudify.http.TestSupport.html;
import static io.cfychatops.cloudify.http.TestSupport.json;
import static io.cfychatops.cloudify.http.TestSupport.page;
import static io.cfychatops.cloudify.http.TestSupport.snapshotJson;
import static io.cfychatops.cloudify.http.TestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfychatops.cloudify.BadRequestException;
import io.cfychatops.cloudify.CancelAction;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.ConflictException;
import io.cfychatops.cloudify.CreateOptions;
import io.cfychatops.cloudify.ErrorCode;
import io.cfychatops.cloudify.Execution;
import io.cfychatops.cloudify.ExecutionStatus;
import io.cfychatops.cloudify.ForbiddenException;
import io.cfychatops.cloudify.ListQuery;
import io.cfychatops.cloudify.ListResult;
import io.cfychatops.cloudify.MaintenanceChange;
import io.cfychatops.cloudify.MaintenanceModeException;
import io.cfychatops.cloudify.MaintenanceState;
import io.cfychatops.cloudify.MaintenanceStatus;
import io.cfychatops.cloudify.ProxyErrorException;
import io.cfychatops.cloudify.RestoreOptions;
import io.cfychatops.cloudify.RestoreStarted;
import io.cfychatops.cloudify.RestoreStatus;
import io.cfychatops.cloudify.Snapshot;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.cloudify.SnapshotStatus;
import io.cfychatops.cloudify.UploadResult;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per tricky behaviour of cloudify-api.md §9 (numbered as there). */
class CloudifyQuirksTest extends ScriptedManager {

  private static final String EXEC_ID = "1cadbb76-4532-4eae-a139-80bff328944d";

  @Test
  @DisplayName(
      "§9.1 only terminated/failed/cancelled are final; status_display completed = terminated")
  void terminalStatesAndCompletedDisplay() {
    server.enqueue(json(200, executionJson(EXEC_ID, "terminated", "")));
    server.enqueue(
        json(
            200,
            "{\"id\": \"" + EXEC_ID + "\", \"status_display\": \"completed\", \"error\": null}"));
    server.enqueue(json(200, executionJson(EXEC_ID, "queued", null)));
    server.enqueue(json(200, executionJson(EXEC_ID, "terminated", "Traceback: boom")));

    Execution done = client.getExecution(EXEC_ID);
    assertThat(done.status()).isEqualTo(ExecutionStatus.TERMINATED);
    assertThat(done.succeeded()).isTrue();

    Execution displayOnly = client.getExecution(EXEC_ID);
    assertThat(displayOnly.status()).isEqualTo(ExecutionStatus.TERMINATED);
    assertThat(displayOnly.succeeded()).isTrue();

    Execution queued = client.getExecution(EXEC_ID);
    assertThat(queued.status().isTerminal()).isFalse();
    assertThat(queued.status().isWaiting()).isTrue();
    assertThat(queued.status().isActive()).isFalse();

    Execution terminatedWithError = client.getExecution(EXEC_ID);
    assertThat(terminatedWithError.isTerminal()).isTrue();
    assertThat(terminatedWithError.succeeded()).isFalse();
  }

  @Test
  @DisplayName("§9.2 execution terminated while the snapshot row is still creating")
  void snapshotStatusIsSeparateFromExecutionStatus() {
    server.enqueue(json(200, executionJson(EXEC_ID, "terminated", null)));
    server.enqueue(json(200, snapshotJson("nightly-1", "creating")));
    server.enqueue(json(200, snapshotJson("nightly-1", "created")));

    assertThat(client.getExecution(EXEC_ID).isTerminal()).isTrue();
    Snapshot stillCreating = client.getSnapshot(SnapshotId.of("nightly-1"));
    assertThat(stillCreating.status()).isEqualTo(SnapshotStatus.CREATING);
    assertThat(stillCreating.isTerminal()).isFalse();
    assertThat(stillCreating.isRestorable()).isFalse();
    Snapshot created = client.getSnapshot(SnapshotId.of("nightly-1"));
    assertThat(created.isTerminal()).isTrue();
    assertThat(created.isRestorable()).isTrue();
  }

  @Test
  @DisplayName("§9.3 system workflows are listed only with _include_system_workflows=true")
  void systemWorkflowsNeedFlag() {
    server.enqueue(json(200, page(0, 0)));
    server.enqueue(json(200, page(1, 0, executionJson(EXEC_ID, "started", null))));

    assertThat(client.listExecutions(ListQuery.all(), false).items()).isEmpty();
    ListQuery q =
        ListQuery.builder()
            .filter("workflow_id", "create_snapshot", "restore_snapshot")
            .sortDescending("created_at")
            .limit(20)
            .build();
    ListResult<Execution> withSystem = client.listExecutions(q, true);
    assertThat(withSystem.items()).extracting(Execution::id).containsExactly(EXEC_ID);
    assertThat(withSystem.items().get(0).systemWorkflow()).isTrue();

    RecordedRequest without = take(server);
    assertThat(without.getRequestUrl().queryParameter("_include_system_workflows")).isNull();
    RecordedRequest with = take(server);
    assertThat(with.getRequestUrl().queryParameter("_include_system_workflows")).isEqualTo("true");
    assertThat(with.getRequestUrl().queryParameterValues("workflow_id"))
        .containsExactly("create_snapshot", "restore_snapshot");
    assertThat(with.getRequestUrl().queryParameter("_sort")).isEqualTo("-created_at");
    assertThat(with.getRequestUrl().queryParameter("_size")).isEqualTo("20");
  }

  @Test
  @DisplayName("§9.4 list follows _offset/_size until metadata.pagination.total")
  void paginationLoop() {
    server.enqueue(
        json(200, page(5, 0, snapshotJson("a1", "created"), snapshotJson("a2", "created"))));
    server.enqueue(
        json(200, page(5, 2, snapshotJson("a3", "failed"), snapshotJson("a4", "uploaded"))));
    server.enqueue(json(200, page(5, 4, snapshotJson("a5", "creating"))));

    ListQuery q =
        ListQuery.builder()
            .pageSize(2)
            .include("id", "status", "created_at")
            .sortDescending("created_at")
            .sortAscending("id")
            .search("a")
            .filter("status", "created", "uploaded")
            .build();
    ListResult<Snapshot> result = client.listSnapshots(q);

    assertThat(result.items())
        .extracting(Snapshot::id)
        .containsExactly("a1", "a2", "a3", "a4", "a5");
    assertThat(result.total()).isEqualTo(5);
    assertThat(server.getRequestCount()).isEqualTo(3);
    for (String offset : List.of("0", "2", "4")) {
      RecordedRequest r = take(server);
      assertThat(r.getRequestUrl().encodedPath()).isEqualTo("/api/v3.1/snapshots");
      assertThat(r.getRequestUrl().queryParameter("_offset")).isEqualTo(offset);
      assertThat(r.getRequestUrl().queryParameter("_size")).isEqualTo("2");
      assertThat(r.getRequestUrl().queryParameter("_include")).isEqualTo("id,status,created_at");
      assertThat(r.getRequestUrl().queryParameterValues("_sort"))
          .containsExactly("-created_at", "id");
      assertThat(r.getRequestUrl().queryParameter("_search")).isEqualTo("a");
      assertThat(r.getRequestUrl().queryParameterValues("status"))
          .containsExactly("created", "uploaded");
    }
  }

  @Test
  @DisplayName("§9.4 bad _include is a 400 no_such_include_field_error")
  void badIncludeIs400() {
    server.enqueue(
        json(
            400,
            "{\"message\": \"Field foo does not exist\", \"error_code\": \"no_such_include_field_error\"}"));
    assertThatThrownBy(() -> client.listSnapshots(ListQuery.builder().include("foo").build()))
        .isInstanceOf(BadRequestException.class)
        .satisfies(
            e ->
                assertThat(((CloudifyException) e).code())
                    .isEqualTo(ErrorCode.NO_SUCH_INCLUDE_FIELD));
  }

  @Test
  @DisplayName("§9.5 create answers 201 + Execution; restore answers 200 + snapshot-shaped subset")
  void createVersusRestoreResponses() {
    server.enqueue(json(201, fixture("execution-create-201.json")));
    server.enqueue(json(200, fixture("restore-200.json")));

    Execution created =
        client.createSnapshot(SnapshotId.of("nightly-2024-08-12"), CreateOptions.defaults());
    assertThat(created.id()).isEqualTo("5f0c1d0e-0b3a-4c36-9d3e-6a2b1f0c9e11");
    assertThat(created.workflowId()).isEqualTo("create_snapshot");
    assertThat(created.status()).isEqualTo(ExecutionStatus.PENDING);
    assertThat(created.snapshotId()).contains("nightly-2024-08-12");

    RestoreStarted restore =
        client.restoreSnapshot(SnapshotId.of("nightly-2024-08-12"), RestoreOptions.defaults());
    assertThat(restore.executionId()).isEqualTo(EXEC_ID);
    assertThat(restore.status()).isEqualTo(ExecutionStatus.PENDING);
    assertThat(restore.createdAt()).isEqualTo(Instant.parse("2024-08-12T03:00:00.779Z"));
    assertThat(take(server).getMethod()).isEqualTo("PUT");
    RecordedRequest r = take(server);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/api/v3.1/snapshots/nightly-2024-08-12/restore");
  }

  @Test
  @DisplayName("§9.6 delete accepts 200 with the deleted snapshot and 204 without body")
  void deleteTwoHundredOrNoContent() {
    server.enqueue(json(200, snapshotJson("old-1", "created")));
    server.enqueue(new MockResponse().setResponseCode(204));

    assertThat(client.deleteSnapshot(SnapshotId.of("old-1")))
        .get()
        .extracting(Snapshot::id)
        .isEqualTo("old-1");
    assertThat(client.deleteSnapshot(SnapshotId.of("old-2"))).isEmpty();
    assertThat(take(server).getMethod()).isEqualTo("DELETE");
    assertThat(take(server).getPath()).isEqualTo("/api/v3.1/snapshots/old-2");
  }

  @Test
  @DisplayName("§9.7 upload over an existing id: 201 all-null = overwrote; duplicate create: 409")
  void uploadOverExistingAndDuplicateCreate(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Path zip = java.nio.file.Files.write(dir.resolve("s.zip"), new byte[] {1, 2, 3});
    server.enqueue(
        json(
            201,
            "{\"id\": null, \"created_at\": null, \"status\": null, \"error\": null,"
                + " \"visibility\": null, \"tenant_name\": null, \"created_by\": null}"));
    server.enqueue(json(201, snapshotJson("fresh-1", "uploaded")));
    server.enqueue(
        json(
            409,
            TestSupport.error(
                "conflict_error",
                "<Snapshot id=`fresh-1` tenant=`default_tenant`> already exists")));

    UploadResult overwrite = client.uploadSnapshot(SnapshotId.of("existing-1"), zip);
    assertThat(overwrite.overwroteExisting()).isTrue();
    assertThat(overwrite.createdSnapshot()).isEmpty();

    UploadResult fresh = client.uploadSnapshot(SnapshotId.of("fresh-1"), zip);
    assertThat(fresh.overwroteExisting()).isFalse();
    assertThat(fresh.createdSnapshot())
        .get()
        .extracting(Snapshot::status)
        .isEqualTo(SnapshotStatus.UPLOADED);

    assertThatThrownBy(
            () -> client.createSnapshot(SnapshotId.of("fresh-1"), CreateOptions.defaults()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("already exists")
        .hasMessageContaining("PUT /api/v3.1/snapshots/fresh-1");
  }

  @Test
  @DisplayName("§9.8 maintenance 503 JSON vs nginx 503 HTML vs rate-limit 503")
  void threeKindsOf503() {
    server.enqueue(json(503, fixture("maintenance-503.json")));
    server.enqueue(
        json(503, TestSupport.error("entering_maintenance_mode", "Your request was rejected")));
    for (int i = 0; i < RetryPolicy.DEFAULT_MAX_ATTEMPTS; i++) {
      server.enqueue(html(503, fixture("nginx-503.html")).setHeader("Retry-After", "2"));
    }

    assertThatThrownBy(() -> client.getExecution(EXEC_ID))
        .isInstanceOfSatisfying(
            MaintenanceModeException.class,
            e -> {
              assertThat(e.entering()).isFalse();
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.code()).isEqualTo(ErrorCode.MAINTENANCE_MODE_ACTIVE);
            });
    assertThatThrownBy(() -> client.createSnapshot(SnapshotId.of("s1"), CreateOptions.defaults()))
        .isInstanceOfSatisfying(
            MaintenanceModeException.class, e -> assertThat(e.entering()).isTrue());
    assertThat(sleeper.delays).as("maintenance 503 is not retried").isEmpty();

    assertThatThrownBy(() -> client.getSnapshot(SnapshotId.of("s1")))
        .isInstanceOfSatisfying(
            ProxyErrorException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.bodySnippet())
                  .contains("503 Service Temporarily Unavailable")
                  .doesNotContain("<");
            });
    assertThat(sleeper.delays)
        .as("rate-limit 503 retried honouring Retry-After")
        .hasSize(RetryPolicy.DEFAULT_MAX_ATTEMPTS - 1)
        .allSatisfy(d -> assertThat(d).isEqualTo(java.time.Duration.ofSeconds(2)));
  }

  @Test
  @DisplayName("§9.9 polling an execution during maintenance: X-BYPASS-MAINTENANCE only when asked")
  void pollingWithBypassHeader() {
    server.enqueue(json(200, executionJson(EXEC_ID, "started", null)));
    server.enqueue(json(200, executionJson(EXEC_ID, "started", null)));

    client.getExecution(EXEC_ID);
    client.getExecution(EXEC_ID, true);

    assertThat(take(server).getHeader("X-BYPASS-MAINTENANCE")).isNull();
    RecordedRequest bypass = take(server);
    assertThat(bypass.getHeader("X-BYPASS-MAINTENANCE")).isEqualTo("true");
    assertThat(bypass.getHeader("Authorization")).startsWith("Basic ");
  }

  @Test
  @DisplayName("§9.10 activate returns [[...]] remaining executions; second activate is 304")
  void activateNestedListAnd304() {
    server.enqueue(json(200, fixture("maintenance-activate-200-nested.json")));
    server.enqueue(new MockResponse().setResponseCode(304));
    server.enqueue(json(200, fixture("maintenance-activated.json")));
    server.enqueue(new MockResponse().setResponseCode(304));
    server.enqueue(json(200, fixture("maintenance-deactivated.json")));

    MaintenanceChange first = client.activateMaintenance();
    assertThat(first.changed()).isTrue();
    assertThat(first.state().status()).isEqualTo(MaintenanceStatus.ACTIVATING);
    assertThat(first.state().remainingExecutions())
        .extracting(
            MaintenanceState.RemainingExecution::id, MaintenanceState.RemainingExecution::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "5f0c1d0e-0b3a-4c36-9d3e-6a2b1f0c9e11", ExecutionStatus.STARTED),
            org.assertj.core.groups.Tuple.tuple("77aa", ExecutionStatus.QUEUED));
    assertThat(first.state().activatedAt()).isNull();

    MaintenanceChange second = client.activateMaintenance();
    assertThat(second.changed()).isFalse();
    assertThat(second.state().isActivated()).isTrue();
    assertThat(second.state().activatedAt()).isEqualTo(Instant.parse("2024-08-12T03:04:10.009Z"));

    MaintenanceChange off = client.deactivateMaintenance();
    assertThat(off.changed()).isFalse();
    assertThat(off.state().status()).isEqualTo(MaintenanceStatus.DEACTIVATED);
    assertThat(off.state().activatedAt()).as("\"\" means unset").isNull();
    assertThat(off.state().requestedBy()).isNull();

    assertThat(take(server).getPath()).isEqualTo("/api/v3.1/maintenance/activate");
    assertThat(take(server).getMethod()).isEqualTo("POST");
    assertThat(take(server).getPath())
        .as("304 re-reads the state")
        .isEqualTo("/api/v3.1/maintenance");
  }

  @Test
  @DisplayName(
      "§9.11 restore outage: snapshot-status survives 502 HTML and a reset, sent without credentials")
  void restoreOutageRetriesUnauthenticatedStatus() {
    server.enqueue(html(502, fixture("nginx-502.html")));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "{\"status\": \"running\"}"));
    server.enqueue(json(200, "{\"status\": \"not-running\"}"));

    assertThat(client.snapshotStatus()).isEqualTo(RestoreStatus.RUNNING);
    assertThat(client.snapshotStatus()).isEqualTo(RestoreStatus.NOT_RUNNING);
    assertThat(sleeper.delays).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      RecordedRequest r = take(server);
      assertThat(r.getPath()).isEqualTo("/api/v3.1/snapshot-status");
      assertThat(r.getHeader("Authorization")).isNull();
      assertThat(r.getHeader("Authentication-Token")).isNull();
      assertThat(r.getHeader("Tenant")).isNull();
    }
  }

  @Test
  @DisplayName("§9.12 restore POST 200, then the execution fails with the reason in error")
  void restoreAcceptedThenFails() {
    server.enqueue(json(200, fixture("restore-200.json")));
    server.enqueue(
        json(200, executionJson(EXEC_ID, "failed", "Only the bootstrap admin may restore")));

    RestoreStarted started =
        client.restoreSnapshot(
            SnapshotId.of("nightly-1"), new RestoreOptions(true, false, false, false));
    Execution later = client.getExecution(started.executionId());
    assertThat(later.isTerminal()).isTrue();
    assertThat(later.succeeded()).isFalse();
    assertThat(later.error()).contains("bootstrap admin");
  }

  @Test
  @DisplayName(
      "§9.13 restore refused while an execution runs; legacy create with queue comes back queued")
  void existingRunningExecution() {
    server.enqueue(
        json(
            400,
            TestSupport.error(
                "existing_running_execution_error",
                "Cannot start execution because there are other executions running")));
    server.enqueue(json(201, executionJson("q-1", "queued", null)));

    assertThatThrownBy(
            () -> client.restoreSnapshot(SnapshotId.of("nightly-1"), RestoreOptions.defaults()))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.isExistingRunningExecution()).isTrue());
    Execution queued =
        client.createSnapshot(
            SnapshotId.of("n2"), CreateOptions.builder().legacy(true).queue(true).build());
    assertThat(queued.status()).isEqualTo(ExecutionStatus.QUEUED);
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  @DisplayName("§9.14 portable restore body, exact JSON, and no Tenant header")
  void portableRestoreBody() throws Exception {
    server.enqueue(json(200, fixture("restore-200.json")));
    client.restoreSnapshot(SnapshotId.of("nightly-1"), new RestoreOptions(true, true, true, false));

    RecordedRequest r = take(server);
    assertThat(r.getBody().readUtf8())
        .isEqualTo(
            "{\"force\":true,\"restore_certificates\":true,\"no_reboot\":true,"
                + "\"recreate_deployments_envs\":true,\"ignore_plugin_failure\":false}");
    assertThat(r.getHeader("Tenant")).isNull();
    assertThat(r.getHeader("Authorization")).isNotNull();
  }

  @Test
  @DisplayName("§9.14 no null booleans: unset create options are omitted")
  void noNullBooleans() throws Exception {
    server.enqueue(json(201, executionJson("e1", "pending", null)));
    server.enqueue(json(201, executionJson("e2", "pending", null)));
    client.createSnapshot(SnapshotId.of("n1"), CreateOptions.defaults());
    client.createSnapshot(
        SnapshotId.of("n2"),
        CreateOptions.builder().includeLogs(false).queue(true).tempdirPath("/var/tmp").build());

    assertThat(take(server).getBody().readUtf8()).isEqualTo("{}");
    String body = take(server).getBody().readUtf8();
    @SuppressWarnings("unchecked")
    Map<String, Object> parsed = new ObjectMapper().readValue(body, Map.class);
    assertThat(parsed)
        .isEqualTo(Map.of("include_logs", false, "queue", true, "tempdir_path", "/var/tmp"));
    assertThat(body).doesNotContain("null");
  }

  @Test
  @DisplayName("§9.15 Content-Type is exactly application/json on create, restore and cancel")
  void contentTypeJson() {
    server.enqueue(json(201, executionJson("e1", "pending", null)));
    server.enqueue(json(200, fixture("restore-200.json")));
    server.enqueue(json(200, executionJson(EXEC_ID, "cancelling", null)));

    client.createSnapshot(SnapshotId.of("n1"), CreateOptions.defaults());
    client.restoreSnapshot(SnapshotId.of("n1"), RestoreOptions.defaults());
    Execution cancelling = client.cancelExecution(EXEC_ID, CancelAction.FORCE_CANCEL);
    assertThat(cancelling.status()).isEqualTo(ExecutionStatus.CANCELLING);

    for (int i = 0; i < 3; i++) {
      assertThat(take(server).getHeader("Content-Type")).isEqualTo("application/json");
    }
  }

  @Test
  @DisplayName("§9.15 cancel sends the wire action")
  void cancelBody() {
    server.enqueue(json(200, executionJson(EXEC_ID, "kill_cancelling", null)));
    server.enqueue(
        json(
            400,
            TestSupport.error(
                "illegal_action_error",
                "Can't cancel execution because it's in status terminated")));
    assertThat(client.cancelExecution(EXEC_ID, CancelAction.KILL).status())
        .isEqualTo(ExecutionStatus.KILL_CANCELLING);
    assertThatThrownBy(() -> client.cancelExecution(EXEC_ID, CancelAction.CANCEL))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_ACTION));
    RecordedRequest r = take(server);
    assertThat(r.getPath()).isEqualTo("/api/v3.1/executions/" + EXEC_ID);
    assertThat(r.getBody().readUtf8()).isEqualTo("{\"action\":\"kill\"}");
  }

  @Test
  @DisplayName("§9.16 invalid ids are rejected before any request")
  void idValidationBeforeAnyCall() {
    assertThatThrownBy(
            () ->
                client.createSnapshot(
                    SnapshotId.of("1starts-with-digit"), CreateOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start with a letter");
    assertThatThrownBy(() -> client.getSnapshot(new SnapshotId("bad/../x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.getExecution("../maintenance"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RestoreOptions(false, false, true, false))
        .hasMessageContaining("no_reboot is only relevant when restore_certificates");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  @DisplayName("§9.17 postgresql_password in execution parameters is not retained")
  void executionParametersSecretsDropped() {
    server.enqueue(json(201, fixture("execution-create-201.json")));
    Execution e =
        client.createSnapshot(SnapshotId.of("nightly-2024-08-12"), CreateOptions.defaults());

    assertThat(e.toString()).doesNotContain("pg-Sup3rSecret-42").doesNotContain("postgresql");
    assertThat(e.safeParameters())
        .doesNotContainKey("config")
        .containsEntry("snapshot_id", "nightly-2024-08-12")
        .containsEntry("include_logs", "true");
    assertThat(e.safeParameters().values()).noneMatch(v -> v.contains("pg-Sup3rSecret-42"));
  }

  @Test
  @DisplayName("§9.18 timestamps with ms and Z; null started_at/ended_at")
  void timestamps() {
    server.enqueue(json(201, fixture("execution-create-201.json")));
    Execution e =
        client.createSnapshot(SnapshotId.of("nightly-2024-08-12"), CreateOptions.defaults());
    assertThat(e.createdAt()).isEqualTo(Instant.parse("2024-08-12T02:00:01.498Z"));
    assertThat(e.createdAt().toEpochMilli() % 1000).isEqualTo(498);
    assertThat(e.startedAt()).isNull();
    assertThat(e.endedAt()).isNull();
  }

  @Test
  @DisplayName("§9.19 failed snapshot cannot be downloaded: 400 snapshot_action_error, not retried")
  void failedSnapshotDownload() {
    server.enqueue(
        json(
            400,
            TestSupport.error("snapshot_action_error", "Failed snapshot cannot be downloaded")));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    assertThatThrownBy(() -> client.downloadSnapshot(SnapshotId.of("broken-1"), out))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_ACTION);
              assertThat(e.request()).isEqualTo("GET /api/v3.1/snapshots/broken-1/archive");
            });
    assertThat(out.size()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("§9.20 non-sys_admin gets 403 forbidden_error")
  void forbidden() {
    server.enqueue(
        json(
            403,
            TestSupport.error(
                "forbidden_error",
                "User `bob` is not permitted to perform the action snapshot_create in the tenant `default_tenant`")));
    assertThatThrownBy(() -> client.createSnapshot(SnapshotId.of("s1"), CreateOptions.defaults()))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("not permitted");
  }

  @Test
  @DisplayName("Tenant header and Basic auth go on ordinary calls")
  void tenantAndAuthHeaders() {
    server.enqueue(json(200, fixture("snapshot-created.json")));
    Snapshot s = client.getSnapshot(SnapshotId.of("nightly-2024-08-12"));
    assertThat(s.visibility()).isEqualTo("private");
    assertThat(s.createdBy()).isEqualTo("admin");
    RecordedRequest r = take(server);
    assertThat(r.getHeader("Tenant")).isEqualTo("default_tenant");
    assertThat(r.getHeader("Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("admin", TestSupport.PASSWORD));
    assertThat(r.getHeader("Content-Type")).isNull();
  }
}
