package io.cfychatops.cloudify;

import java.util.Locale;

/** Overall health reported by {@code /status} and {@code /cluster-status}. */
public enum HealthStatus {
  OK,
  DEGRADED,
  FAIL,
  UNKNOWN;

  public boolean isHealthy() {
    return this == OK;
  }

  /**
   * Accepts {@code OK}, {@code Degraded}, {@code Fail} in any case, and the 4.x {@code running}.
   */
  public static HealthStatus fromWire(String wire) {
    if (wire == null) {
      return UNKNOWN;
    }
    return switch (wire.trim().toLowerCase(Locale.ROOT)) {
      case "ok", "running" -> OK;
      case "degraded" -> DEGRADED;
      case "fail", "failed" -> FAIL;
      default -> UNKNOWN;
    };
  }
}
