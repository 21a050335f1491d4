package io.cfychatops.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** {@code /cfy backups status}: per manager the newest verified copy, RPO and next slot. */
public record StatusReport(Instant at, List<ManagerStatus> managers, Duration deadManAge) {
  public StatusReport {
    managers = List.copyOf(managers);
  }

  /** The same report with the managers in {@code names} only (the ones the reader may view). */
  public StatusReport only(Collection<String> names) {
    return new StatusReport(
        at, managers.stream().filter(m -> names.contains(m.manager())).toList(), deadManAge);
  }

  /**
   * @param newestVerified null when the manager has no verified copy
   * @param rpo age of the newest verified copy, null when there is none
   * @param nextRun when the next scheduled run is due
   */
  public record ManagerStatus(
      String manager,
      CatalogEntry newestVerified,
      Duration rpo,
      Instant nextRun,
      NightlySchedule schedule,
      boolean running) {}
}
