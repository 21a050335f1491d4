package io.cfychatops.backup;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link NightlyRunLog} in memory: exactly-once within one process only. For tests, the console
 * demo and single-instance set-ups without a database.
 */
public final class InMemoryNightlyRunLog implements NightlyRunLog {
  private record Key(String manager, Instant slot) {}

  private final Map<Key, RunRecord> records = new ConcurrentHashMap<>();

  @Override
  public boolean tryClaim(
      String manager, Instant slot, RunRecord.Kind kind, String owner, Instant now) {
    RunRecord r = new RunRecord(manager, slot, kind, owner, now, null, RunRecord.Outcome.RUNNING,
        null, "");
    return records.putIfAbsent(new Key(manager, slot), r) == null;
  }

  @Override
  public void finish(String manager, Instant slot, RunRecord.Outcome outcome, String snapshotId,
      String detail, Instant now) {
    records.computeIfPresent(new Key(manager, slot), (k, r) -> new RunRecord(r.manager(), r.slot(),
        r.kind(), r.owner(), r.startedAt(), now, outcome, snapshotId, detail));
  }

  @Override
  public List<RunRecord> history(String manager, Instant since) {
    return records.values().stream()
        .filter(r -> r.manager().equals(manager) && !r.startedAt().isBefore(since))
        .sorted(Comparator.comparing(RunRecord::startedAt).reversed())
        .toList();
  }
}
