package io.cfychatops.cloudify;

/**
 * No usable HTTP response: connection refused or reset, timeout, TLS failure, or the body stream
 * broke. {@link #httpStatus()} is 0. Expected during a legacy restore and reboots.
 */
public class TransportException extends CloudifyException {
  public TransportException(String message, String request, Throwable cause) {
    super(0, null, message, request, cause);
  }
}
