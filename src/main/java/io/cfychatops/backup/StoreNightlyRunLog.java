package io.cfychatops.backup;

import io.cfychatops.store.NightlyResult;
import io.cfychatops.store.NightlyRun;
import io.cfychatops.store.NightlyRunRepository;
import io.cfychatops.store.NightlyStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link NightlyRunLog} on {@code store.NightlyRunRepository}: the unique key on {@code (manager,
 * slot_at)} makes {@link #tryClaim} exactly-once across replicas sharing the database.
 *
 * <p>The table has no "kind" column: manual runs are recorded with {@code claimed_by} prefixed
 * {@value #MANUAL_PREFIX}, catch-up runs with {@code catch_up = true}.
 */
public final class StoreNightlyRunLog implements NightlyRunLog {
  static final String MANUAL_PREFIX = "manual:";
  private static final int HISTORY_ROWS = 500;

  private final NightlyRunRepository repo;

  public StoreNightlyRunLog(NightlyRunRepository repo) {
    this.repo = Objects.requireNonNull(repo, "repo");
  }

  @Override
  public boolean tryClaim(
      String manager, Instant slot, RunRecord.Kind kind, String owner, Instant now) {
    String by = (kind == RunRecord.Kind.MANUAL ? MANUAL_PREFIX : "") + (owner == null ? "" : owner);
    return repo.tryClaim(manager, slot, now, kind == RunRecord.Kind.CATCH_UP, by).isPresent();
  }

  @Override
  public void finish(String manager, Instant slot, RunRecord.Outcome outcome, String snapshotId,
      String detail, Instant now) {
    NightlyRun run = repo.find(manager, slot).orElseThrow(() -> new BackupException(
        "No run of " + manager + " claimed for slot " + slot));
    NightlyResult result = outcome == RunRecord.Outcome.SUCCEEDED
        ? new NightlyResult(NightlyStatus.SUCCEEDED, snapshotId, null, null, true, null)
        : NightlyResult.failed(snapshotId, detail);
    repo.finish(run.id(), result, now);
  }

  @Override
  public List<RunRecord> history(String manager, Instant since) {
    return repo.history(manager, HISTORY_ROWS).stream()
        .filter(r -> !r.startedAt().isBefore(since))
        .map(StoreNightlyRunLog::map)
        .toList();
  }

  private static RunRecord map(NightlyRun r) {
    String by = r.claimedBy() == null ? "" : r.claimedBy();
    RunRecord.Kind kind = by.startsWith(MANUAL_PREFIX) ? RunRecord.Kind.MANUAL
        : r.catchUp() ? RunRecord.Kind.CATCH_UP : RunRecord.Kind.SCHEDULED;
    RunRecord.Outcome outcome = switch (r.status()) {
      case RUNNING -> RunRecord.Outcome.RUNNING;
      case SUCCEEDED -> RunRecord.Outcome.SUCCEEDED;
      case FAILED, SKIPPED -> RunRecord.Outcome.FAILED;
    };
    return new RunRecord(r.manager(), r.slotAt(), kind,
        by.startsWith(MANUAL_PREFIX) ? by.substring(MANUAL_PREFIX.length()) : by, r.startedAt(),
        r.finishedAt(), outcome, r.snapshotId(), r.error());
  }
}
