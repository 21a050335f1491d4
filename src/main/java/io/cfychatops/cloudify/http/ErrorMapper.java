package io.cfychatops.cloudify.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.cloudify.BadRequestException;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.ConflictException;
import io.cfychatops.cloudify.ErrorCode;
import io.cfychatops.cloudify.ForbiddenException;
import io.cfychatops.cloudify.MaintenanceModeException;
import io.cfychatops.cloudify.NotFoundException;
import io.cfychatops.cloudify.ProxyErrorException;
import io.cfychatops.cloudify.ServerErrorException;
import io.cfychatops.cloudify.UnauthorizedException;
import io.cfychatops.json.Json;
import io.cfychatops.text.Redactor;
import io.cfychatops.text.Truncate;

/**
 * Maps a non-success HTTP response to the {@link CloudifyException} family. The only place that
 * does.
 */
final class ErrorMapper {

  static final int SNIPPET_LENGTH = 200;

  private ErrorMapper() {}

  static CloudifyException map(int code, String body, String request) {
    JsonNode n = Json.tryParse(body);
    String message;
    String errorCode;
    if (n != null && n.isObject() && (n.has("message") || n.has("error_code"))) {
      message = Json.text(n, "message");
      errorCode = Json.text(n, "error_code");
      if (message == null) {
        message = "HTTP " + code;
      }
    } else {
      String snippet = snippet(body);
      if (code >= 500 || code == 429) {
        return new ProxyErrorException(code, snippet, request);
      }
      message = snippet.isEmpty() ? "HTTP " + code + " with no body" : snippet;
      errorCode = null;
    }
    if (code == 401) {
      return new UnauthorizedException(code, errorCode, message, request);
    }
    if (code == 403) {
      return new ForbiddenException(code, errorCode, message, request);
    }
    if (code == 404) {
      return new NotFoundException(code, errorCode, message, request);
    }
    if (code == 409) {
      return new ConflictException(code, errorCode, message, request);
    }
    ErrorCode known = ErrorCode.fromWire(errorCode);
    if (known == ErrorCode.MAINTENANCE_MODE_ACTIVE
        || known == ErrorCode.ENTERING_MAINTENANCE_MODE) {
      return new MaintenanceModeException(code, errorCode, message, request);
    }
    if (code >= 500) {
      return new ServerErrorException(code, errorCode, message, request);
    }
    if (code >= 400) {
      return new BadRequestException(code, errorCode, message, request);
    }
    if (code >= 300 && code < 400) {
      return new CloudifyException(
          code,
          errorCode,
          "Unexpected redirect (HTTP "
              + code
              + "); if the manager requires SSL, use an https:// baseUrl",
          request);
    }
    return new CloudifyException(
        code, errorCode, "Unexpected HTTP " + code + ": " + message, request);
  }

  /** Tags stripped, whitespace collapsed, cut to {@value #SNIPPET_LENGTH} chars, redacted. */
  static String snippet(String body) {
    if (body == null) {
      return "";
    }
    String s = Truncate.oneLine(body.replaceAll("(?s)<[^>]{0,200}>", " "), SNIPPET_LENGTH + 1);
    return Redactor.redact(s);
  }
}
