package io.cfychatops.cloudify;

/** 403: missing permission (snapshot actions need sys_admin) or unknown tenant. */
public class ForbiddenException extends CloudifyException {
  public ForbiddenException(int httpStatus, String errorCode, String message, String request) {
    super(httpStatus, errorCode, message, request);
  }
}
