package io.cfychatops.cloudify;

/** 5xx with a JSON body other than maintenance mode, usually 500 `internal_server_error`. */
public class ServerErrorException extends CloudifyException {
  public ServerErrorException(int httpStatus, String errorCode, String message, String request) {
    super(httpStatus, errorCode, message, request);
  }
}
