package io.cfychatops.ops;

import io.cfychatops.cloudify.ExecutionStatus;
import io.cfychatops.cloudify.HealthStatus;
import io.cfychatops.cloudify.SnapshotStatus;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one port to a Cloudify Manager: the calls runbooks, the nightly backup and the chat core
 * (queries, preflight checks, App Home) make, in ops terms. The composition root adapts it to the
 * Cloudify client ({@code app.CloudifyManagerPort}); tests use {@code testing.FakeManager} or the
 * simulator.
 *
 * <p>Every method may throw {@link ManagerCallException}; nothing else. {@code manager} is the
 * configured manager name. Implementations never retry non-idempotent calls (create, restore,
 * upload, delete, maintenance changes).
 */
public interface ManagerPort {

  Optional<SnapshotInfo> getSnapshot(String manager, String snapshotId);

  /**
   * PUT /snapshots/id with the body {@code flags} give; with {@code queue} it may come back {@code
   * queued}.
   */
  ExecutionInfo createSnapshot(String manager, String snapshotId, CreateFlags flags);

  /**
   * GET /executions/id; {@code bypassMaintenance} sends {@code X-BYPASS-MAINTENANCE} (needed while
   * maintenance mode is activated).
   */
  ExecutionInfo getExecution(String manager, String executionId, boolean bypassMaintenance);

  /** Executions not in an end state, system workflows included. */
  List<ExecutionInfo> activeExecutions(String manager);

  /**
   * The newest {@code restore_snapshot} executions whose {@code snapshot_id} is {@code snapshotId}
   * (at most {@code limit}, newest first, any state), read with {@code X-BYPASS-MAINTENANCE}: a
   * restore runs in maintenance mode. How a resumed restore finds the execution its POST started.
   */
  List<ExecutionInfo> restoreExecutions(String manager, String snapshotId, int limit);

  /** POST /executions/id {"action":"cancel"}. */
  ExecutionInfo cancelExecution(String manager, String executionId);

  /** POST /snapshots/id/restore with the portable body; returns the execution id. */
  String restoreSnapshot(String manager, String snapshotId, RestoreFlags flags);

  /** Unauthenticated GET /snapshot-status: true while a restore is running. */
  boolean restoreRunning(String manager);

  MaintenanceInfo getMaintenance(String manager);

  /** POST /maintenance/activate; a 304 answers {@code changed=false}. */
  MaintenanceInfo activateMaintenance(String manager);

  MaintenanceInfo deactivateMaintenance(String manager);

  /** GET /version: the version and the edition. */
  ManagerVersion managerVersion(String manager);

  /** The version alone ({@link #managerVersion}). */
  default String version(String manager) {
    return managerVersion(manager).version();
  }

  /**
   * Rows {@code [offset, offset + size)} of the snapshot list sorted on the manager, with the total
   * the manager reports (all pages up to the last row asked for are read).
   */
  SnapshotPage snapshotPage(String manager, SnapshotQuery query);

  StatusInfo status(String manager);

  ClusterInfo clusterStatus(String manager);

  /** Streams the archive to {@code target} (the caller owns atomic rename). */
  ArchiveInfo downloadSnapshot(String manager, String snapshotId, Path target);

  void uploadSnapshot(String manager, String snapshotId, Path archive);

  void uploadSnapshotFromUrl(String manager, String snapshotId, String url);

  /** DELETE /snapshots/id; a snapshot that is not there fails with {@link Failure#NOT_FOUND}. */
  void deleteSnapshot(String manager, String snapshotId);

  /** Every snapshot whose id contains {@code search} (all pages; "" for all of them). */
  List<SnapshotInfo> listSnapshots(String manager, String search);

  /**
   * Streams the archive into {@code out} in constant memory, hashing while it reads; does not close
   * {@code out}.
   */
  ArchiveInfo downloadSnapshot(String manager, String snapshotId, OutputStream out);

  // ---- contents (restore preview, receipt, drills) -------------------------------------------

