package io.cfychatops.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the report shows for one night (or one on-demand run): a row per manager.
 *
 * @param at when the report was made
 * @param onCallHandle user-group handle named on failures, or null
 */
public record NightReport(Instant at, List<Row> rows, String onCallHandle) {
  public NightReport {
    rows = List.copyOf(rows);
  }

  /**
   * @param rpo age of the newest verified copy, null when there is none
   * @param newestVerified the newest verified copy's snapshot id, or null
   * @param history one character per night, oldest first: ✅ succeeded, ❌ failed, ⬜ no run
   */
  public record Row(ManagerRun run, Duration rpo, String newestVerified, String history) {}

  public boolean allSucceeded() {
    return rows.stream().allMatch(r -> r.run().succeeded());
  }
}
