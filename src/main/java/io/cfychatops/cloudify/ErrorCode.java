package io.cfychatops.cloudify;

/** Known {@code error_code} values of Cloudify error bodies (cloudify-api.md §1.4). */
public enum ErrorCode {
  BAD_PARAMETERS("bad_parameters_error"),
  NO_SUCH_INCLUDE_FIELD("no_such_include_field_error"),
  SNAPSHOT_ACTION("snapshot_action_error"),
  EXISTING_RUNNING_EXECUTION("existing_running_execution_error"),
  ILLEGAL_ACTION("illegal_action_error"),
  UNKNOWN_ACTION("unknown_action"),
  UNAUTHORIZED("unauthorized_error"),
  FORBIDDEN("forbidden_error"),
  NOT_FOUND("not_found_error"),
  MISSING_PREMIUM_PACKAGE("missing_premium_package_error"),
  COMMUNITY_ONLY("community_only_error"),
  METHOD_NOT_ALLOWED("method_not_allowed_error"),
  CONFLICT("conflict_error"),
  UNSUPPORTED_CONTENT_TYPE("unsupported_content_type_error"),
  INTERNAL_SERVER("internal_server_error"),
  MAINTENANCE_MODE_ACTIVE("maintenance_mode_active"),
  ENTERING_MAINTENANCE_MODE("entering_maintenance_mode"),
  IN_SNAPSHOT_RESTORE("in_snapshot_restore_error"),
  INSUFFICIENT_MEMORY("insufficient_memory_error"),
  SSL_REQUIRED("SSL_REQUIRED"),
  EXPIRED_LICENSE("expired_cloudify_license"),
  MISSING_LICENSE("missing_cloudify_license"),
  /** Not sent by the server: set by this client for 304 Not Modified. */
  NOT_MODIFIED("not_modified"),
  /** Absent, or a value this client does not know. */
  UNKNOWN("");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wireValue() {
    return wire;
  }

  public static ErrorCode fromWire(String wire) {
    if (wire == null || wire.isEmpty()) {
      return UNKNOWN;
    }
    for (ErrorCode c : values()) {
      if (c.wire.equals(wire)) {
        return c;
      }
    }
    return UNKNOWN;
  }
}