  /**
   * What the manager holds now, counted over REST per tenant and type ({@code GET
   * /summary/<type>?_target_field=tenant_name&_all_tenants=true}, or {@code _size=0} list totals
   * for management types), for the kinds {@link io.cfychatops.archive.EntityKind#comparable()}.
   * Read only; works in maintenance mode (bypass header) so a restore can be checked before it
   * ends.
   */
  ContentCounts contentCounts(String manager);

  /**
   * The error events of one execution ({@code GET /events?execution_id=ID&level=error}, cloudify
   * logs and failed task events), oldest first, at most {@code limit}: how a restore that ended
   * {@code terminated} tells which entities it failed to restore.
   */
  List<ExecutionError> executionErrors(String manager, String executionId, int limit);

  /**
   * A sample read of one entity ({@code GET /blueprints/<id>} or {@code /deployments/<id>} in
   * {@code tenant}): true when the manager serves it, false on 404.
   */
  boolean canRead(String manager, String tenant, SampleKind kind, String id);

  /**
   * Starts {@code install_new_agents} on one deployment of {@code tenant} ({@code POST
   * /executions}); not retried.
   */
  ExecutionInfo installNewAgents(String manager, String tenant, String deploymentId);

  // ---- values -------------------------------------------------------------------------------

  /**
   * Body of a snapshot create, as {@code cfy snapshots create} sends it: the three {@code
   * include_*} booleans and {@code queue} always; {@code tempdir_path}, {@code legacy} and {@code
   * listener_timeout} only when given (null: left to the manager). {@link #DEFAULT} (safety
   * snapshots) includes everything and queues when blocked.
   */
  record CreateFlags(
      boolean includeCredentials,
      boolean includeLogs,
      boolean includeEvents,
      boolean queue,
      String tempdirPath,
      Boolean legacy,
      Double listenerTimeout) {
    public static final CreateFlags DEFAULT = new CreateFlags(true, true, true, true);

    /** The manager's own defaults (everything included, not queued): the nightly backup's. */
    public static final CreateFlags MANAGER_DEFAULTS = new CreateFlags(true, true, true, false);

    public CreateFlags(
        boolean includeCredentials, boolean includeLogs, boolean includeEvents, boolean queue) {
      this(includeCredentials, includeLogs, includeEvents, queue, null, null, null);
    }
  }

  /**
   * Restore flags ({@code cfy snapshots restore -f --restore-certificates --no-reboot -i}), all
   * sent in the body.
   */
  record RestoreFlags(
      boolean force, boolean restoreCertificates, boolean noReboot, boolean ignorePluginFailure) {
    public static final RestoreFlags DEFAULT = new RestoreFlags(false, false, false, false);

    public RestoreFlags(boolean force, boolean restoreCertificates, boolean noReboot) {
      this(force, restoreCertificates, noReboot, false);
    }
  }

  /**
   * A snapshot row; whether it can be restored or downloaded is {@code status().isRestorable()}.
   * {@code createdAt}: the manager's {@code created_at} as an ISO-8601 instant, or null (part of an
   * approval's fingerprint). {@code createdBy}: the user who created it, or null.
   */
  record SnapshotInfo(
      String id, SnapshotStatus status, String error, String createdAt, String createdBy) {
    public SnapshotInfo {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(status, "status");
      error = error == null ? "" : error;
    }

    public SnapshotInfo(String id, SnapshotStatus status, String error, String createdAt) {
      this(id, status, error, createdAt, null);
    }

    public SnapshotInfo(String id, SnapshotStatus status, String error) {
      this(id, status, error, null, null);
    }

    /** {@link #createdAt()} as an instant, or null when the manager gave none. */
    public Instant createdInstant() {
      return createdAt == null ? null : Instant.parse(createdAt);
    }
  }

  /**
   * An execution without its parameters (they hold the DB password). {@code snapshotId} is the only
   * parameter kept; may be null.
   */
  record ExecutionInfo(
      String id, String workflowId, ExecutionStatus status, String error, String snapshotId) {
    public ExecutionInfo {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(status, "status");
      workflowId = workflowId == null ? "" : workflowId;
      error = error == null ? "" : error;
    }

    /** Success per the API notes: terminated and no error text. */
    public boolean succeeded() {
      return status == ExecutionStatus.TERMINATED && error.isBlank();
    }
  }

