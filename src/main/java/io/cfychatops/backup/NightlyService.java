package io.cfychatops.backup;

import io.cfychatops.archive.StoredArchive;
import io.cfychatops.archive.ArchiveVerifier;
import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.Message;
import io.cfychatops.cloudify.SnapshotStatus;
import io.cfychatops.concurrent.NamedThreads;
import io.cfychatops.concurrent.Sleeper;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.ArchiveInfo;
import io.cfychatops.ops.ManagerPort.CreateFlags;
import io.cfychatops.ops.ManagerPort.ExecutionInfo;
import io.cfychatops.ops.ManagerPort.Failure;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Truncate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs nightly backups and answers {@code /cfy backups …}.
 *
 * <p>A run of one manager: create {@code nightly-<manager>-<yyyyMMdd-HHmm>} → poll the execution →
 * stream the archive into the {@link ArchiveStore} → {@link ArchiveVerifier verify} → record in the
 * {@link BackupCatalog} → apply retention. Managers run in parallel on a bounded pool
 * ({@link BackupConfig#parallelism()}).
 *
 * <p>Exactly once per slot: a scheduled run starts only after {@link NightlyRunLog#tryClaim}
 * succeeded for {@code (manager, slot)}; with the run log on a shared database, one replica runs
 * each slot whatever calls {@link #runDue()}. Never overlapping: a manager with a run in progress
 * (in this process, or a {@code RUNNING} record younger than {@link BackupConfig#runTimeout()} in
 * the run log) gets no second run; {@link #runNow} refuses with a {@link RunRefusedException},
 * {@link #runDue} leaves the slot unclaimed and tries again on its next call.
 *
 * <p>Thread-safe. Time comes from the injected {@link Clock}; waiting between polls from the
 * injected {@link Sleeper}.
 */
public final class NightlyService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NightlyService.class);
  private static final int MAX_POLL_ERRORS = 5;
  private static final Duration SNAPSHOT_SETTLE_POLL = Duration.ofMillis(500);
  /** The manager-side filter of the snapshot list: every nightly id contains it. */
  private static final String NIGHTLY_SEARCH = "nightly-";

  private final BackupConfig config;
  private final ManagerPort managers;
  private final ArchiveStore store;
  private final ArchiveVerifier verifier;
  private final BackupCatalog catalog;
  private final NightlyRunLog runs;
  private final ChatPort chat;
  private final Metrics metrics;
  private final Predicate<String> snapshotInUse;
  private final VerifiedCopies deadManAlarm;
  private final Clock clock;
  private final Sleeper sleeper;
  private final String owner;
  private final ExecutorService pool;
  private final Map<String, Instant> active = new ConcurrentHashMap<>();
  /** Per manager, the latest slot this process already tried to claim (won or lost): not again. */
  private final Map<String, Instant> settled = new ConcurrentHashMap<>();

  private NightlyService(Builder b) {
    this.config = Objects.requireNonNull(b.config, "config");
    this.managers = Objects.requireNonNull(b.managers, "managers");
    this.verifier = b.verifier == null ? new ArchiveVerifier() : b.verifier;
    this.catalog = Objects.requireNonNull(b.catalog, "catalog");
    this.runs = Objects.requireNonNull(b.runs, "runs");
    this.chat = b.chat;
    this.metrics = b.metrics;
    this.snapshotInUse = b.snapshotInUse == null ? id -> false : b.snapshotInUse;
    this.deadManAlarm = b.deadManAlarm == null ? (m, at) -> { } : b.deadManAlarm::onVerified;
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    // the one archive writer, verifying and cataloguing every copy this service keeps
    this.store = Objects.requireNonNull(b.store, "store").with(clock, verifier, catalog);
    this.sleeper = b.sleeper == null ? Sleeper.SYSTEM : b.sleeper;
    this.owner = b.owner == null ? "cfy-chatops" : b.owner;
    this.pool = Executors.newFixedThreadPool(config.parallelism(), NamedThreads.daemon("nightly"));
  }

  public static Builder builder() {
    return new Builder();
  }

  public BackupConfig config() {
    return config;
  }

  /**
   * Runs every manager whose latest slot is due and not yet claimed, in parallel; posts one report
   * for the batch to the reports channel and returns it (empty when nothing was due). Call it on
   * start-up (that is the catch-up) and then periodically, e.g. from a db-scheduler recurring task
   * every few seconds ({@code scheduling.BackupTasks}). Cheap when nothing is due: a slot this process already
   * tried to claim (won, or lost to another replica) is not looked at again, so such a call
   * evaluates the cron expressions and touches no table.
   */
  public Optional<NightReport> runDue() {
    Instant now = clock.instant();
    Map<String, RunRecord> claimed = new LinkedHashMap<>();
    for (var e : config.schedules().entrySet()) {
      String manager = e.getKey();
      NightlySchedule.SlotDecision d = e.getValue().decide(manager, now, config.onTimeGrace());
      if (!d.due() || d.slot().equals(settled.get(manager))) {
        continue;
      }
      if (isBusy(manager, now)) {
        log.info("Nightly slot {} of {} waits: a run is in progress", d.slot(), manager);
        continue;
      }
      RunRecord.Kind kind = d.catchUp() ? RunRecord.Kind.CATCH_UP : RunRecord.Kind.SCHEDULED;
      RunRecord claim = RunRecord.claim(manager, d.slot(), kind, owner, now);
      boolean won = runs.tryClaim(claim);
      settled.put(manager, d.slot());
      if (won) {
        claimed.put(manager, claim);
      }
    }
    if (claimed.isEmpty()) {
      return Optional.empty();
    }
    List<Future<ManagerRun>> futures = new ArrayList<>();
    for (RunRecord claim : claimed.values()) {
      futures.add(pool.submit(() -> runClaimed(claim, claim.slot())));
    }
    NightReport report = report(collect(futures));
    Message.Builder withPing = BackupReport.render(report).toBuilder();
    BackupReport.mentions(report).forEach(withPing::mention);
    post(withPing.build());
    return Optional.of(report);
  }

  /**
   * Runs one manager's backup now and returns its report (not posted: the caller shows it).
   *
   * @throws RunRefusedException when a run of that manager is in progress
   * @throws UnknownManagerException when the manager has no schedule
   */
  public NightReport runNow(String manager) {
    config.schedule(manager);
    Instant now = clock.instant();
    if (isBusy(manager, now)) {
      throw new RunRefusedException("A backup of `" + manager + "` is already running (started "
          + Durations.ago(active.getOrDefault(manager, now), now) + " ago). Wait for its report,"
          + " or check `/cfy backups status`.");
    }
    RunRecord claim = RunRecord.claim(manager, now, RunRecord.Kind.MANUAL, owner, now);
    if (!runs.tryClaim(claim)) {
      throw new RunRefusedException("A backup of `" + manager + "` was started at this very"
          + " instant by someone else; check `/cfy backups status`.");
    }
    Future<ManagerRun> f = pool.submit(() -> runClaimed(claim, now));
    return report(collect(List.of(f)));
  }

  /** Each manager's newest verified copy, RPO and next slot, for {@code /cfy backups status}. */
  public StatusReport status() {
    Instant now = clock.instant();
    List<StatusReport.ManagerStatus> out = new ArrayList<>();
    for (var e : config.schedules().entrySet()) {
      String m = e.getKey();
      NightlySchedule s = e.getValue();
      Optional<CatalogEntry> newest = catalog.newestVerified(m);
      NightlySchedule.SlotDecision d = s.decide(m, now, config.onTimeGrace());
      Instant next = d.due() ? s.dueAt(m, s.nextSlot(now)) : d.dueAt();
      out.add(new StatusReport.ManagerStatus(m, newest.orElse(null),
          newest.map(c -> Duration.between(c.createdAt(), now)).orElse(null), next, s,
          isBusy(m, now)));
    }
    return new StatusReport(now, out, config.deadManAge());
  }

  /** Runs of {@code manager} in the last {@code nights} nights, newest first. */
  public List<RunRecord> history(String manager, int nights) {
    config.schedule(manager);
    if (nights < 1 || nights > 366) {
      throw new IllegalArgumentException("nights must be 1..366, was " + nights);
    }
    return runs.history(manager, clock.instant().minus(Duration.ofDays(nights)));
  }

  /** What retention would delete on {@code manager} and in the store now, and why. */
  public RetentionPlanner.Plan retentionDryRun(String manager) {
    config.schedule(manager);
    return planRetention(manager, managerSnapshotsOrEmpty(manager));
  }

  /** Applies retention; returns the plan and the problems met while deleting. */
  public RetentionOutcome applyRetention(String manager) {
    config.schedule(manager);
    List<SnapshotInfo> onManager;
    try {
      onManager = managers.listSnapshots(manager, NIGHTLY_SEARCH);
    } catch (RuntimeException e) {
      // without the manager's list we might miss in-use information; do nothing this time
      return new RetentionOutcome(null, List.of(), List.of("cannot list snapshots on " + manager
          + ": " + message(e) + "; retention skipped"));
    }
    RetentionPlanner.Plan plan = planRetention(manager, onManager);
    Set<String> onManagerIds = new HashSet<>();
    onManager.forEach(s -> onManagerIds.add(s.id()));
    List<String> deleted = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (RetentionPlanner.Decision d : plan.toDelete()) {
      try {
        if (onManagerIds.contains(d.snapshotId())) {
          deleteOnManager(manager, d.snapshotId());
        }
        store.delete(manager, d.snapshotId());
        catalog.markDeleted(manager, d.snapshotId(), clock.instant());
        deleted.add(d.snapshotId());
      } catch (RuntimeException e) {
        problems.add("could not delete " + d.snapshotId() + ": " + message(e));
      }
    }
    return new RetentionOutcome(plan, deleted, problems);
  }

  /** Who hears of a newly verified copy: the dead-man alarm (or nobody). */
  @FunctionalInterface
  private interface VerifiedCopies {
    void onVerified(String manager, Instant verifiedAt);
  }

  /** The plan {@link #applyRetention} carried out, what it deleted and what went wrong. */
  public record RetentionOutcome(
      RetentionPlanner.Plan plan, List<String> deleted, List<String> problems) {}

  @Override
  public void close() {
    pool.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------

  private boolean isBusy(String manager, Instant now) {
    if (active.containsKey(manager)) {
      return true;
    }
    Instant since = now.minus(config.runTimeout()).minus(config.onTimeGrace());
    return runs.history(manager, since).stream()
        .anyMatch(r -> r.outcome() == RunRecord.Outcome.RUNNING);
  }

  private ManagerRun runClaimed(RunRecord claim, Instant nameAt) {
    String manager = claim.manager();
    Instant slot = claim.slot();
    RunRecord.Kind kind = claim.kind();
    Instant start = clock.instant();
    if (active.putIfAbsent(manager, start) != null) {
      ManagerRun refused = failed(manager, null, kind, slot, "create",
          "another run of this manager is in progress", start, 0, null);
      finish(claim, refused, refused.error());
      return refused;
    }
    MDC.put("manager", manager);
    try {
      ManagerRun r = runOne(manager, slot, kind, nameAt, start);
      finish(claim, r, r.succeeded() ? "" : r.failedStage() + ": " + r.error());
      if (metrics != null) {
        if (r.succeeded()) {
          metrics.backupSucceeded(manager, r.sizeBytes(), r.duration(), r.finishedAt());
        } else {
          metrics.backupFailed(manager, r.failedStage(), r.duration());
        }
      }
      return r;
    } catch (RuntimeException e) {
      log.error("Nightly run of {} failed unexpectedly", manager, e);
      ManagerRun r = failed(manager, null, kind, slot, "internal", message(e), start, 0, null);
      finish(claim, r, r.error());
      return r;
    } finally {
      active.remove(manager);
      MDC.remove("manager");
    }
  }

  /** Records how the claimed run ended, with its archive's size, checksum and verification. */
  private void finish(RunRecord claim, ManagerRun r, String failure) {
    RunRecord ended = r.succeeded()
        ? claim.succeeded(r.finishedAt(), r.snapshotId(), r.sizeBytes(), r.sha256(), r.verified(),
            r.duration())
        : claim.failed(r.finishedAt(), r.snapshotId(), failure,
            r.sha256() == null ? null : r.sizeBytes(), r.sha256(), r.duration());
    if (!runs.finish(ended)) {
      log.warn("The run of {} for slot {} was not RUNNING in the run log any more; its end is"
          + " not recorded", claim.manager(), claim.slot());
    }
  }

  private ManagerRun runOne(
      String manager, Instant slot, RunRecord.Kind kind, Instant nameAt, Instant start) {
    NightlySchedule schedule = config.schedule(manager);
    String snapshotId = uniqueName(manager, nameAt, schedule.zone());
    String version;
    try {
      version = managers.version(manager);
    } catch (RuntimeException e) {
      log.warn("Cannot read the version of {}: {}", manager, message(e));
      version = "unknown";
    }
    // create
    String executionId;
    try {
      executionId = managers.createSnapshot(manager, snapshotId, CreateFlags.MANAGER_DEFAULTS).id();
    } catch (RuntimeException e) {
      return failed(manager, snapshotId, kind, slot, "create", message(e), start, 0, null);
    }
    // wait
    SnapshotInfo snapshot;
    try {
      String waitError = awaitExecution(manager, executionId, start);
      if (waitError != null) {
        return failed(manager, snapshotId, kind, slot, "wait", waitError, start, 0, null);
      }
      snapshot = awaitSnapshot(manager, snapshotId, start);
      if (!snapshot.status().isRestorable()) {
        return failed(manager, snapshotId, kind, slot, "wait", "snapshot is `" + snapshot.status().wireValue()
            + "` after its execution ended" + (snapshot.error().isBlank() ? "" : ": "
            + snapshot.error()), start, 0, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(manager, snapshotId, kind, slot, "wait", "interrupted (shutting down)", start,
          0, null);
    } catch (RuntimeException e) {
      return failed(manager, snapshotId, kind, slot, "wait", message(e), start, 0, null);
    }
    // download, verify, catalog: one call into the archive store
    StoredArchive stored;
    ArchiveVerifier.Verification v;
    Instant verifiedAt;
    try {
      Instant createdAt = snapshot.createdAt() == null ? clock.instant() : snapshot.createdInstant();
      // the client hashes while streaming; the verifier re-reads the file against that hash
      ArchiveStore.Saved saved = store.save(
          new ArchiveStore.Copy(manager, snapshotId, createdAt, version, CatalogEntry.Origin.NIGHTLY),
          out -> {
            ManagerPort.ArchiveInfo d = managers.downloadSnapshot(manager, snapshotId, out);
            return new ArchiveStore.Written(d.bytes(), d.sha256());
          });
      stored = saved.archive();
      v = saved.verification();
      verifiedAt = saved.entry() == null || saved.entry().verifiedAt() == null
          ? clock.instant() : saved.entry().verifiedAt();
    } catch (ArchiveStore.CatalogFailure e) {
      return failed(manager, snapshotId, kind, slot, "catalog", message(e.getCause()), start,
          e.archive().sizeBytes(), e.archive().sha256());
    } catch (RuntimeException e) {
      return failed(manager, snapshotId, kind, slot, "download", message(e), start, 0, null);
    }
    // verify
    if (!v.ok()) {
      return failed(manager, snapshotId, kind, slot, "verify", String.join("; ", v.problems()),
          start, stored.sizeBytes(), stored.sha256());
    }
    // the one hook for "a copy became verified" (never throws); keep it right after the catalog
    deadManAlarm.onVerified(manager, verifiedAt);
    // retention
    RetentionOutcome retention = applyRetention(manager);
    Instant end = clock.instant();
    return new ManagerRun(manager, snapshotId, kind, slot, schedule.localTime(slot), true, null,
        null, stored.sizeBytes(), stored.sha256(), true, Duration.between(start, end), end,
        retention.deleted(), retention.problems());
  }

  /** Null when the execution succeeded, otherwise what went wrong. */
  private String awaitExecution(String manager, String executionId, Instant start)
      throws InterruptedException {
    int errors = 0;
    Instant deadline = start.plus(config.runTimeout());
    String lastStatus = "unknown";
    while (true) {
      try {
        ExecutionInfo ex = managers.getExecution(manager, executionId, false);
        errors = 0;
        lastStatus = ex.status().wireValue();
        if (ex.status().isTerminal()) {
          if (ex.succeeded()) {
            return null;
          }
          String error = ex.error();
          return "execution " + executionId + " ended `" + ex.status().wireValue() + "`"
              + (error.isBlank() ? "" : ": " + Truncate.firstLine(error, Truncate.MAX_LINE));
        }
      } catch (RuntimeException e) {
        if (++errors >= MAX_POLL_ERRORS) {
          return "cannot poll execution " + executionId + " (" + errors + " failures in a row): "
              + message(e);
        }
        log.warn("Polling execution {} failed ({} in a row): {}", executionId, errors, message(e));
      }
      if (!clock.instant().isBefore(deadline)) {
        return "execution " + executionId + " still `" + lastStatus + "` after "
            + Durations.format(config.runTimeout()) + "; gave up waiting";
      }
      sleeper.sleep(config.pollInterval());
    }
  }

  /**
   * The snapshot row is updated separately from the execution and may still say {@code creating}
   * for a moment after the execution ended (cloudify-api.md §9.2): poll it until it settles.
   */
  private SnapshotInfo awaitSnapshot(String manager, String snapshotId, Instant start)
      throws InterruptedException {
    Instant deadline = start.plus(config.runTimeout());
    while (true) {
      SnapshotInfo s = managers.getSnapshot(manager, snapshotId).orElseThrow(() ->
          new ManagerCallException(Failure.NOT_FOUND, "not_found_error",
              "snapshot " + snapshotId + " is not on " + manager));
      if (s.status() != SnapshotStatus.CREATING || !clock.instant().isBefore(deadline)) {
        return s;
      }
      sleeper.sleep(SNAPSHOT_SETTLE_POLL.compareTo(config.pollInterval()) < 0
          ? SNAPSHOT_SETTLE_POLL : config.pollInterval());
    }
  }

  private String uniqueName(String manager, Instant at, ZoneId zone) {
    String base = NightlyIds.nightlySnapshotId(manager, at, zone);
    Set<String> taken = new HashSet<>();
    catalog.list(manager).forEach(c -> taken.add(c.snapshotId()));
    store.list(manager).forEach(a -> taken.add(a.snapshotId()));
    String id = base;
    for (int i = 2; taken.contains(id); i++) {
      id = base + "-" + i;
    }
    return id;
  }

  private ManagerRun failed(String manager, String snapshotId, RunRecord.Kind kind, Instant slot,
      String stage, String error, Instant start, long size, String sha) {
    Instant end = clock.instant();
    String local = config.schedules().containsKey(manager)
        ? config.schedule(manager).localTime(slot) : "";
    log.warn("Backup of {} failed at {}: {}", manager, stage, error);
    return new ManagerRun(manager, snapshotId, kind, slot, local, false, stage, error, size, sha,
        false, Duration.between(start, end), end, List.of(), List.of());
  }

  /** Deletes a snapshot on the manager; one that is already gone is what we wanted. */
  private void deleteOnManager(String manager, String snapshotId) {
    try {
      managers.deleteSnapshot(manager, snapshotId);
    } catch (ManagerCallException e) {
      if (e.failure() != Failure.NOT_FOUND) {
        throw e;
      }
    }
  }

  private List<SnapshotInfo> managerSnapshotsOrEmpty(String manager) {
    try {
      return managers.listSnapshots(manager, NIGHTLY_SEARCH);
    } catch (RuntimeException e) {
      log.warn("Cannot list snapshots on {} for the retention plan: {}", manager, message(e));
      return List.of();
    }
  }

  private RetentionPlanner.Plan planRetention(
      String manager, List<SnapshotInfo> onManager) {
    Map<String, RetentionPlanner.Candidate> byId = new LinkedHashMap<>();
    for (CatalogEntry c : catalog.list(manager)) {
      if (NightlyIds.isNightlyOf(manager, c.snapshotId())) {
        byId.put(c.snapshotId(),
            new RetentionPlanner.Candidate(c.snapshotId(), c.createdAt(), c.verified()));
      }
    }
    for (StoredArchive a : store.list(manager)) {
      if (NightlyIds.isNightlyOf(manager, a.snapshotId())) {
        byId.putIfAbsent(a.snapshotId(),
            new RetentionPlanner.Candidate(a.snapshotId(), a.createdAt(), false));
      }
    }
    for (SnapshotInfo s : onManager) {
      if (NightlyIds.isNightlyOf(manager, s.id()) && s.createdAt() != null
          && s.status() != SnapshotStatus.CREATING) {
        byId.putIfAbsent(
            s.id(), new RetentionPlanner.Candidate(s.id(), s.createdInstant(), false));
      }
    }
    RetentionPlanner planner = new RetentionPlanner(config.schedule(manager).zone());
    return planner.plan(manager, config.retention(), new ArrayList<>(byId.values()),
        snapshotInUse);
  }

  private NightReport report(List<ManagerRun> results) {
    Instant now = clock.instant();
    List<NightReport.Row> rows = new ArrayList<>();
    for (ManagerRun r : results) {
      Optional<CatalogEntry> newest = catalog.newestVerified(r.manager());
      rows.add(new NightReport.Row(r,
          newest.map(c -> Duration.between(c.createdAt(), now)).orElse(null),
          newest.map(CatalogEntry::snapshotId).orElse(null), historyStrip(r.manager(), now)));
    }
    return new NightReport(now, rows, config.onCallHandle());
  }

  /** One symbol per night, oldest first, ending with tonight: ✅ any success, ❌ only failures. */
  String historyStrip(String manager, Instant now) {
    ZoneId zone = config.schedule(manager).zone();
    int n = config.historyNights();
    LocalDate today = LocalDate.ofInstant(now, zone);
    Map<LocalDate, RunRecord.Outcome> nights = new ConcurrentHashMap<>();
    for (RunRecord r : runs.history(manager, now.minus(Duration.ofDays(n + 1)))) {
      LocalDate night = LocalDate.ofInstant(r.slot(), zone);
      nights.merge(night, r.outcome(), (a, b) -> a == RunRecord.Outcome.SUCCEEDED
          || b == RunRecord.Outcome.SUCCEEDED ? RunRecord.Outcome.SUCCEEDED
          : a == RunRecord.Outcome.RUNNING || b == RunRecord.Outcome.RUNNING
              ? RunRecord.Outcome.RUNNING : RunRecord.Outcome.FAILED);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = n - 1; i >= 0; i--) {
      RunRecord.Outcome o = nights.get(today.minusDays(i));
      sb.append(o == null ? "⬜" : o.symbol());
    }
    return sb.toString();
  }

  private List<ManagerRun> collect(List<Future<ManagerRun>> futures) {
    List<ManagerRun> out = new ArrayList<>();
    for (Future<ManagerRun> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BackupException("Interrupted while waiting for nightly runs", e);
      } catch (ExecutionException e) {
        throw new BackupException("A nightly run crashed: " + message(e.getCause()), e.getCause());
      }
    }
    return out;
  }

  private void post(Message m) {
    if (chat == null) {
      return;
    }
    try {
      chat.post(config.reportsChannel(), m);
    } catch (RuntimeException e) {
      log.error("Could not post the backup report to {}: {}", config.reportsChannel(), message(e));
      if (metrics != null) {
        metrics.slackCallFailed("chat.postMessage");
      }
    }
  }

  static String message(Throwable e) {
    if (e == null) {
      return "unknown error";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : Truncate.firstLine(m, Truncate.MAX_LINE);
  }

  /** Collects the service's collaborators; config, managers, store, catalog and runs are needed. */
  public static final class Builder {
    private BackupConfig config;
    private ManagerPort managers;
    private ArchiveStore store;
    private ArchiveVerifier verifier;
    private BackupCatalog catalog;
    private NightlyRunLog runs;
    private ChatPort chat;
    private Metrics metrics;
    private Predicate<String> snapshotInUse;
    private DeadManAlarm deadManAlarm;
    private Clock clock;
    private Sleeper sleeper;
    private String owner;

    private Builder() {}

    public Builder config(BackupConfig c) {
      this.config = c;
      return this;
    }

    /** The manager API per manager name. */
    public Builder managers(ManagerPort m) {
      this.managers = m;
      return this;
    }

    public Builder store(ArchiveStore s) {
      this.store = s;
      return this;
    }

    public Builder verifier(ArchiveVerifier v) {
      this.verifier = v;
      return this;
    }

    public Builder catalog(BackupCatalog c) {
      this.catalog = c;
      return this;
    }

    public Builder runs(NightlyRunLog r) {
      this.runs = r;
      return this;
    }

    /** Where reports go; without one, reports are only returned. */
    public Builder chat(ChatPort c) {
      this.chat = c;
      return this;
    }

    public Builder metrics(Metrics m) {
      this.metrics = m;
      return this;
    }

    /** Snapshot ids a running operation uses (a restore, say); retention never deletes them. */
    public Builder snapshotInUse(Predicate<String> p) {
      this.snapshotInUse = p;
      return this;
    }

    /** Told of every copy this service verifies ({@link DeadManAlarm#onVerified}); optional. */
    public Builder deadManAlarm(DeadManAlarm a) {
      this.deadManAlarm = a;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    public Builder sleeper(Sleeper s) {
      this.sleeper = s;
      return this;
    }

    /** This instance's name in the run log (host name, pod name). */
    public Builder owner(String o) {
      this.owner = o;
      return this;
    }

    public NightlyService build() {
      return new NightlyService(this);
    }
  }
}
