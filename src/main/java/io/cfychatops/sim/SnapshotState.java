package io.cfychatops.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Snapshot create and restore: the two operations that cross areas of {@link SimState} (snapshots,
 * executions, contents, tokens). Called only under {@link SimState}'s lock.
 *
 * <p>A create freezes what the dump holds ({@link DumpSpec}) when it is requested, so the archive
 * never changes afterwards. A restore reads the archive actually stored (uploaded or generated)
 * with {@link Restorer} when its execution ends, and records the restore's log lines as events of
 * its execution, shaped as {@code GET /events} serves them.
 */
final class SnapshotState {
  private static final Set<EntityType> RANDOM_FAULT_TYPES =
      Set.of(
          EntityType.BLUEPRINTS,
          EntityType.DEPLOYMENTS,
          EntityType.PLUGINS,
          EntityType.SITES,
          EntityType.USERS);

  /** The create body's options (§3.3). */
  record CreateOptions(
      boolean includeCredentials,
      boolean includeLogs,
      boolean includeEvents,
      boolean queue,
      boolean legacy,
      Object tempdirPath) {}

  private final SimState s;

  SnapshotState(SimState state) {
    this.s = state;
  }

  /** {@code dir}, created if needed, or a fresh temp directory when {@code null}. */
  static Path storageDir(Path dir) {
    try {
      if (dir == null) {
        Path tmp = Files.createTempDirectory("cfy-sim-");
        tmp.toFile().deleteOnExit();
        return tmp;
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create storage dir " + dir, e);
    }
  }

  Map<String, Object> create(String id, String user, Instant now, CreateOptions o) {
    SimulatorConfig cfg = s.cfg;
    if (s.snapshots.containsKey(id)) {
      throw new ApiError(
          409,
          "conflict_error",
          "<Snapshot id=`"
              + id
              + "` tenant=`"
              + cfg.tenant()
              + "`> already exists on <Tenant name=`"
              + cfg.tenant()
              + "`> or with global visibility");
    }
    boolean queued = false;
    List<String> active = s.executions.activeIds();
    if (o.legacy() && !active.isEmpty()) {
      if (!o.queue()) {
        throw runningExecutionError(active);
      }
      queued = true;
    }
    String failure =
        !s.createFailures.isEmpty()
            ? s.createFailures.poll()
            : s.random.nextDouble() < s.createFailureRate
                ? "Snapshot creation failed: simulated failure (error rate "
                    + s.createFailureRate
                    + ")"
                : null;
    Map<String, Object> params =
        Json.obj(
            "snapshot_id",
            id,
            "include_credentials",
            o.includeCredentials(),
            "include_logs",
            o.includeLogs(),
            "include_events",
            o.includeEvents(),
            "tempdir_path",
            o.tempdirPath(),
            "legacy",
            o.legacy(),
            "listener_timeout",
            null,
            "config",
            dbConfig());
    Executions.Execution e =
        s.newExecution(
            "create_snapshot",
            now,
            user,
            true,
            null,
            params,
            cfg.runDuration(),
            failure,
            id,
            queued);
    Snapshot snap = new Snapshot(id, now, cfg.tenant(), user, "creating");
    snap.executionId = e.id;
    snap.dump = dump(id, e.id, now, o.includeEvents(), o.includeLogs(), o.legacy());
    s.snapshots.put(id, snap);
    return e.json(now);
  }

  /** What a dump started now writes: the create execution is running while it dumps itself. */
  private DumpSpec dump(
      String id, String executionId, Instant now, boolean events, boolean logs, boolean legacy) {
    List<Entity> executions = new ArrayList<>();
    Set<String> appended = new HashSet<>();
    boolean selfSeen = false;
    for (Executions.Execution x : s.executions.all()) {
      boolean self = x.id.equals(executionId);
      selfSeen |= self;
      executions.add(x.dumped(self ? "started" : x.status));
      if (!self && x.isActive()) {
        appended.add(x.id);
      }
    }
    if (!selfSeen) { // a seeded snapshot: its create execution is in its dump, as on a manager
      executions.add(
          new Executions.Execution(
                  executionId,
                  "create_snapshot",
                  now,
                  s.cfg.tenant(),
                  s.cfg.username(),
                  true,
                  null,
                  Json.obj("snapshot_id", id),
                  null,
                  null,
                  id)
              .dumped("started"));
    }
    String version = s.cfg.snapshotVersion() == null ? s.managerVersion : s.cfg.snapshotVersion();
    return new DumpSpec(
        id,
        executionId,
        version,
        now,
        s.content.freeze(),
        executions,
        appended,
        events,
        logs,
        legacy,
        "premium".equals(s.cfg.edition()),
        s.cfg.auditDuplicates(),
        s.cfg.seed() ^ id.hashCode(),
        s.cfg.archiveSize());
  }

  void createEnded(Executions.Execution e, Instant t, String status) {
    Snapshot snap = s.snapshots.get(e.snapshotId);
    if (snap == null || snap.executionId == null || !snap.executionId.equals(e.id)) {
      return;
    }
    String to = "terminated".equals(status) ? "created" : "failed";
    String snapError =
        "terminated".equals(status)
            ? ""
            : "cancelled".equals(status) ? "Snapshot creation was cancelled" : e.error;
    if (s.cfg.snapshotUpdateLag().isZero()) {
      // as a 7.x manager: the workflow writes the snapshot status, then the execution ends (both
      // under this lock, so no reader sees the execution ended and the snapshot still creating)
      snap.status = to;
      snap.error = snapError;
    } else { // fault knob: the status lands a moment after the execution ended
      snap.updateAt = t.plus(s.cfg.snapshotUpdateLag());
      snap.updateStatus = to;
      snap.updateError = snapError;
    }
  }

  /**
   * The archive of {@code snap}: its uploaded file, its generated archive, or {@code null} while it
   * is being created. A failed snapshot has none ({@code forDownload}: 400 as the server says).
   */
  Object archive(Snapshot snap, boolean forDownload) {
    if (forDownload && "failed".equals(snap.status)) {
      throw new ApiError(400, "snapshot_action_error", "Failed snapshot cannot be downloaded");
    }
    if (snap.archiveFile != null) {
      return snap.archiveFile;
    }
    if ("creating".equals(snap.status)) {
      return null;
    }
    if (snap.generated == null) {
      if (snap.dump == null) { // seeded: dumped from today's contents, once
        snap.dump =
            dump(
                snap.id,
                snap.executionId == null ? s.uuid() : snap.executionId,
                snap.createdAt,
                true,
                true,
                false);
      }
      snap.generated = new SnapshotArchive(snap.dump);
    }
    return snap.generated;
  }

  Map<String, Object> restore(
      String id, String user, Instant now, Map<String, Object> params, OutageMode outageMode) {
    Snapshot snap = s.snapshot(id);
    if ("failed".equals(snap.status)) {
      throw new ApiError(400, "snapshot_action_error", "Failed snapshot cannot be restored");
    }
    List<String> active = s.executions.activeIds();
    if (!active.isEmpty()) {
      throw runningExecutionError(active);
    }
    String failure =
        !s.restoreFailures.isEmpty()
            ? s.restoreFailures.poll()
            : s.random.nextDouble() < s.restoreFailureRate
                ? "Snapshot restore failed: simulated failure (error rate "
                    + s.restoreFailureRate
                    + ")"
                : null;
    Map<String, Object> all =
        Json.obj("snapshot_id", id, "recreate_deployments_envs", true, "config", dbConfig());
    all.putAll(params);
    Executions.Execution e =
        s.newExecution(
            "restore_snapshot",
            now,
            user,
            true,
            null,
            all,
            s.cfg.restoreRunDuration(),
            failure,
            id,
            false);
    s.lastRestore = e;
    if (!s.cfg.outageDuration().isZero()) {
      s.outages.afterRestore(now.plus(s.cfg.outageDelay()), s.cfg.outageDuration(), outageMode);
    }
    return e.snapshotShaped();
  }

  /**
   * Restores the archive of the snapshot {@code e} restores, as its execution ends; returns the
   * error that fails the execution, or {@code null} (also when entities failed: they are only
   * logged, and the execution ends {@code terminated}, as on a 7.x manager).
   */
  String applyRestore(Executions.Execution e, Instant t) {
    RestoreLog log = new RestoreLog(e, s.cfg.tenant());
    log.add("debug", "Restoring snapshot config: " + dbConfig());
    Snapshot snap = s.snapshots.get(e.snapshotId);
    Path temp = null;
    try {
      Path file;
      if (snap == null) {
        return log.fail("Requested `Snapshot` with ID `" + e.snapshotId + "` was not found");
      } else if (snap.archiveFile != null) {
        file = snap.archiveFile;
      } else {
        temp = Files.createTempFile(s.storageDir, "restore-", ".zip");
        try (OutputStream out = Files.newOutputStream(temp)) {
          ((SnapshotArchive) archive(snap, false)).writeTo(out);
        }
        file = temp;
      }
      Restorer.restore(file, new Target(e, log), s.managerVersion);
      log.add("info", "Successfully restored snapshot `" + e.snapshotId + "`");
      return null;
    } catch (Restorer.Failed f) {
      return log.fail(f.getMessage());
    } catch (IOException x) {
      return log.fail("IOError: " + x.getMessage());
    } finally {
      log.flushTo(s.content);
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a temp file in the simulator's storage dir
        }
      }
    }
  }

  static ApiError runningExecutionError(List<String> ids) {
    return new ApiError(
        400,
        "existing_running_execution_error",
        "Cannot start execution because there are other executions running e.g.: "
            + String.join(", ", ids));
  }

  private Map<String, Object> dbConfig() {
    return Json.obj(
        "file_server_root",
        "/opt/manager/resources",
        "created_status",
        "created",
        "failed_status",
        "failed",
        "postgresql_host",
        "postgresql.cluster.local",
        "postgresql_username",
        "cloudify",
        "postgresql_password",
        CloudifySimulator.LEAKED_DB_PASSWORD,
        "postgresql_db_name",
        "cloudify_db",
        "default_tenant_name",
        s.cfg.tenant(),
        "snapshot_restore_threads",
        15);
  }

  /** Counts per scope and type of what a dump holds, as a restore counts them (no duplicates). */
  static Map<String, Map<String, Long>> counts(DumpSpec dump) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    dump.content()
        .scopes()
        .forEach(
            (scope, types) ->
                types.forEach(
                    (type, list) -> {
                      if (!list.isEmpty()
                          && !(type == EntityType.EVENTS && !dump.includeEvents())) {
                        out.computeIfAbsent(scope, x -> new TreeMap<>())
                            .put(type.dumpName, (long) list.size());
                      }
                    }));
    for (Entity x : dump.executions()) {
      out.computeIfAbsent(x.tenant(), t -> new TreeMap<>())
          .merge(EntityType.EXECUTIONS.dumpName, 1L, Long::sum);
    }
    return out;
  }

  /** The manager as the restore finds it, and its fault knobs. */
  private final class Target implements Restorer.Target {
    private final Executions.Execution restore;
    private final RestoreLog log;
    private int randomFaults;

    Target(Executions.Execution restore, RestoreLog log) {
      this.restore = restore;
      this.log = log;
    }

    @Override
    public Content content() {
      return s.content;
    }

    @Override
    public Executions executions() {
      return s.executions;
    }

    @Override
    public void prepare() {
      if (s.restoreTarget == RestoreTarget.CLEAN) {
        s.content.resetToFresh(ContentSeeder.baseline(s.cfg.username(), restore.createdAt));
        Set<String> keep = new HashSet<>();
        s.executions.running().forEach(x -> keep.add(x.id));
        keep.add(restore.id);
        s.executions.retainOnly(keep);
      }
    }

    @Override
    public boolean faulty(EntityType type, String id) {
      if (s.restoreEntityFaults.contains(type.dumpName + ":" + id)) {
        return true;
      }
      if (randomFaults < s.cfg.restoreEntityFailures()
          && RANDOM_FAULT_TYPES.contains(type)
          && !"admin".equals(id)
          && Math.floorMod((s.cfg.seed() + type.dumpName + ":" + id).hashCode(), 3) == 0) {
        randomFaults++;
        return true;
      }
      return false;
    }

    @Override
    public void log(String level, String message) {
      log.add(level, message);
    }
  }
}