  /**
   * GET /maintenance. {@code changed=false} when the server answered 304. {@code unfinished}: the
   * executions that keep it {@code activating}; {@code requestedBy}, {@code requestedAt} and {@code
   * activatedAt} may be null.
   */
  record MaintenanceInfo(
      String status,
      List<ExecutionInfo> unfinished,
      boolean changed,
      String requestedBy,
      Instant requestedAt,
      Instant activatedAt) {
    public MaintenanceInfo {
      Objects.requireNonNull(status, "status");
      unfinished = List.copyOf(unfinished == null ? List.of() : unfinished);
    }

    public MaintenanceInfo(String status, List<ExecutionInfo> unfinished, boolean changed) {
      this(status, unfinished, changed, null, null, null);
    }

    /** The unfinished executions as short lines: id, workflow (when known), status. */
    public List<String> remainingExecutions() {
      return unfinished.stream()
          .map(
              e ->
                  e.id()
                      + (e.workflowId().isEmpty() ? "" : " " + e.workflowId())
                      + " "
                      + e.status().wireValue())
          .toList();
    }

    public boolean activated() {
      return status.equals("activated");
    }

    public boolean deactivated() {
      return status.equals("deactivated");
    }
  }

  /** GET /status: the health and each service, active or not, in the order the manager sent. */
  record StatusInfo(HealthStatus health, Map<String, Boolean> services) {
    public StatusInfo {
      Objects.requireNonNull(health, "health");
      services =
          Collections.unmodifiableMap(new LinkedHashMap<>(services == null ? Map.of() : services));
    }

    public boolean ok() {
      return health.isHealthy();
    }

    /** The services that are not active, sorted. */
    public List<String> inactiveServices() {
      return services.entrySet().stream()
          .filter(e -> !e.getValue())
          .map(Map.Entry::getKey)
          .sorted()
          .toList();
    }
  }

  /**
   * GET /version: {@code version} (e.g. 7.0.4) and {@code edition} (community, premium), or null.
   */
  record ManagerVersion(String version, String edition) {}

  /**
   * A page of the snapshot list: sorted by {@code sortBy} ({@code created_at}, {@code id}, ...),
   * {@code search} a substring of the id (null: all), {@code allTenants} across tenants.
   */
  record SnapshotQuery(
      String sortBy, boolean descending, String search, boolean allTenants, int offset, int size) {
    public SnapshotQuery {
      Objects.requireNonNull(sortBy, "sortBy");
      if (offset < 0 || size < 0) {
        throw new IllegalArgumentException(
            "offset and size must be >= 0, got " + offset + " and " + size);
      }
    }
  }

  /** Rows of a {@link SnapshotQuery} and the manager's total for the whole list. */
  record SnapshotPage(List<SnapshotInfo> items, long total) {
    public SnapshotPage {
      items = List.copyOf(items);
    }
  }

  /** GET /cluster-status reduced to what diagnosis needs. {@code overall}: OK, Degraded, Fail. */
  record ClusterInfo(String overall, java.util.Map<String, String> groups, List<NodeInfo> nodes) {
    public ClusterInfo {
      Objects.requireNonNull(overall, "overall");
      groups = java.util.Map.copyOf(groups == null ? java.util.Map.of() : groups);
      nodes = List.copyOf(nodes == null ? List.of() : nodes);
    }

    /** Status of a service group ({@code manager}, {@code db}, {@code broker}), or "". */
    public String group(String name) {
      return groups.getOrDefault(name, "");
    }

    public List<NodeInfo> managers() {
      return nodes.stream().filter(n -> n.group().equals("manager")).toList();
    }
  }

  /**
   * One node of one service group ({@code manager}, {@code db}, {@code broker}). {@code active} is
   * true for the node that acts as leader/active, false for a replica, null when unknown.
   */
  record NodeInfo(String group, String name, String status, Boolean active) {
    public NodeInfo {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(name, "name");
      status = status == null ? "" : status;
    }

