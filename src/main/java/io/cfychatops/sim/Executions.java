package io.cfychatops.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executions table: running workflows (snapshot create and restore, workflows started by tests)
 * and historic ones (seeded or restored from an archive). Not thread-safe: {@link SimState} calls
 * it under its lock.
 */
final class Executions {
  static final List<String> FIELDS =
      List.of(
          "id",
          "workflow_id",
          "status",
          "status_display",
          "error",
          "is_system_workflow",
          "parameters",
          "created_at",
          "started_at",
          "ended_at",
          "scheduled_for",
          "deployment_id",
          "deployment_display_name",
          "blueprint_id",
          "is_dry_run",
          "resume",
          "allow_custom_parameters",
          "total_operations",
          "finished_operations",
          "visibility",
          "tenant_name",
          "created_by",
          "resource_availability",
          "private_resource");
  static final Set<String> ACTIVE =
      Set.of("pending", "started", "cancelling", "force_cancelling", "kill_cancelling");
  static final Set<String> END = Set.of("terminated", "failed", "cancelled");
  private static final int TOTAL_OPERATIONS = 10;

  /** One execution; mutable, guarded by {@link SimState}'s lock. */
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
    boolean dryRun;
    boolean allowCustomParameters;
    String status;
    String error;
    Instant startedAt;
    Instant endedAt;
    Instant nextAt;

    Execution(
        String id,
        String workflowId,
        Instant createdAt,
        String tenant,
        String createdBy,
        boolean system,
        String deploymentId,
        Map<String, Object> parameters,
        Duration runDuration,
        String failWith,
        String snapshotId) {
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
      this.allowCustomParameters = system;
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
      if (startedAt != null && runDuration != null) {
        total = TOTAL_OPERATIONS;
        if (endedAt != null) {
          finished = "terminated".equals(status) ? TOTAL_OPERATIONS : TOTAL_OPERATIONS / 2;
        } else {
          long run = Math.max(1, runDuration.toMillis());
          long done = Duration.between(startedAt, now).toMillis();
          finished = (int) Math.min(TOTAL_OPERATIONS - 1, TOTAL_OPERATIONS * done / run);
        }
      }
      return Json.obj(
          "id",
          id,
          "workflow_id",
          workflowId,
          "status",
          status,
          "status_display",
          "terminated".equals(status) ? "completed" : status,
          "error",
          error,
          "is_system_workflow",
          system,
          "parameters",
          parameters,
          "created_at",
          Json.timestamp(createdAt),
          "started_at",
          Json.timestamp(startedAt),
          "ended_at",
          Json.timestamp(endedAt),
          "scheduled_for",
          null,
          "deployment_id",
          deploymentId,
          "deployment_display_name",
          deploymentId,
          "blueprint_id",
          null,
          "is_dry_run",
          dryRun,
          "resume",
          false,
          "allow_custom_parameters",
          allowCustomParameters,
          "total_operations",
          total,
          "finished_operations",
          finished,
          "visibility",
          "tenant",
          "tenant_name",
          tenant,
          "created_by",
          createdBy,
          "resource_availability",
          "tenant",
          "private_resource",
          false);
    }

    /** The Snapshot-field subset the restore endpoint marshals its execution with (§3.7). */
    Map<String, Object> snapshotShaped() {
      return Json.obj(
          "id",
          id,
          "status",
          status,
          "error",
          error,
          "created_at",
          Json.timestamp(createdAt),
          "visibility",
          "tenant",
          "tenant_name",
          tenant,
          "created_by",
          createdBy,
          "resource_availability",
          "tenant",
          "private_resource",
          false);
    }

