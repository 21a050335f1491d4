package io.cfychatops.cloudify;

import java.util.Locale;

/**
 * Maintenance mode status. {@code activating} flips to {@code activated} lazily (see {@link
 * MaintenanceState}).
 */
public enum MaintenanceStatus {
  DEACTIVATED,
  ACTIVATING,
  ACTIVATED,
  UNKNOWN;

  public static MaintenanceStatus fromWire(String wire) {
    if (wire == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(wire.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
