package io.cfychatops.cloudify;

/** 409 Conflict, e.g. creating a snapshot whose id already exists. */
public class ConflictException extends CloudifyException {
  public ConflictException(int httpStatus, String errorCode, String message, String request) {
    super(httpStatus, errorCode, message, request);
  }
}
