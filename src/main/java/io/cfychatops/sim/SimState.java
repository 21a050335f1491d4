package io.cfychatops.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the simulated manager remembers, by area: snapshots, {@link Executions}, {@link
 * Tokens}, {@link Maintenance}, outages, and the manager's {@link Content}. Every method is {@code
 * synchronized} (one lock for every area: a step of one execution touches several); callers pass
 * {@code now}, and time-driven changes are applied lazily by {@link #advance(Instant)}, which
 * replays every transition due up to {@code now} in time order. Snapshot creation and restore, the
 * two operations that cross areas, are in {@link SnapshotState}.
 */
final class SimState {
  final SimulatorConfig cfg;
  final SimRandom random;
  final Path storageDir;
  final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
  final Executions executions = new Executions();
  final Tokens tokens = new Tokens();
  final Maintenance maintenance = new Maintenance();
  final Content content = new Content();
  final Deque<String> createFailures = new ArrayDeque<>();
  final Deque<String> restoreFailures = new ArrayDeque<>();
  final Set<String> restoreEntityFaults = new HashSet<>();
  double createFailureRate;
  double restoreFailureRate;
  RestoreTarget restoreTarget;
  String managerVersion;
  Executions.Execution lastRestore;
  final Outages outages = new Outages();
  private final SnapshotState snapshotOps;

  SimState(SimulatorConfig cfg, Path storageDir) {
    this.cfg = cfg;
    this.storageDir = storageDir;
    this.random = new SimRandom(cfg.seed());
    this.createFailureRate = cfg.createFailureRate();
    this.restoreFailureRate = cfg.restoreFailureRate();
    this.restoreTarget = cfg.restoreTarget();
    this.managerVersion = cfg.managerVersion();
    Instant start = cfg.clock().instant();
    ContentSeeder.Seed seed =
        ContentSeeder.seed(cfg.contentSize(), cfg.effectiveContentSeed(), start, cfg.username());
    content.resetToFresh(seed.entities());
    seed.executions().forEach(e -> executions.add(Executions.fromDump(e, false)));
    this.snapshotOps = new SnapshotState(this);
  }

  /** {@code rate} if within 0..1, else an {@link IllegalArgumentException} naming it. */
  static double rate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be within 0.0..1.0, got " + rate);
    }
    return rate;
  }

  // ---------------------------------------------------------------- time

  /** Applies every transition due at or before {@code now}, earliest first. */
  synchronized void advance(Instant now) {
    while (true) {
      Instant next = executions.nextTransition();
      for (Snapshot s : snapshots.values()) {
        if (s.updateAt != null && (next == null || s.updateAt.isBefore(next))) {
          next = s.updateAt;
        }
      }
      if (next == null || next.isAfter(now)) {
        break;
      }
      final Instant t = next;
      for (Executions.Execution e : executions.all()) {
        if (t.equals(e.nextAt)) {
          step(e, t);
        }
      }
      for (Snapshot s : snapshots.values()) {
        if (t.equals(s.updateAt)) {
          s.status = s.updateStatus;
          s.error = s.updateError;
          s.updateAt = null;
        }
      }
      startQueued(t);
    }
    maintenance.settle(executions.running(), now);
  }

  private void step(Executions.Execution e, Instant t) {
    switch (e.status) {
      case "pending" -> {
        e.status = "started";
        e.startedAt = t;
        e.nextAt = t.plus(e.runDuration);
      }
      case "started" -> finish(e, t, e.failWith == null ? "terminated" : "failed", e.failWith);
      case "cancelling", "force_cancelling", "kill_cancelling" -> finish(e, t, "cancelled", "");
      default -> e.nextAt = null;
    }
  }

  void finish(Executions.Execution e, Instant t, String status, String error) {
    if ("restore_snapshot".equals(e.workflowId) && "terminated".equals(status)) {
      String failure = snapshotOps.applyRestore(e, t);
      if (failure != null) {
        status = "failed";
        error = failure;
      }
    }
    e.status = status;
    e.error = error == null ? "" : error;
    e.endedAt = t;
    e.nextAt = null;
    if ("create_snapshot".equals(e.workflowId)) {
      snapshotOps.createEnded(e, t, status);
    } else if ("restore_snapshot".equals(e.workflowId) && "terminated".equals(status)) {
      if (cfg.dropRestoredSnapshot()) {
        snapshots.remove(e.snapshotId);
      }
      if (cfg.invalidateTokensOnRestore()) {
        tokens.clear();
      }
    }
  }

  void startQueued(Instant t) {
    if (executions.anyActive()) {
      return;
    }
    for (Executions.Execution e : executions.all()) {
      if ("queued".equals(e.status)) {
        e.status = "pending";
        e.nextAt = t.plus(cfg.pendingDuration());
        return;
      }
    }
  }

  // ---------------------------------------------------------------- snapshots

  synchronized List<Map<String, Object>> snapshotItems() {
    return snapshots.values().stream().map(Snapshot::json).toList();
  }

  synchronized Snapshot snapshot(String id) {
    Snapshot s = snapshots.get(id);
    if (s == null) {
      throw ApiError.notFound("Snapshot", id);
    }
    return s;
  }

  synchronized Map<String, Object> createSnapshot(
      String id, String user, Instant now, SnapshotState.CreateOptions options) {
    return snapshotOps.create(id, user, now, options);
  }

  synchronized Map<String, Object> deleteSnapshot(String id) {
    Snapshot s = snapshot(id);
    snapshots.remove(id);
    if (s.archiveFile != null) {
      try {
        Files.deleteIfExists(s.archiveFile);
      } catch (IOException ignored) {
        // best effort: a temp file
      }
    }
    return s.json();
  }

  /** Records an uploaded archive; returns the 201 body (all-null fields for an existing id). */
  synchronized Map<String, Object> uploaded(String id, Path file, String user, Instant now) {
    Snapshot existing = snapshots.get(id);
    if (existing != null) {
      existing.archiveFile = file;
      Map<String, Object> nulls = new LinkedHashMap<>();
      Snapshot.FIELDS.forEach(f -> nulls.put(f, null));
      return nulls;
    }
    Snapshot s = new Snapshot(id, now, cfg.tenant(), user, "uploaded");
    s.archiveFile = file;
    snapshots.put(id, s);
    return s.json();
  }

  /** What to stream for a download: a file, a generated archive, or null while creating. */
  synchronized Object archiveFor(String id) {
    return snapshotOps.archive(snapshot(id), true);
  }

  synchronized Map<String, Object> restore(
      String id, String user, Instant now, Map<String, Object> params, OutageMode outageMode) {
    return snapshotOps.restore(id, user, now, params, outageMode);
  }

  /** {@code running} from a restore request until {@code postRestoreDelay} after it ends. */
  synchronized boolean restoreInProgress(Instant now) {
    if (lastRestore == null) {
      return false;
    }
    return lastRestore.endedAt == null
        || now.isBefore(lastRestore.endedAt.plus(cfg.postRestoreDelay()));
  }

  /** Counts per scope and type of what snapshot {@code id} dumped (executions included). */
  synchronized Map<String, Map<String, Long>> dumpedCounts(String id) {
    Snapshot s = snapshot(id);
    if (s.dump == null) {
      throw new IllegalArgumentException("snapshot " + id + " was not created by this simulator");
    }
    return SnapshotState.counts(s.dump);
  }

  /** Writes snapshot {@code id}'s generated archive to {@code out}. */
  synchronized void writeArchive(String id, OutputStream out) throws IOException {
    Object a = snapshotOps.archive(snapshot(id), false);
    if (!(a instanceof SnapshotArchive archive)) {
      throw new IllegalArgumentException("snapshot " + id + " has no generated archive");
    }
    archive.writeTo(out);
  }

  // ---------------------------------------------------------------- executions

  synchronized List<Map<String, Object>> executionItems(
      Instant now, boolean includeSystem, String tenant) {
    return executions.all().stream()
        .filter(e -> includeSystem || !e.system)
        .filter(e -> tenant == null || tenant.equals(e.tenant))
        .map(e -> e.json(now))
        .toList();
  }

  synchronized Map<String, Object> execution(String id, Instant now) {
    Executions.Execution e = executions.get(id);
    if (e == null) {
      throw ApiError.notFound("Execution", id);
    }
    return e.json(now);
  }

  synchronized Map<String, Object> cancel(String id, String action, Instant now) {
    Executions.Execution e = executions.get(id);
    if (e == null) {
      throw ApiError.notFound("Execution", id);
    }
    if (Executions.cancel(e, action, now, cfg.cancelDuration())) {
      finish(e, now, "cancelled", "");
    }
    return e.json(now);
  }

  synchronized Map<String, Object> startWorkflow(
      String workflowId, String deploymentId, Duration runDuration, String failWith, Instant now) {
    return newExecution(
            workflowId,
            now,
            cfg.username(),
            false,
            deploymentId,
            Json.obj(),
            runDuration,
            failWith,
            null,
            false)
        .json(now);
  }

  Executions.Execution newExecution(
      String workflowId,
      Instant now,
      String user,
      boolean system,
      String deploymentId,
      Map<String, Object> params,
      Duration run,
      String failWith,
      String snapshotId,
      boolean queued) {
    Executions.Execution e =
        new Executions.Execution(
            uuid(),
            workflowId,
            now,
            cfg.tenant(),
            user,
            system,
            deploymentId,
            params,
            run,
            failWith,
            snapshotId);
    e.status = queued ? "queued" : "pending";
    e.nextAt = queued ? null : now.plus(cfg.pendingDuration());
    executions.add(e);
    return e;
  }

  // ---------------------------------------------------------------- maintenance

  synchronized String maintenanceStatus() {
    return maintenance.status();
  }

  synchronized Map<String, Object> maintenanceJson() {
    return maintenance.json(executions.running());
  }

  /** Returns the 200 body, or {@code null} for 304 (already activating or activated). */
  synchronized Map<String, Object> activate(String user, Instant now) {
    return maintenance.activate(user, now, executions.running());
  }

  /** Returns the 200 body, or {@code null} for 304 (already deactivated). */
  synchronized Map<String, Object> deactivate(Instant now) {
    Map<String, Object> body = maintenance.deactivate(executions.running());
    if (body != null) {
      startQueued(now);
    }
    return body;
  }

  // ---------------------------------------------------------------- tokens

  synchronized Map<String, Object> createToken(
      String user, String role, String description, Instant expiresAt) {
    return tokens.create(user, role, description, expiresAt, random::string);
  }

  synchronized List<Map<String, Object>> tokenItems() {
    return tokens.items();
  }

  /** The token's user, or an {@link ApiError} 401. */
  synchronized Tokens.Token checkToken(String value, Instant now) {
    return tokens.check(value, now);
  }

  // ---------------------------------------------------------------- outages and knobs

  synchronized void outage(Instant now, Duration d, OutageMode mode) {
    outages.manual(now, d, mode);
  }

  /** The outage in force at {@code now}, or {@code null}. */
  synchronized OutageMode outageAt(Instant now) {
    return outages.at(now);
  }

  synchronized void failNextCreate(String error) {
    createFailures.add(error);
  }

  synchronized void failNextRestore(String error) {
    restoreFailures.add(error);
  }

  synchronized void setCreateFailureRate(double rate) {
    createFailureRate = rate;
  }

  synchronized void setRestoreFailureRate(double rate) {
    restoreFailureRate = rate;
  }

  synchronized void failRestoreOf(EntityType type, String id) {
    restoreEntityFaults.add(type.dumpName + ":" + id);
  }

  synchronized void setRestoreTarget(RestoreTarget target) {
    restoreTarget = target;
  }

  synchronized void setManagerVersion(String version) {
    managerVersion = version;
  }

  synchronized String managerVersion() {
    return managerVersion;
  }

  synchronized void seedSnapshot(String id, String status, String error, Instant createdAt) {
    Snapshot s = new Snapshot(id, createdAt, cfg.tenant(), cfg.username(), status);
    s.error = error == null ? "" : error;
    snapshots.put(id, s);
  }

  /** Live counts per scope ({@code ""} = management) and dump type, executions included. */
  synchronized Map<String, Map<String, Long>> contentCounts() {
    Map<String, Map<String, Long>> counts = content.counts();
    for (Executions.Execution e : executions.all()) {
      counts
          .computeIfAbsent(e.tenant, t -> new java.util.TreeMap<>())
          .merge(EntityType.EXECUTIONS.dumpName, 1L, Long::sum);
    }
    return counts;
  }

  synchronized double nextRandom() {
    return random.nextDouble();
  }

  synchronized int nextInt(int bound) {
    return random.nextInt(bound);
  }

  String uuid() {
    return random.uuid();
  }
}
