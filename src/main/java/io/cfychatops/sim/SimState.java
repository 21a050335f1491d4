package io.cfychatops.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Everything the simulated manager remembers. Every method is {@code synchronized}; callers pass
 * {@code now} and time-driven changes are applied lazily by {@link #advance(Instant)}, which
 * replays every transition due up to {@code now} in time order.
 */
final class SimState {
  static final List<String> SNAPSHOT_FIELDS = List.of("id", "created_at", "status", "error",
      "visibility", "tenant_name", "created_by", "resource_availability", "private_resource");
  static final List<String> EXECUTION_FIELDS = List.of("id", "workflow_id", "status",
      "status_display", "error", "is_system_workflow", "parameters", "created_at", "started_at",
      "ended_at", "scheduled_for", "deployment_id", "deployment_display_name", "blueprint_id",
      "is_dry_run", "resume", "allow_custom_parameters", "total_operations", "finished_operations",
      "visibility", "tenant_name", "created_by", "resource_availability", "private_resource");
  static final List<String> TOKEN_FIELDS = List.of("id", "value", "username", "role",
      "expiration_date", "last_used", "description");
  static final Set<String> ACTIVE = Set.of("pending", "started", "cancelling", "force_cancelling",
      "kill_cancelling");
  static final Set<String> END = Set.of("terminated", "failed", "cancelled");
  private static final int TOTAL_OPERATIONS = 10;

  final SimulatorConfig cfg;
  private final Random random;
  private final Path storageDir;
  private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
  private final Map<String, Execution> executions = new LinkedHashMap<>();
  private final Map<String, Token> tokens = new LinkedHashMap<>();
  private final Deque<String> createFailures = new ArrayDeque<>();
  private final Deque<String> restoreFailures = new ArrayDeque<>();
  private double createFailureRate;
  private double restoreFailureRate;

  private String maintenanceStatus = "deactivated";
  private Instant maintenanceActivatedAt;
  private Instant maintenanceRequestedAt;
  private String maintenanceRequestedBy = "";

  private Execution lastRestore;
  private Instant restoreOutageStart;
  private Instant restoreOutageEnd;
  private OutageMode restoreOutageMode;
  private Instant manualOutageEnd;
  private OutageMode manualOutageMode;

  SimState(SimulatorConfig cfg, Path storageDir) {
    this.cfg = cfg;
    this.storageDir = storageDir;
    this.random = new Random(cfg.seed());
    this.createFailureRate = cfg.createFailureRate();
    this.restoreFailureRate = cfg.restoreFailureRate();
  }

  // ---------------------------------------------------------------- models

  static final class Snapshot {
    final String id;
    final Instant createdAt;
    final String tenant;
    final String createdBy;
    String status;
    String error = "";
    String executionId;
    Path archiveFile;
    Instant updateAt;
    String updateStatus;
    String updateError;

    Snapshot(String id, Instant createdAt, String tenant, String createdBy, String status) {
      this.id = id;
      this.createdAt = createdAt;
      this.tenant = tenant;
      this.createdBy = createdBy;
      this.status = status;
    }

    Map<String, Object> json() {
      return Json.obj("id", id, "created_at", Json.timestamp(createdAt), "status", status,
          "error", error, "visibility", "private", "tenant_name", tenant, "created_by", createdBy,
          "resource_availability", "private", "private_resource", true);
    }
  }

  static final class Execution {
    final String id;
    final String workflowId;
    final Instant createdAt;
    final String tenant;
    final String createdBy;
    final boolean system;
    final String deploymentId;
    final Map<String, Object> parameters;
    final Duration runDuration;
    final String failWith;
    final String snapshotId;
    String status;
    String error;
    Instant startedAt;
    Instant endedAt;
    Instant nextAt;

    Execution(String id, String workflowId, Instant createdAt, String tenant, String createdBy,
        boolean system, String deploymentId, Map<String, Object> parameters, Duration runDuration,
        String failWith, String snapshotId) {
      this.id = id;
      this.workflowId = workflowId;
      this.createdAt = createdAt;
      this.tenant = tenant;
      this.createdBy = createdBy;
      this.system = system;
      this.deploymentId = deploymentId;
      this.parameters = parameters;
      this.runDuration = runDuration;
      this.failWith = failWith;
      this.snapshotId = snapshotId;
    }

    boolean isActive() {
      return ACTIVE.contains(status);
    }

    boolean isRunning() {
      return !END.contains(status);
    }

    Map<String, Object> json(Instant now) {
      Integer total = null;
      Integer finished = null;
      if (startedAt != null) {
        total = TOTAL_OPERATIONS;
        if (endedAt != null) {
          finished = "terminated".equals(status) ? TOTAL_OPERATIONS : TOTAL_OPERATIONS / 2;
        } else {
          long run = Math.max(1, runDuration.toMillis());
          long done = Duration.between(startedAt, now).toMillis();
          finished = (int) Math.min(TOTAL_OPERATIONS - 1, TOTAL_OPERATIONS * done / run);
        }
      }
      return Json.obj("id", id, "workflow_id", workflowId, "status", status,
          "status_display", "terminated".equals(status) ? "completed" : status, "error", error,
          "is_system_workflow", system, "parameters", parameters,
          "created_at", Json.timestamp(createdAt), "started_at", Json.timestamp(startedAt),
          "ended_at", Json.timestamp(endedAt), "scheduled_for", null, "deployment_id", deploymentId,
          "deployment_display_name", deploymentId, "blueprint_id", null, "is_dry_run", false,
          "resume", false, "allow_custom_parameters", system, "total_operations", total,
          "finished_operations", finished, "visibility", "tenant", "tenant_name", tenant,
          "created_by", createdBy, "resource_availability", "tenant", "private_resource", false);
    }

    /** The Snapshot-field subset the restore endpoint marshals its execution with (§3.7). */
    Map<String, Object> snapshotShaped() {
      return Json.obj("id", id, "status", status, "error", error,
          "created_at", Json.timestamp(createdAt), "visibility", "tenant", "tenant_name", tenant,
          "created_by", createdBy, "resource_availability", "tenant", "private_resource", false);
    }
  }

  record Token(String id, String secret, String username, String role, Instant expiresAt,
      String description) {
    Map<String, Object> json(boolean revealSecret) {
      return Json.obj("id", id, "value", "ctok-" + id + "-" + (revealSecret ? secret : "********"),
          "username", username, "role", role, "expiration_date", Json.timestamp(expiresAt),
          "last_used", null, "description", description);
    }
  }

  // ---------------------------------------------------------------- time

  /** Applies every transition due at or before {@code now}, earliest first. */
  synchronized void advance(Instant now) {
    while (true) {
      Instant next = null;
      for (Execution e : executions.values()) {
        if (e.nextAt != null && (next == null || e.nextAt.isBefore(next))) {
          next = e.nextAt;
        }
      }
      for (Snapshot s : snapshots.values()) {
        if (s.updateAt != null && (next == null || s.updateAt.isBefore(next))) {
          next = s.updateAt;
        }
      }
      if (next == null || next.isAfter(now)) {
        break;
      }
      final Instant t = next;
      for (Execution e : new ArrayList<>(executions.values())) {
        if (t.equals(e.nextAt)) {
          step(e, t);
        }
      }
      for (Snapshot s : snapshots.values()) {
        if (t.equals(s.updateAt)) {
          s.status = s.updateStatus;
          s.error = s.updateError;
          s.updateAt = null;
        }
      }
      startQueued(t);
    }
    if ("activating".equals(maintenanceStatus) && runningExecutions().isEmpty()) {
      maintenanceStatus = "activated";
      maintenanceActivatedAt = now;
    }
  }

  private void step(Execution e, Instant t) {
    switch (e.status) {
      case "pending" -> {
        e.status = "started";
        e.startedAt = t;
        e.nextAt = t.plus(e.runDuration);
      }
      case "started" -> finish(e, t, e.failWith == null ? "terminated" : "failed", e.failWith);
      case "cancelling", "force_cancelling", "kill_cancelling" -> finish(e, t, "cancelled", "");
      default -> e.nextAt = null;
    }
  }

  private void finish(Execution e, Instant t, String status, String error) {
    e.status = status;
    e.error = error == null ? "" : error;
    e.endedAt = t;
    e.nextAt = null;
    if ("create_snapshot".equals(e.workflowId)) {
      Snapshot s = snapshots.get(e.snapshotId);
      if (s != null && s.executionId != null && s.executionId.equals(e.id)) {
        String to = "terminated".equals(status) ? "created" : "failed";
        String snapError = "terminated".equals(status) ? ""
            : "cancelled".equals(status) ? "Snapshot creation was cancelled" : e.error;
        if (cfg.snapshotUpdateLag().isZero()) {
          // as a 7.x manager: the workflow writes the snapshot status, then the execution ends (both
          // under this lock, so no reader sees the execution ended and the snapshot still creating)
          s.status = to;
          s.error = snapError;
        } else { // fault knob: the status lands a moment after the execution ended
          s.updateAt = t.plus(cfg.snapshotUpdateLag());
          s.updateStatus = to;
          s.updateError = snapError;
        }
      }
    } else if ("restore_snapshot".equals(e.workflowId) && "terminated".equals(status)) {
      if (cfg.dropRestoredSnapshot()) {
        snapshots.remove(e.snapshotId);
      }
      if (cfg.invalidateTokensOnRestore()) {
        tokens.clear();
      }
    }
  }

  private void startQueued(Instant t) {
    if (executions.values().stream().anyMatch(Execution::isActive)) {
      return;
    }
    for (Execution e : executions.values()) {
      if ("queued".equals(e.status)) {
        e.status = "pending";
        e.nextAt = t.plus(cfg.pendingDuration());
        return;
      }
    }
  }

  // ---------------------------------------------------------------- snapshots

  synchronized List<Map<String, Object>> snapshotItems() {
    return snapshots.values().stream().map(Snapshot::json).toList();
  }

  synchronized Snapshot snapshot(String id) {
    Snapshot s = snapshots.get(id);
    if (s == null) {
      throw ApiError.notFound("Snapshot", id);
    }
    return s;
  }

  synchronized Map<String, Object> createSnapshot(String id, String user, Instant now,
      boolean includeCredentials, boolean includeLogs, boolean includeEvents, boolean queue,
      boolean legacy, Object tempdirPath) {
    if (snapshots.containsKey(id)) {
      throw new ApiError(409, "conflict_error", "<Snapshot id=`" + id + "` tenant=`" + cfg.tenant()
          + "`> already exists on <Tenant name=`" + cfg.tenant() + "`> or with global visibility");
    }
    boolean queued = false;
    List<String> active = executions.values().stream().filter(Execution::isActive)
        .map(e -> e.id).toList();
    if (legacy && !active.isEmpty()) {
      if (!queue) {
        throw runningExecutionError(active);
      }
      queued = true;
    }
    String failure = !createFailures.isEmpty() ? createFailures.poll()
        : random.nextDouble() < createFailureRate
            ? "Snapshot creation failed: simulated failure (error rate " + createFailureRate + ")"
            : null;
    Map<String, Object> params = Json.obj("snapshot_id", id,
        "include_credentials", includeCredentials, "include_logs", includeLogs,
        "include_events", includeEvents, "tempdir_path", tempdirPath, "legacy", legacy,
        "listener_timeout", null, "config", dbConfig());
    Execution e = newExecution("create_snapshot", now, user, true, null, params, cfg.runDuration(),
        failure, id, queued);
    Snapshot s = new Snapshot(id, now, cfg.tenant(), user, "creating");
    s.executionId = e.id;
    snapshots.put(id, s);
    return e.json(now);
  }

  synchronized Map<String, Object> deleteSnapshot(String id) {
    Snapshot s = snapshot(id);
    snapshots.remove(id);
    if (s.archiveFile != null) {
      try {
        Files.deleteIfExists(s.archiveFile);
      } catch (java.io.IOException ignored) {
        // best effort: a temp file
      }
    }
    return s.json();
  }

  /** Records an uploaded archive; returns the 201 body (all-null fields for an existing id). */
  synchronized Map<String, Object> uploaded(String id, Path file, String user, Instant now) {
    Snapshot existing = snapshots.get(id);
    if (existing != null) {
      existing.archiveFile = file;
      Map<String, Object> nulls = new LinkedHashMap<>();
      SNAPSHOT_FIELDS.forEach(f -> nulls.put(f, null));
      return nulls;
    }
    Snapshot s = new Snapshot(id, now, cfg.tenant(), user, "uploaded");
    s.archiveFile = file;
    snapshots.put(id, s);
    return s.json();
  }

  /** What to stream for a download: a file, or a generated archive. */
  synchronized Object archiveFor(String id) {
    Snapshot s = snapshot(id);
    if ("failed".equals(s.status)) {
      throw new ApiError(400, "snapshot_action_error", "Failed snapshot cannot be downloaded");
    }
    if (s.archiveFile != null) {
      return s.archiveFile;
    }
    if ("creating".equals(s.status)) {
      return null;
    }
    return new SnapshotArchive(s.id, s.executionId == null ? uuid() : s.executionId, s.tenant,
        s.createdBy, s.createdAt, cfg.archiveSize(), cfg.seed() ^ s.id.hashCode());
  }

  synchronized Map<String, Object> restore(String id, String user, Instant now, boolean force,
      boolean restoreCertificates, boolean noReboot, int timeout, Object ignorePluginFailure,
      OutageMode outageMode) {
    Snapshot s = snapshot(id);
    if ("failed".equals(s.status)) {
      throw new ApiError(400, "snapshot_action_error", "Failed snapshot cannot be restored");
    }
    List<String> active = executions.values().stream().filter(Execution::isActive)
        .map(e -> e.id).toList();
    if (!active.isEmpty()) {
      throw runningExecutionError(active);
    }
    String failure = !restoreFailures.isEmpty() ? restoreFailures.poll()
        : random.nextDouble() < restoreFailureRate
            ? "Snapshot restore failed: simulated failure (error rate " + restoreFailureRate + ")"
            : null;
    Map<String, Object> params = Json.obj("snapshot_id", id, "recreate_deployments_envs", true,
        "config", dbConfig(), "force", force, "timeout", timeout, "premium_enabled", true,
        "user_is_bootstrap_admin", true, "restore_certificates", restoreCertificates,
        "no_reboot", noReboot, "ignore_plugin_failure", ignorePluginFailure);
    Execution e = newExecution("restore_snapshot", now, user, true, null, params,
        cfg.restoreRunDuration(), failure, id, false);
    lastRestore = e;
    if (!cfg.outageDuration().isZero()) {
      restoreOutageStart = now.plus(cfg.outageDelay());
      restoreOutageEnd = restoreOutageStart.plus(cfg.outageDuration());
      restoreOutageMode = outageMode;
    }
    return e.snapshotShaped();
  }

  /** {@code running} from a restore request until {@code postRestoreDelay} after it ends. */
  synchronized boolean restoreInProgress(Instant now) {
    if (lastRestore == null) {
      return false;
    }
    return lastRestore.endedAt == null
        || now.isBefore(lastRestore.endedAt.plus(cfg.postRestoreDelay()));
  }

  // ---------------------------------------------------------------- executions

  synchronized List<Map<String, Object>> executionItems(Instant now, boolean includeSystem) {
    return executions.values().stream().filter(e -> includeSystem || !e.system)
        .map(e -> e.json(now)).toList();
  }

  synchronized Map<String, Object> execution(String id, Instant now) {
    Execution e = executions.get(id);
    if (e == null) {
      throw ApiError.notFound("Execution", id);
    }
    return e.json(now);
  }

  synchronized Map<String, Object> cancel(String id, String action, Instant now) {
    Execution e = executions.get(id);
    if (e == null) {
      throw ApiError.notFound("Execution", id);
    }
    List<String> allowedFrom = switch (action) {
      case "cancel" -> List.of("pending", "started", "scheduled", "queued");
      case "force-cancel" -> List.of("pending", "started", "scheduled", "queued", "cancelling");
      case "kill" -> List.of("pending", "started", "scheduled", "queued", "cancelling",
          "force_cancelling", "kill_cancelling");
      default -> throw ApiError.badParameters("Unknown action: " + action
          + ". Valid actions are: ['cancel', 'force-cancel', 'kill', 'resume', 'force-resume']");
    };
    if (!allowedFrom.contains(e.status)) {
      throw new ApiError(400, "illegal_action_error",
          "Can't cancel execution " + id + " because it's in status " + e.status);
    }
    if ("queued".equals(e.status) || "scheduled".equals(e.status)) {
      finish(e, now, "cancelled", "");
    } else {
      e.status = switch (action) {
        case "cancel" -> "cancelling";
        case "force-cancel" -> "force_cancelling";
        default -> "kill_cancelling";
      };
      e.nextAt = now.plus(cfg.cancelDuration());
    }
    return e.json(now);
  }

  synchronized Map<String, Object> startWorkflow(String workflowId, String deploymentId,
      Duration runDuration, String failWith, Instant now) {
    return newExecution(workflowId, now, cfg.username(), false, deploymentId,
        Json.obj(), runDuration, failWith, null, false).json(now);
  }

  private Execution newExecution(String workflowId, Instant now, String user, boolean system,
      String deploymentId, Map<String, Object> params, Duration run, String failWith,
      String snapshotId, boolean queued) {
    Execution e = new Execution(uuid(), workflowId, now, cfg.tenant(), user, system, deploymentId,
        params, run, failWith, snapshotId);
    e.status = queued ? "queued" : "pending";
    e.nextAt = queued ? null : now.plus(cfg.pendingDuration());
    executions.put(e.id, e);
    return e;
  }

  private List<Execution> runningExecutions() {
    return executions.values().stream().filter(Execution::isRunning).toList();
  }

  private static ApiError runningExecutionError(List<String> ids) {
    return new ApiError(400, "existing_running_execution_error",
        "Cannot start execution because there are other executions running e.g.: "
            + String.join(", ", ids));
  }

  private Map<String, Object> dbConfig() {
    return Json.obj("file_server_root", "/opt/manager/resources", "created_status", "created",
        "failed_status", "failed", "postgresql_host", "postgresql.cluster.local",
        "postgresql_username", "cloudify", "postgresql_password", CloudifySimulator.LEAKED_DB_PASSWORD,
        "postgresql_db_name", "cloudify_db", "default_tenant_name", cfg.tenant(),
        "snapshot_restore_threads", 15);
  }

  // ---------------------------------------------------------------- maintenance

  synchronized String maintenanceStatus() {
    return maintenanceStatus;
  }

  synchronized Map<String, Object> maintenanceJson() {
    return switch (maintenanceStatus) {
      case "deactivated" -> Json.obj("status", "deactivated", "activated_at", "",
          "activation_requested_at", "", "remaining_executions", null, "requested_by", "");
      case "activating" -> Json.obj("status", "activating", "activated_at", null,
          "activation_requested_at", Json.timestamp(maintenanceRequestedAt),
          "remaining_executions", remainingExecutions(), "requested_by", maintenanceRequestedBy);
      default -> Json.obj("status", "activated",
          "activated_at", Json.timestamp(maintenanceActivatedAt),
          "activation_requested_at", Json.timestamp(maintenanceRequestedAt),
          "remaining_executions", null, "requested_by", maintenanceRequestedBy);
    };
  }

  private List<Object> remainingExecutions() {
    return runningExecutions().stream().map(e -> (Object) Json.obj("id", e.id, "status", e.status,
        "deployment_id", e.deploymentId, "workflow_id", e.workflowId)).toList();
  }

  /** Returns the 200 body, or {@code null} for 304 (already activating or activated). */
  synchronized Map<String, Object> activate(String user, Instant now) {
    if (!"deactivated".equals(maintenanceStatus)) {
      return null;
    }
    maintenanceRequestedAt = now;
    maintenanceRequestedBy = user;
    List<Object> remaining = remainingExecutions();
    if (remaining.isEmpty()) {
      maintenanceStatus = "activated";
      maintenanceActivatedAt = now;
    } else {
      maintenanceStatus = "activating";
      maintenanceActivatedAt = null;
    }
    Map<String, Object> body = maintenanceJson();
    // 6.0+ quirk: a trailing comma wraps the list in another list.
    body.put("remaining_executions", List.of(remaining));
    return body;
  }

  /** Returns the 200 body, or {@code null} for 304 (already deactivated). */
  synchronized Map<String, Object> deactivate(Instant now) {
    if ("deactivated".equals(maintenanceStatus)) {
      return null;
    }
    Map<String, Object> body = maintenanceJson();
    body.put("status", "deactivated");
    body.put("remaining_executions", null);
    maintenanceStatus = "deactivated";
    maintenanceActivatedAt = null;
    startQueued(now);
    return body;
  }

  // ---------------------------------------------------------------- tokens

  synchronized Map<String, Object> createToken(String user, String role, String description,
      Instant expiresAt) {
    Token t = new Token(randomString(10), randomString(32), user, role, expiresAt, description);
    tokens.put(t.id(), t);
    return t.json(true);
  }

  synchronized List<Map<String, Object>> tokenItems() {
    return tokens.values().stream().map(t -> t.json(false)).toList();
  }

  /** The token's user, or an {@link ApiError} 401. */
  synchronized Token checkToken(String value, Instant now) {
    String[] parts = value.split("-");
    if (parts.length != 3 || !"ctok".equals(parts[0])) {
      throw ApiError.unauthorized("Invalid token structure");
    }
    Token t = tokens.get(parts[1]);
    if (t == null || !t.secret().equals(parts[2])) {
      throw ApiError.unauthorized("Authentication failed for token");
    }
    if (t.expiresAt() != null && !now.isBefore(t.expiresAt())) {
      throw ApiError.unauthorized("Token is expired");
    }
    return t;
  }

  // ---------------------------------------------------------------- outages and knobs

  synchronized void outage(Instant now, Duration d, OutageMode mode) {
    manualOutageEnd = now.plus(d);
    manualOutageMode = mode;
  }

  /** The outage in force at {@code now}, or {@code null}. */
  synchronized OutageMode outageAt(Instant now) {
    if (manualOutageEnd != null && now.isBefore(manualOutageEnd)) {
      return manualOutageMode;
    }
    if (restoreOutageStart != null && !now.isBefore(restoreOutageStart)
        && now.isBefore(restoreOutageEnd)) {
      return restoreOutageMode;
    }
    return null;
  }

  synchronized void failNextCreate(String error) {
    createFailures.add(error);
  }

  synchronized void failNextRestore(String error) {
    restoreFailures.add(error);
  }

  synchronized void setCreateFailureRate(double rate) {
    createFailureRate = rate;
  }

  synchronized void setRestoreFailureRate(double rate) {
    restoreFailureRate = rate;
  }

  synchronized void seedSnapshot(String id, String status, String error, Instant createdAt) {
    Snapshot s = new Snapshot(id, createdAt, cfg.tenant(), cfg.username(), status);
    s.error = error == null ? "" : error;
    snapshots.put(id, s);
  }

  synchronized double nextRandom() {
    return random.nextDouble();
  }

  synchronized int nextInt(int bound) {
    return random.nextInt(bound);
  }

  Path storageDir() {
    return storageDir;
  }

  synchronized String uuid() {
    return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
  }

  private String randomString(int n) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