    /** The item a snapshot dump writes ({@code executions.dump()} {@code _include}). */
    Entity dumped(String statusAtDump) {
      return new Entity(
          EntityType.EXECUTIONS,
          tenant,
          null,
          null,
          Json.obj(
              "deployment_id",
              deploymentId,
              "workflow_id",
              workflowId,
              "parameters",
              parameters,
              "is_dry_run",
              dryRun,
              "allow_custom_parameters",
              allowCustomParameters,
              "status",
              statusAtDump,
              "created_by",
              createdBy,
              "created_at",
              Json.timestamp(createdAt),
              "id",
              id,
              "started_at",
              Json.timestamp(startedAt),
              "ended_at",
              Json.timestamp(endedAt),
              "error",
              error == null ? "" : error,
              "is_system_workflow",
              system));
    }
  }

  private final Map<String, Execution> table = new LinkedHashMap<>();

  Execution get(String id) {
    return table.get(id);
  }

  /** Every execution, oldest first. */
  List<Execution> all() {
    return new ArrayList<>(table.values());
  }

  List<Execution> running() {
    return table.values().stream().filter(Execution::isRunning).toList();
  }

  List<String> activeIds() {
    return table.values().stream().filter(Execution::isActive).map(e -> e.id).toList();
  }

  boolean anyActive() {
    return table.values().stream().anyMatch(Execution::isActive);
  }

  void add(Execution e) {
    table.put(e.id, e);
  }

  /** Removes every execution but those {@code keep} names (a clean restore target). */
  void retainOnly(Set<String> keep) {
    table.keySet().retainAll(keep);
  }

  /**
   * Starts cancelling {@code e} ({@code POST /executions/<id>} with an action, §4.3); returns true
   * when it ends at once (queued or scheduled), which the caller then finishes.
   */
  static boolean cancel(Execution e, String action, Instant now, Duration cancelDuration) {
    List<String> allowedFrom =
        switch (action) {
          case "cancel" -> List.of("pending", "started", "scheduled", "queued");
          case "force-cancel" -> List.of("pending", "started", "scheduled", "queued", "cancelling");
          case "kill" ->
              List.of(
                  "pending",
                  "started",
                  "scheduled",
                  "queued",
                  "cancelling",
                  "force_cancelling",
                  "kill_cancelling");
          default ->
              throw ApiError.badParameters(
                  "Unknown action: "
                      + action
                      + ". Valid actions are: ['cancel', 'force-cancel', 'kill', 'resume', 'force-resume']");
        };
    if (!allowedFrom.contains(e.status)) {
      throw new ApiError(
          400,
          "illegal_action_error",
          "Can't cancel execution " + e.id + " because it's in status " + e.status);
    }
    if ("queued".equals(e.status) || "scheduled".equals(e.status)) {
      return true;
    }
    e.status =
        switch (action) {
          case "cancel" -> "cancelling";
          case "force-cancel" -> "force_cancelling";
          default -> "kill_cancelling";
        };
    e.nextAt = now.plus(cancelDuration);
    return false;
  }

  /** The earliest pending transition, or {@code null}. */
  Instant nextTransition() {
    Instant next = null;
    for (Execution e : table.values()) {
      if (e.nextAt != null && (next == null || e.nextAt.isBefore(next))) {
        next = e.nextAt;
      }
    }
    return next;
  }

  /**
   * An execution as restored from a dump item: historic, not run by the simulator. In-progress
   * statuses become {@code cancelled} with the restore's error ({@code
   * restore_status_error_mapped}).
   */
  static Execution fromDump(Entity item, boolean restored) {
    Map<String, Object> f = item.fields();
    String status = String.valueOf(f.getOrDefault("status", "terminated"));
    String error = f.get("error") == null ? "" : String.valueOf(f.get("error"));
    if (restored && ACTIVE.contains(status)) {
      status = "cancelled";
      error = "Marked as cancelled by snapshot restore";
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> params =
        f.get("parameters") instanceof Map<?, ?> m ? (Map<String, Object>) m : Json.obj();
    Execution e =
        new Execution(
            String.valueOf(f.get("id")),
            item.text("workflow_id"),
            instant(f.get("created_at")),
            item.tenant(),
            item.text("created_by"),
            Boolean.TRUE.equals(f.get("is_system_workflow")),
            item.text("deployment_id"),
            params,
            null,
            null,
            null);
    e.status = status;
    e.error = error;
    e.startedAt = instant(f.get("started_at"));
    e.endedAt = instant(f.get("ended_at"));
    e.dryRun = Boolean.TRUE.equals(f.get("is_dry_run"));
    e.allowCustomParameters = Boolean.TRUE.equals(f.get("allow_custom_parameters"));
    return e;
  }

  private static Instant instant(Object ts) {
    if (ts == null) {
      return null;
    }
    try {
      return Instant.parse(String.valueOf(ts));
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
