package io.cfychatops.sim;

import java.util.Map;

/** A Flask-style JSON error: thrown by handlers, rendered once by the server (§1.4). */
final class ApiError extends RuntimeException {
  final int status;
  final String errorCode;
  final boolean withTraceback;
  final String traceback;

  ApiError(int status, String errorCode, String message) {
    this(status, errorCode, message, true, null);
  }

  private ApiError(int status, String errorCode, String message, boolean withTraceback, String tb) {
    super(message, null, false, false);
    this.status = status;
    this.errorCode = errorCode;
    this.withTraceback = withTraceback;
    this.traceback = tb;
  }

  /** Pydantic validation errors carry no {@code server_traceback} key. */
  static ApiError validation(String message) {
    return new ApiError(400, "bad_parameters_error", message, false, null);
  }

  static ApiError badParameters(String message) {
    return new ApiError(400, "bad_parameters_error", message);
  }

  static ApiError notFound(String type, String id) {
    return new ApiError(
        404, "not_found_error", "Requested `" + type + "` with ID `" + id + "` was not found");
  }

  static ApiError unauthorized(String detail) {
    return new ApiError(401, "unauthorized_error", "User unauthorized: " + detail);
  }

  static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden_error", message);
  }

  static ApiError internal(String message, String traceback) {
    return new ApiError(500, "internal_server_error", message, true, traceback);
  }

  static ApiError maintenance(String errorCode) {
    return new ApiError(
        503,
        errorCode,
        "Your request was rejected since Cloudify manager is currently in maintenance mode",
        true,
        "NoneType: None\n");
  }

  Map<String, Object> body() {
    return withTraceback
        ? Json.obj("message", getMessage(), "error_code", errorCode, "server_traceback", traceback)
        : Json.obj("message", getMessage(), "error_code", errorCode);
  }
}
