package io.cfychatops.cloudify;

import io.cfychatops.text.Redactor;

/**
 * Base of every error thrown by {@link CloudifyClient}. Unchecked; mapped once, at the client edge.
 *
 * <p>Messages never contain credentials, tokens or query strings: the request is described by
 * method and path only ({@code GET /api/v3.1/snapshots/x}), and server text passes through {@link
 * Redactor}.
 */
public class CloudifyException extends RuntimeException {

  private final int httpStatus;
  private final String errorCode;
  private final String serverMessage;
  private final String request;

  /**
   * @param httpStatus 0 for transport failures
   * @param errorCode the server's {@code error_code}, or null
   * @param serverMessage what went wrong (server {@code message}, or a description)
   * @param request "METHOD /path", without query
   */
  public CloudifyException(
      int httpStatus, String errorCode, String serverMessage, String request, Throwable cause) {
    super(format(httpStatus, errorCode, serverMessage, request), cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.serverMessage = Redactor.redact(serverMessage);
    this.request = request;
  }

  public CloudifyException(int httpStatus, String errorCode, String serverMessage, String request) {
    this(httpStatus, errorCode, serverMessage, request, null);
  }

  private static String format(int status, String code, String message, String request) {
    StringBuilder sb = new StringBuilder(Redactor.redact(message == null ? "" : message));
    sb.append(" [");
    if (status > 0) {
      sb.append("HTTP ").append(status);
      if (code != null && !code.isEmpty()) {
        sb.append(' ').append(code);
      }
      sb.append(", ");
    }
    sb.append(request).append(']');
    return sb.toString();
  }

  /** HTTP status, or 0 when no response was received. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Raw {@code error_code}, or null. */
  public String errorCode() {
    return errorCode;
  }

  public ErrorCode code() {
    return ErrorCode.fromWire(errorCode);
  }

  /** The server's message (redacted), without the status/request suffix. */
  public String serverMessage() {
    return serverMessage;
  }

  /** "METHOD /path" of the failed request. */
  public String request() {
    return request;
  }
}
