package io.cfychatops.cloudify;

/** 404 Not Found (`not_found_error`, or a non-JSON 404). */
public class NotFoundException extends CloudifyException {
  public NotFoundException(int httpStatus, String errorCode, String message, String request) {
    super(httpStatus, errorCode, message, request);
  }
}
