package io.cfychatops.app;

import io.cfychatops.cloudify.BadRequestException;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.ConflictException;
import io.cfychatops.cloudify.ForbiddenException;
import io.cfychatops.cloudify.MaintenanceModeException;
import io.cfychatops.cloudify.NotFoundException;
import io.cfychatops.cloudify.ProxyErrorException;
import io.cfychatops.cloudify.TransportException;
import io.cfychatops.cloudify.UnauthorizedException;
import io.cfychatops.ops.ManagerPort.Failure;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.text.Redactor;

/**
 * The client's exception family mapped to the port's failures, once, for {@link
 * CloudifyManagerPort}.
 */
final class CloudifyFailures {
  private CloudifyFailures() {}

  /** One mapping from the client's exception family to ops failures. */
  static ManagerCallException map(CloudifyException e) {
    Failure f;
    if (e instanceof TransportException) {
      f = Failure.TRANSPORT;
    } else if (e instanceof ProxyErrorException) {
      f = Failure.PROXY;
    } else if (e instanceof MaintenanceModeException) {
      f = Failure.MAINTENANCE;
    } else if (e instanceof NotFoundException) {
      f = Failure.NOT_FOUND;
    } else if (e instanceof ConflictException) {
      f = Failure.CONFLICT;
    } else if (e instanceof UnauthorizedException || e instanceof ForbiddenException) {
      f = Failure.UNAUTHORIZED;
    } else if (e instanceof BadRequestException || e.httpStatus() == 400) {
      f = Failure.BAD_REQUEST;
    } else if (e.httpStatus() == 429
        || e.httpStatus() == 502
        || e.httpStatus() == 503
        || e.httpStatus() == 504) {
      f = Failure.PROXY;
    } else {
      f = Failure.SERVER;
    }
    String msg =
        e.serverMessage() == null || e.serverMessage().isBlank()
            ? e.getMessage()
            : e.httpStatus() + " " + e.serverMessage();
    String detail =
        e.serverMessage() == null || e.serverMessage().isBlank()
            ? e.getMessage()
            : e.serverMessage();
    return new ManagerCallException(
        f,
        e.errorCode(),
        Redactor.redact(msg),
        null,
        null,
        e.httpStatus(),
        Redactor.redact(detail));
  }
}