    public boolean ok() {
      return status.equalsIgnoreCase("OK");
    }
  }

  /** What a download read: byte count and lowercase hex SHA-256. */
  record ArchiveInfo(long bytes, String sha256) {}

  /**
   * Entities per tenant and kind as the manager serves them over REST (management kinds under "").
   */
  record ContentCounts(Map<String, Map<io.cfychatops.archive.EntityKind, Long>> byTenant) {
    public ContentCounts {
      byTenant = Collections.unmodifiableMap(new LinkedHashMap<>(byTenant));
    }

    /** The count of {@code kind} in {@code tenant} ("" for management kinds), 0 when absent. */
    public long count(String tenant, io.cfychatops.archive.EntityKind kind) {
      Map<io.cfychatops.archive.EntityKind, Long> m = byTenant.get(tenant);
      Long n = m == null ? null : m.get(kind);
      return n == null ? 0 : n;
    }
  }

  /**
   * One error event of an execution, as the manager logged it ({@code message.text}, redacted by
   * callers before display), with its timestamp.
   */
  record ExecutionError(Instant at, String message) {
    public ExecutionError {
      Objects.requireNonNull(message, "message");
    }
  }

  /** What {@link #canRead} reads. */
  enum SampleKind {
    BLUEPRINT,
    DEPLOYMENT
  }

  /** Why a manager call failed, with what a caller should do about it. */
  enum Failure {
    /** Connection refused/reset, timeout: the manager may be restarting. */
    TRANSPORT(true),
    /** Non-JSON 502/503/504 from nginx: REST backend down or rate limited. */
    PROXY(true),
    /** 503 maintenance_mode_active / entering_maintenance_mode. */
    MAINTENANCE(true),
    NOT_FOUND(false),
    CONFLICT(false),
    BAD_REQUEST(false),
    UNAUTHORIZED(false),
    SERVER(false);

    private final boolean transientFailure;

    Failure(boolean transientFailure) {
      this.transientFailure = transientFailure;
    }

    /** True when the same call may succeed later without anything changing on our side. */
    public boolean isTransient() {
      return transientFailure;
    }
  }

  /** The single exception type of this port. Messages never contain execution parameters. */
  final class ManagerCallException extends RuntimeException {
    private final Failure failure;
    private final String errorCode;
    private final Duration retryAfter;
    private final int httpStatus;
    private final String detail;

    public ManagerCallException(
        Failure failure, String errorCode, String message, Duration retryAfter, Throwable cause) {
      this(failure, errorCode, message, retryAfter, cause, 0, null);
    }

    /**
     * @param httpStatus the manager's HTTP status, 0 when none arrived
     * @param detail what the manager said (or why no answer came), without status or request; null:
     *     the message
     */
    public ManagerCallException(
        Failure failure,
        String errorCode,
        String message,
        Duration retryAfter,
        Throwable cause,
        int httpStatus,
        String detail) {
      super(message, cause);
      this.failure = Objects.requireNonNull(failure, "failure");
      this.errorCode = errorCode == null ? "" : errorCode;
      this.retryAfter = retryAfter;
      this.httpStatus = httpStatus;
      this.detail = detail == null || detail.isBlank() ? message : detail;
    }

    public ManagerCallException(Failure failure, String errorCode, String message) {
      this(failure, errorCode, message, null, null);
    }

    public Failure failure() {
      return failure;
    }

    /** Cloudify {@code error_code}, or "" when the answer was not Cloudify JSON. */
    public String errorCode() {
      return errorCode;
    }

    /** What the server asked us to wait, if anything. */
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }

    public boolean isTransient() {
      return failure.isTransient();
    }

    /** The manager's HTTP status, or 0 when no answer arrived (or it is not known). */
    public int httpStatus() {
      return httpStatus;
    }

    /** What the manager said, or why no answer came, without status or request: for people. */
    public String detail() {
      return detail;
    }
  }
}
