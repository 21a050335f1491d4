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
  public boolean tryClaim(RunRecord claim) {
    return records.putIfAbsent(new Key(claim.manager(), claim.slot()), claim) == null;
  }

  @Override
  public boolean finish(RunRecord ended) {
    boolean[] done = {false};
    records.computeIfPresent(
        new Key(ended.manager(), ended.slot()),
        (k, r) -> {
          if (r.outcome().isFinal()) {
            return r;
          }
          done[0] = true;
          return new RunRecord(
              r.manager(),
              r.slot(),
              r.kind(),
              r.owner(),
              r.startedAt(),
              r.operationId(),
              ended.outcome(),
              ended.finishedAt(),
              ended.snapshotId(),
              ended.detail(),
              ended.bytes(),
              ended.sha256(),
              ended.verified(),
              ended.duration());
        });
    return done[0];
  }

  @Override
  public List<RunRecord> history(String manager, Instant since) {
    return records.values().stream()
        .filter(r -> r.manager().equals(manager) && !r.startedAt().isBefore(since))
        .sorted(Comparator.comparing(RunRecord::slot).reversed())
        .toList();
  }
}
