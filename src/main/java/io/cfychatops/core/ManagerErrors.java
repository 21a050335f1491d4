package io.cfychatops.core;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.cloudify.ErrorCode;
import io.cfychatops.command.Command;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.text.Redactor;

/** Turns a manager failure into one sentence that says what happened and what to do next. */
final class ManagerErrors {
  private ManagerErrors() {}

  /**
   * The reply when {@code manager} refused or failed {@code cmd}: what, why, and the HTTP status.
   */
  static Message reply(String manager, Command cmd, ManagerCallException e) {
    String what = Redactor.forDisplay(cmd.canonical());
    return Message.builder(
            Status.FAILED, "The manager " + manager + " refused or failed `" + what + "`")
        .line(explain(e))
        .context(
            "HTTP "
                + (e.httpStatus() == 0 ? "-" : e.httpStatus())
                + (e.errorCode().isEmpty() ? "" : " · " + e.errorCode()))
        .build();
  }

  static String explain(ManagerCallException e) {
    String msg = e.detail();
    return switch (e.failure()) {
      case NOT_FOUND -> "Not found: " + msg;
      case CONFLICT -> "Conflict: " + msg + " Pick another id.";
      case UNAUTHORIZED ->
          e.httpStatus() == 403
              ? "The bot's Cloudify user may not do this: " + msg
              : "The bot's credentials were rejected ("
                  + msg
                  + "). If a restore just ran, the admin password or tokens may have changed.";
      case MAINTENANCE ->
          (ErrorCode.fromWire(e.errorCode()) == ErrorCode.ENTERING_MAINTENANCE_MODE
                  ? "The manager is entering maintenance mode"
                  : "The manager is in maintenance mode")
              + " and refused the call. `/cfy maintenance-mode status` shows why.";
      // a proxy answer carries no Cloudify error code; a JSON 502/503/504 is the manager's own
      // failure
      case PROXY ->
          e.errorCode().isEmpty()
              ? "The manager's web server answered HTTP "
                  + e.httpStatus()
                  + " without the REST service behind it (restarting, overloaded or rate-limited). Try again shortly."
              : "The manager failed: " + msg;
      case TRANSPORT -> "Could not reach the manager: " + msg;
      case BAD_REQUEST -> "The manager refused the request: " + msg;
      case SERVER -> "The manager failed: " + msg;
    };
  }
}
