package io.cfychatops.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code /cfy backups status}: per manager the newest verified copy, RPO and next slot. */
public record StatusReport(Instant at, List<ManagerStatus> managers, Duration deadManAge) {
  public StatusReport {
    managers = List.copyOf(managers);
  }

  /**
   * @param newestVerified null when the manager has no verified copy
   * @param rpo age of the newest verified copy, null when there is none
   * @param nextRun when the next scheduled run is due
   */
  public record ManagerStatus(String manager, CatalogEntry newestVerified, Duration rpo,
      Instant nextRun, NightlySchedule schedule, boolean running) {}
}
