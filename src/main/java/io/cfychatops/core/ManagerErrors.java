package io.cfychatops.core;

import io.cfychatops.cloudify.BadRequestException;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.ConflictException;
import io.cfychatops.cloudify.ForbiddenException;
import io.cfychatops.cloudify.MaintenanceModeException;
import io.cfychatops.cloudify.NotFoundException;
import io.cfychatops.cloudify.ProxyErrorException;
import io.cfychatops.cloudify.TransportException;
import io.cfychatops.cloudify.UnauthorizedException;

/** Turns a manager failure into one sentence that says what happened and what to do next. */
final class ManagerErrors {
  private ManagerErrors() {}

  static String explain(CloudifyException e) {
    String msg = e.serverMessage() == null || e.serverMessage().isBlank() ? e.getMessage() : e.serverMessage();
    return switch (e) {
      case NotFoundException x -> "Not found: " + msg;
      case ConflictException x -> "Conflict: " + msg + " Pick another id.";
      case UnauthorizedException x -> "The bot's credentials were rejected (" + msg + "). If a restore just ran, the admin password or tokens may have changed.";
      case ForbiddenException x -> "The bot's Cloudify user may not do this: " + msg;
      case MaintenanceModeException x -> (x.entering() ? "The manager is entering maintenance mode" : "The manager is in maintenance mode")
          + " and refused the call. `/cfy maintenance-mode status` shows why.";
      case ProxyErrorException x -> "The manager's web server answered HTTP " + x.httpStatus()
          + " without the REST service behind it (restarting, overloaded or rate-limited). Try again shortly.";
      case TransportException x -> "Could not reach the manager: " + msg;
      case BadRequestException x -> "The manager refused the request: " + msg;
      default -> "The manager failed: " + msg;
    };
  }
}
