package io.cfychatops.core;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.cloudify.BadRequestException;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.ConflictException;
import io.cfychatops.cloudify.ForbiddenException;
import io.cfychatops.cloudify.MaintenanceModeException;
import io.cfychatops.cloudify.NotFoundException;
import io.cfychatops.cloudify.ProxyErrorException;
import io.cfychatops.cloudify.TransportException;
import io.cfychatops.cloudify.UnauthorizedException;
import io.cfychatops.command.Command;
import io.cfychatops.text.Redactor;

/** Turns a manager failure into one sentence that says what happened and what to do next. */
final class ManagerErrors {
  private ManagerErrors() {}

  /** The reply when {@code manager} refused or failed {@code cmd}: what, why, and the HTTP status. */
  static Message reply(String manager, Command cmd, CloudifyException e) {
    String what = Redactor.forDisplay(cmd.canonical());
    return Message.builder(Status.FAILED, "The manager " + manager + " refused or failed `" + what + "`")
        .line(explain(e))
        .context("HTTP " + (e.httpStatus() == 0 ? "-" : e.httpStatus()) + (e.errorCode() == null ? "" : " · " + e.errorCode()))
        .build();
  }

  static String explain(CloudifyException e) {
    String msg = e.serverMessage() == null || e.serverMessage().isBlank() ? e.getMessage() : e.serverMessage();
    if (e instanceof NotFoundException) {
      return "Not found: " + msg;
    }
    if (e instanceof ConflictException) {
      return "Conflict: " + msg + " Pick another id.";
    }
    if (e instanceof UnauthorizedException) {
      return "The bot's credentials were rejected (" + msg + "). If a restore just ran, the admin password or tokens may have changed.";
    }
    if (e instanceof ForbiddenException) {
      return "The bot's Cloudify user may not do this: " + msg;
    }
    if (e instanceof MaintenanceModeException x) {
      return (x.entering() ? "The manager is entering maintenance mode" : "The manager is in maintenance mode")
          + " and refused the call. `/cfy maintenance-mode status` shows why.";
    }
    if (e instanceof ProxyErrorException x) {
      return "The manager's web server answered HTTP " + x.httpStatus()
          + " without the REST service behind it (restarting, overloaded or rate-limited). Try again shortly.";
    }
    if (e instanceof TransportException) {
      return "Could not reach the manager: " + msg;
    }
    if (e instanceof BadRequestException) {
      return "The manager refused the request: " + msg;
    }
    return "The manager failed: " + msg;
  }
}
