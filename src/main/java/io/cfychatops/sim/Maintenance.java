package io.cfychatops.sim;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Maintenance mode (§5): {@code deactivated → activating → activated}. Not thread-safe: {@link
 * SimState} calls it under its lock and passes the running executions in.
 */
final class Maintenance {
  private String status = "deactivated";
  private Instant activatedAt;
  private Instant requestedAt;
  private String requestedBy = "";

  String status() {
    return status;
  }

  /** Flips {@code activating} to {@code activated} once nothing runs. */
  void settle(List<Executions.Execution> running, Instant now) {
    if ("activating".equals(status) && running.isEmpty()) {
      status = "activated";
      activatedAt = now;
    }
  }

  Map<String, Object> json(List<Executions.Execution> running) {
    return switch (status) {
      case "deactivated" ->
          Json.obj(
              "status",
              "deactivated",
              "activated_at",
              "",
              "activation_requested_at",
              "",
              "remaining_executions",
              null,
              "requested_by",
              "");
      case "activating" ->
          Json.obj(
              "status",
              "activating",
              "activated_at",
              null,
              "activation_requested_at",
              Json.timestamp(requestedAt),
              "remaining_executions",
              remaining(running),
              "requested_by",
              requestedBy);
      default ->
          Json.obj(
              "status",
              "activated",
              "activated_at",
              Json.timestamp(activatedAt),
              "activation_requested_at",
              Json.timestamp(requestedAt),
              "remaining_executions",
              null,
              "requested_by",
              requestedBy);
    };
  }

  private static List<Object> remaining(List<Executions.Execution> running) {
    return running.stream()
        .map(
            e ->
                (Object)
                    Json.obj(
                        "id",
                        e.id,
                        "status",
                        e.status,
                        "deployment_id",
                        e.deploymentId,
                        "workflow_id",
                        e.workflowId))
        .toList();
  }

  /** Returns the 200 body, or {@code null} for 304 (already activating or activated). */
  Map<String, Object> activate(String user, Instant now, List<Executions.Execution> running) {
    if (!"deactivated".equals(status)) {
      return null;
    }
    requestedAt = now;
    requestedBy = user;
    if (running.isEmpty()) {
      status = "activated";
      activatedAt = now;
    } else {
      status = "activating";
      activatedAt = null;
    }
    Map<String, Object> body = json(running);
    // 6.0+ quirk: a trailing comma wraps the list in another list.
    body.put("remaining_executions", List.of(remaining(running)));
    return body;
  }

  /** Returns the 200 body, or {@code null} for 304 (already deactivated). */
  Map<String, Object> deactivate(List<Executions.Execution> running) {
    if ("deactivated".equals(status)) {
      return null;
    }
    Map<String, Object> body = json(running);
    body.put("status", "deactivated");
    body.put("remaining_executions", null);
    status = "deactivated";
    activatedAt = null;
    return body;
  }
}
