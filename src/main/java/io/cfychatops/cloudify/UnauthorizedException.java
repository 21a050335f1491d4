package io.cfychatops.cloudify;

/**
 * 401: wrong or missing credentials, expired or invalidated token (tokens stop working after a
 * legacy restore).
 */
public class UnauthorizedException extends CloudifyException {
  public UnauthorizedException(int httpStatus, String errorCode, String message, String request) {
    super(httpStatus, errorCode, message, request);
  }
}
