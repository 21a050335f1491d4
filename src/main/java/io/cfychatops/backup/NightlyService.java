package io.cfychatops.backup;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.ArchiveVerifier;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationRequest;
import io.cfychatops.ops.OperationSpec.NightlySpec;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Truncate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts nightly backups and answers {@code /cfy backups …}.
 *
 * <p>A run of one manager is an {@link OpKind#NIGHTLY} operation on the one {@link OperationEngine}
 * ({@link NightlyRunbook}: create {@code nightly-<manager>-<yyyyMMdd-HHmm>} → wait → copy into the
 * {@link ArchiveStore} → {@link ArchiveVerifier verify} → catalog → retention → run log → report),
 * with durable steps: a process killed mid-run leaves an unfinished operation that the engine
 * resumes on any instance, and the run still records and reports. This class claims slots and
 * starts the operations.
 *
 * <p>Exactly once per slot: a run starts only after {@link NightlyRunLog#tryClaim} succeeded for
 * {@code (manager, slot)} (a unique key); its operation id is derived from both, so a second start
 * creates nothing. Never overlapping: a manager with a {@code RUNNING} record younger than {@link
 * BackupConfig#runTimeout()} gets no second run; {@link #runNow} refuses with a {@link
 * RunRefusedException}, {@link #startDue} leaves the slot unclaimed and tries again later.
 *
 * <p>Thread-safe. Time comes from the injected {@link Clock}; the runs wait between polls on the
 * engine's scheduler, holding no thread.
 */
public final class NightlyService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NightlyService.class);

  /** How long past the run timeout a caller waits for a run's end before giving up on it. */
  private static final Duration COMPLETION_SLACK = Duration.ofMinutes(5);

  private final BackupConfig config;
  private final BackupCatalog catalog;
  private final NightlyRunLog runs;
  private final Clock clock;
  private final String owner;
  private final OperationEngine engine;
  private final NightlyCompletion completion;
  private final NightlyRetention retention;
  private final NightlyRunbook runbook;
  private final NightReports reports;
  private final NightlyResults results;
  private final @Nullable OffsiteCopies offsite;

  /** The runs a caller in this process waits for, completed by the engine when they end. */
  private final Map<String, CompletableFuture<Operation>> awaited = new ConcurrentHashMap<>();

  /** Per manager, the latest slot this process already tried to claim (won or lost): not again. */
  private final Map<String, Instant> settled = new ConcurrentHashMap<>();

  private NightlyService(Builder b) {
    this.config = Objects.requireNonNull(b.config, "config");
    ManagerPort managers = Objects.requireNonNull(b.managers, "managers");
    this.catalog = Objects.requireNonNull(b.catalog, "catalog");
    this.runs = Objects.requireNonNull(b.runs, "runs");
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.owner = b.owner == null ? "cfy-chatops" : b.owner;
    this.engine = Objects.requireNonNull(b.engine, "engine");
    ArchiveVerifier verifier = b.verifier == null ? new ArchiveVerifier() : b.verifier;
    // the one archive writer, verifying and cataloguing every copy this service keeps
    ArchiveStore store = Objects.requireNonNull(b.store, "store").with(clock, verifier, catalog);
    Predicate<String> inUse = b.snapshotInUse == null ? id -> false : b.snapshotInUse;
    this.offsite =
        b.offsite == null
            ? null
            : new OffsiteCopies(b.offsite, catalog, store, config.retention(), b.metrics, clock);
    this.retention = new NightlyRetention(config, managers, store, catalog, inUse, clock, offsite);
    this.results = new NightlyResults(config, runs);
    this.reports =
        new NightReports(config, catalog, runs, b.chat, b.metrics, clock)
            .drillFlags(b.drillFlags == null ? now -> Map.of() : b.drillFlags);
    DeadManAlarm alarm = b.deadManAlarm;
    this.runbook =
        new NightlyRunbook(
            config,
            store,
            catalog,
            runs,
            b.metrics,
            alarm == null ? (m, at) -> {} : alarm::onVerified,
            retention::apply,
            reports,
            engine::find,
            awaited::containsKey,
            offsite);
    this.completion =
        b.completion != null
            ? b.completion
            : NightlyCompletion.onEngine(engine, awaited, config.pollInterval(), clock);
    engine.register(OpKind.NIGHTLY, runbook.steps(), true);
    engine.onFinish(
        op -> {
          CompletableFuture<Operation> f = awaited.get(op.id());
          if (f != null) {
            f.complete(op);
          }
        });
  }

  public static Builder builder() {
    return new Builder();
  }

  public BackupConfig config() {
    return config;
  }

  /** The off-site copies, when {@code backups.offsite} is configured. */
  public Optional<OffsiteCopies> offsite() {
    return Optional.ofNullable(offsite);
  }

  /**
   * Claims every manager whose latest slot is due and not yet claimed and starts its run; returns
   * the operation ids (empty when nothing was due). The runs post one report for the batch when the
   * last of them ends. Call it on start-up (that is the catch-up) and then periodically, from the
   * db-scheduler recurring task ({@code scheduling.BackupTasks}). Cheap when nothing is due: a slot
   * this process already tried to claim (won, or lost to another replica) is not looked at again,
   * so such a call evaluates the cron expressions and touches no table.
   */
  public List<String> startDue() {
    Instant now = clock.instant();
    List<RunRecord> claimed = new ArrayList<>();
    for (var e : config.schedules().entrySet()) {
      String manager = e.getKey();
      NightlySchedule.SlotDecision d = e.getValue().decide(manager, now, config.onTimeGrace());
      if (!d.due() || d.slot().equals(settled.get(manager))) {
        continue;
      }
      if (running(manager, now).isPresent()) {
        log.info("Nightly slot {} of {} waits: a run is in progress", d.slot(), manager);
        continue;
      }
      RunRecord.Kind kind = d.catchUp() ? RunRecord.Kind.CATCH_UP : RunRecord.Kind.SCHEDULED;
      RunRecord claim = RunRecord.claim(manager, d.slot(), kind, owner, now);
      boolean won = runs.tryClaim(claim);
      settled.put(manager, d.slot());
      if (won) {
        claimed.add(claim);
      }
    }
    return start(claimed, false);
  }

  /**
   * {@link #startDue} and waits for the runs; returns the batch's report, which the runs posted to
   * the reports channel (empty when nothing was due). For tests and the console demo.
   */
  public Optional<NightReport> runDue() {
    List<String> ids = startDue();
    return ids.isEmpty() ? Optional.empty() : Optional.of(collect(ids));
  }

  /**
   * Runs one manager's backup now and returns its report (not posted: the caller shows it; a run
   * resumed after a crash posts it).
   *
   * @throws RunRefusedException when a run of that manager is in progress
   * @throws UnknownManagerException when the manager has no schedule
   */
  public NightReport runNow(String manager) {
    config.schedule(manager);
    Instant now = clock.instant();
    Optional<RunRecord> running = running(manager, now);
    if (running.isPresent()) {
      throw new RunRefusedException(
          "A backup of `"
              + manager
              + "` is already running (started "
              + Durations.ago(running.get().startedAt(), now)
              + " ago). Wait for its report,"
              + " or check `/cfy backups status`.");
    }
    // the slot at the run log's precision (milliseconds): the run finds its claim by it
    Instant slot = now.truncatedTo(ChronoUnit.MILLIS);
    RunRecord claim = RunRecord.claim(manager, slot, RunRecord.Kind.MANUAL, owner, now);
    if (!runs.tryClaim(claim)) {
      throw new RunRefusedException(
          "A backup of `"
              + manager
              + "` was started at this very"
              + " instant by someone else; check `/cfy backups status`.");
    }
    return collect(start(List.of(claim), true));
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
      out.add(
          new StatusReport.ManagerStatus(
              m,
              newest.orElse(null),
              newest.map(c -> Duration.between(c.createdAt(), now)).orElse(null),
              next,
              s,
              running(m, now).isPresent()));
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
    return retention.dryRun(manager);
  }

  /** Applies retention; returns the plan and the problems met while deleting. */
  public RetentionOutcome applyRetention(String manager) {
    return retention.apply(manager);
  }

  /** The plan {@link #applyRetention} carried out, what it deleted and what went wrong. */
  public record RetentionOutcome(
      RetentionPlanner.Plan plan, List<String> deleted, List<String> problems) {}

  /** Nothing to release: the runs belong to the engine (kept for callers' try-with-resources). */
  @Override
  public void close() {}

  /** One symbol per night, oldest first, ending with tonight: ✅ any success, ❌ only failures. */
  String historyStrip(String manager, Instant now) {
    return reports.historyStrip(manager, now);
  }

  // ---------------------------------------------------------------------------------------------

  private Optional<RunRecord> running(String manager, Instant now) {
    Instant since = now.minus(config.runTimeout()).minus(config.onTimeGrace());
    return runs.history(manager, since).stream()
        .filter(r -> r.outcome() == RunRecord.Outcome.RUNNING)
        .findFirst();
  }

  /**
   * Starts the operations of claimed slots (each once, whoever retries) as one batch; returns their
   * ids. {@code await}: a caller in this process waits for them (registered before they can end).
   */
  private List<String> start(List<RunRecord> claims, boolean await) {
    List<String> ids = new ArrayList<>();
    for (RunRecord claim : claims) {
      ids.add(NightlyRunbook.operationId(claim.manager(), claim.slot()));
    }
    if (await) {
      ids.forEach(id -> awaited.put(id, new CompletableFuture<>()));
    }
    for (RunRecord claim : claims) {
      String id = NightlyRunbook.operationId(claim.manager(), claim.slot());
      engine.submitOnce(
          id, OperationRequest.of(new NightlySpec(claim.slot(), ids), claim.manager(), ""));
    }
    return ids;
  }

  /** Waits for the runs of {@code ids} to end and builds their report. */
  private NightReport collect(List<String> ids) {
    ids.forEach(id -> awaited.computeIfAbsent(id, k -> new CompletableFuture<>()));
    try {
      completion.await(ids, config.runTimeout().plus(COMPLETION_SLACK));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackupException("Interrupted while waiting for nightly runs", e);
    } finally {
      ids.forEach(awaited::remove);
    }
    List<ManagerRun> out = new ArrayList<>();
    for (String id : ids) {
      Operation op =
          engine
              .find(id)
              .orElseThrow(
                  () ->
                      new BackupException(
                          "The nightly run " + id + " is not in the operation store"));
      if (!op.status().isFinal()) {
        throw new BackupException(
            "The nightly run "
                + id
                + " of "
                + op.manager()
                + " has not ended in time; it goes on and records its outcome in the run log");
      }
      out.add(results.result(op, NightlyResults.finishedAt(op)));
    }
    return reports.report(out);
  }

  static String message(@Nullable Throwable e) {
    if (e == null) {
      return "unknown error";
    }
    String m = e.getMessage();
    return m == null || m.isBlank()
        ? e.getClass().getSimpleName()
        : Truncate.firstLine(m, Truncate.MAX_LINE);
  }

  /**
   * Collects the service's collaborators; config, managers, store, catalog, runs and engine are
   * needed.
   */
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
    private OperationEngine engine;
    private NightlyCompletion completion;
    private String owner;
    private io.cfychatops.offsite.OffsiteStore offsite;
    private java.util.function.Function<Instant, Map<String, String>> drillFlags;

    private Builder() {}

    /** Where verified copies are copied off the host ({@code backups.offsite}); optional. */
    public Builder offsite(io.cfychatops.offsite.OffsiteStore o) {
      this.offsite = o;
      return this;
    }

    public Builder config(BackupConfig c) {
      this.config = c;
      return this;
    }

    /** The manager port retention lists and deletes through (the runs use the engine's). */
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

    /**
     * What the nightly report flags about restore drills at a time: manager to reason (the last
     * successful drill older than {@code drill.max_age}); {@code drill.DrillService#overdue}.
     */
    public Builder drillFlags(java.util.function.Function<Instant, Map<String, String>> f) {
      this.drillFlags = f;
      return this;
    }

    /** The engine the runs are operations of (the NIGHTLY runbook is registered on it). */
    public Builder engine(OperationEngine e) {
      this.engine = e;
      return this;
    }

    /** How callers wait for runs; the engine's finish listener and store unless set. */
    public Builder completion(NightlyCompletion c) {
      this.completion = c;
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
