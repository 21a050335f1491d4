package io.cfychatops.cloudify;

/**
 * 503 with JSON {@code maintenance_mode_active} or {@code entering_maintenance_mode}: the manager
 * rejects the request because of maintenance mode. Not retried: waiting will not help until an
 * operator deactivates it (or use the bypass header as sys_admin).
 */
public class MaintenanceModeException extends CloudifyException {
  public MaintenanceModeException(
      int httpStatus, String errorCode, String message, String request) {
    super(httpStatus, errorCode, message, request);
  }

  /** True while maintenance mode is still activating ({@code entering_maintenance_mode}). */
  public boolean entering() {
    return code() == ErrorCode.ENTERING_MAINTENANCE_MODE;
  }
}
