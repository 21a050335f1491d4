package io.cfychatops.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The log lines of one restore execution, kept as events of that execution ({@code type
 * cloudify_log}, {@code logger ctx.<execution id>}) a millisecond apart from its start, and added
 * to the manager's events when the restore ends (after a clean target was reset, which would drop
 * them).
 */
final class RestoreLog {
  private final Executions.Execution execution;
  private final String tenant;
  private final List<Entity> lines = new ArrayList<>();

  RestoreLog(Executions.Execution execution, String tenant) {
    this.execution = execution;
    this.tenant = tenant;
  }

  void add(String level, String message) {
    Instant start = execution.startedAt == null ? execution.createdAt : execution.startedAt;
    String ts = Json.timestamp(start.plusMillis(lines.size() + 1L));
    lines.add(
        new Entity(
            EntityType.EVENTS,
            tenant,
            "executions",
            execution.id,
            Json.obj(
                "timestamp",
                ts,
                "reported_timestamp",
                ts,
                "workflow_id",
                execution.workflowId,
                "blueprint_id",
                null,
                "deployment_id",
                null,
                "deployment_display_name",
                null,
                "message",
                message,
                "error_causes",
                null,
                "event_type",
                null,
                "operation",
                null,
                "source_id",
                null,
                "target_id",
                null,
                "node_instance_id",
                null,
                "type",
                "cloudify_log",
                "logger",
                "ctx." + execution.id,
                "level",
                level,
                "manager_name",
                "manager-1",
                "agent_name",
                null)));
  }

  /** Logs the error that fails the execution and returns it. */
  String fail(String error) {
    add("error", "Snapshot restore failed: " + error);
    return error;
  }

  void flushTo(Content content) {
    lines.forEach(content::add);
    lines.clear();
  }
}
