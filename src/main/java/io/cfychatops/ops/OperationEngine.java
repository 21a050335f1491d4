package io.cfychatops.ops;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Redactor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs operations as persisted step machines.
 *
 * <p>{@link #submit} stores the operation with every step {@code PENDING} and schedules it. {@link
 * #advance} is one tick: it loads the operation, skips finished steps, runs the current step until
 * it has to wait, and persists every step start, result, execution id and message ref before moving
 * on. It returns when to tick again. Ticks are driven by an {@link OperationScheduler}; with {@code
 * scheduling.DbSchedulerOperations} a tick is a db-scheduler execution, so a process killed
 * mid-operation is picked up by any instance on the same database (its dead-execution detection is
 * the failover; no home-made lock).
 *
 * <p>Thread-safety: ticks of one operation must not overlap (the scheduler guarantees it); the
 * store's version check rejects a second writer if they ever do.
 */
public final class OperationEngine {
  private static final Logger log = LoggerFactory.getLogger(OperationEngine.class);

  private final OperationStore store;
  private final SharedPoller api;
  private final Progress progress;
  private final Clock clock;
  private final OpsConfig config;
  private final Runbooks runbooks;
  private final OperationMessages messages;
  private final StepRunner stepRunner;
  private final OperationCancels cancels;
  private OperationScheduler scheduler;
  private volatile ApprovalGate approvals = ApprovalGate.NONE;
  private volatile @org.jspecify.annotations.Nullable ArchiveStore archives;
  private volatile @org.jspecify.annotations.Nullable PreviewSource previews;
  private volatile @org.jspecify.annotations.Nullable ArchiveFetcher offsite;
  private final List<java.util.function.Consumer<Operation>> finishListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public OperationEngine(
      OperationStore store, ManagerPort api, ChatPort chat, Clock clock, OpsConfig config) {
    this.store = store;
    this.clock = clock;
    this.config = config;
    this.api =
        api instanceof SharedPoller sp
            ? sp
            : new SharedPoller(api, clock, config.executionCacheAge());
    this.progress = new Progress(chat, clock, config.editInterval());
    this.runbooks = new Runbooks();
    this.messages = new OperationMessages(store, progress, clock, config, runbooks::isQuiet);
    this.stepRunner = new StepRunner(config);
    this.cancels = new OperationCancels(this, store, clock, messages);
  }

  /**
   * Called once per operation when it ends (any outcome), after its final state is stored: audit
   * log and metrics hang here. A listener that throws is logged and does not affect the operation.
   */
  public OperationEngine onFinish(java.util.function.Consumer<Operation> listener) {
    finishListeners.add(listener);
    return this;
  }

  /** Sets the runbook of a kind kept in its feature: see {@code Runbooks#register}. */
  public OperationEngine register(OpKind kind, List<Step> steps, boolean quiet) {
    runbooks.register(kind, steps, quiet);
    return this;
  }

  /** Connects the scheduler that ticks operations (call once, before submit). */
  public OperationEngine attach(OperationScheduler s) {
    this.scheduler = s;
    if (s instanceof ManualOperationScheduler m) {
      m.bind(this);
    }
    return this;
  }

  /**
   * Connects the approvals that approved operations re-check in their first step (call before
   * operations run; without it every approved operation is refused).
   */
  public OperationEngine approvalGate(ApprovalGate gate) {
    this.approvals = java.util.Objects.requireNonNull(gate, "gate");
    return this;
  }

  ApprovalGate approvals() {
    return approvals;
  }

  /** Connects the archive store downloads keep their copies in (verified, catalogued). */
  public OperationEngine archives(ArchiveStore store) {
    this.archives = java.util.Objects.requireNonNull(store, "store");
    return this;
  }

  /** Connects the off-site store uploads {@code --from-offsite} fetch from. */
  public OperationEngine offsite(ArchiveFetcher fetcher) {
    this.offsite = java.util.Objects.requireNonNull(fetcher, "fetcher");
    return this;
  }

  @org.jspecify.annotations.Nullable
  ArchiveFetcher offsite() {
    return offsite;
  }

  /**
   * The archive store; without one connected, a catalogue-less store on the archive root (tests).
   */
  @org.jspecify.annotations.Nullable
  ArchiveStore archives() {
    if (archives == null && config.archiveRoot() != null) {
      archives = new ArchiveStore(config.archiveRoot(), clock);
    }
    return archives;
  }

  /**
   * Connects the archive previews the restore's {@code archive-check} step reads (without one the
   * step only says it did not check).
   */
  public OperationEngine previews(PreviewSource source) {
    this.previews = java.util.Objects.requireNonNull(source, "source");
    return this;
  }

  /** The archive previews, or null when none is connected. */
  public @org.jspecify.annotations.Nullable PreviewSource previews() {
    return previews;
  }

  ManagerPort api() {
    return api;
  }

  /** The shared per-manager poller (request counts for benchmarks). */
  public SharedPoller poller() {
    return api;
  }

  OpsConfig config() {
    return config;
  }

  /** The engine's clock (the scheduler revives dead executions on it). */
  public Clock clock() {
    return clock;
  }

  /** Stores a new operation and schedules its first tick now; returns its id. */
  public String submit(OperationRequest req) {
    String id = newId();
    Operation op = newOperation(id, req);
    store.insert(op);
    log.info("Operation {} submitted: {} by {}", id, op.subject(), req.requester());
    scheduler.schedule(id, clock.instant());
    return id;
  }

  /**
   * Stores the operation under {@code id} unless it exists, and schedules it either way: calling it
   * again (a retry after a crash, another replica) starts nothing new. Returns true when this call
   * created it.
   */
  public boolean submitOnce(String id, OperationRequest req) {
    if (!io.cfychatops.command.ShortIds.isValid(id)) {
      throw new IllegalArgumentException("not a valid operation id: " + id);
    }
    Operation op = newOperation(id, req);
    boolean created = store.find(id).isEmpty() && store.insertIfAbsent(op);
    if (created) {
      log.info("Operation {} submitted: {} by {}", id, op.subject(), req.requester());
    }
    scheduler.schedule(id, clock.instant());
    return created;
  }

  /** The id of the one operation an approval may start: {@code apr-x7k2} → {@code op-x7k2}. */
  public static String idForApproval(String approvalId) {
    if (approvalId == null || !approvalId.startsWith("apr-")) {
      throw new IllegalArgumentException("not an approval id: " + approvalId);
    }
    return "op-" + approvalId.substring(4);
  }

  private Operation newOperation(String id, OperationRequest req) {
    Instant now = clock.instant();
    List<StepState> steps = new ArrayList<>();
    for (Step s : runbooks.plan(req.kind(), req.approval() != null)) {
      steps.add(StepState.pending(s.name()));
    }
    return new Operation(
        id,
        req.kind(),
        req.manager(),
        req.spec(),
        req.approval(),
        req.incident(),
        req.requester(),
        req.approvers(),
        OpStatus.RUNNING,
        steps,
        null,
        null,
        now,
        now,
        null,
        "NONE",
        null,
        "",
        0);
  }

  /** Schedules every unfinished operation now (on start); returns their ids. */
  public List<String> resumeUnfinished() {
    List<String> ids = new ArrayList<>();
    for (Operation op : store.findUnfinished()) {
      scheduler.schedule(op.id(), clock.instant());
      ids.add(op.id());
    }
    if (!ids.isEmpty()) {
      log.info("Resuming {} unfinished operation(s): {}", ids.size(), ids);
    }
    return ids;
  }

  public Optional<Operation> find(String id) {
    return store.find(id);
  }

  public List<Operation> recent(int limit) {
    return store.recent(limit);
  }

  /** {@code /cfy ops list}. */
  public Message renderList(int limit) {
    return messages.list(limit);
  }

  /**
   * {@code /cfy ops list} for a user: the running operations and the {@code limit} most recent
   * finished ones of {@code managers} only.
   */
  public Message renderList(int limit, java.util.Collection<String> managers) {
    return messages.list(limit, managers);
  }

  /** {@code /cfy ops show ID}. */
  public Message renderShow(String id) {
    return messages.show(id, null);
  }

  /**
   * {@code /cfy ops show ID} for a user: "No operation" unless it runs on one of {@code managers}
   * (null: any), so the ids of other managers' operations do not leak.
   */
  public Message renderShow(String id, java.util.Collection<String> managers) {
    return messages.show(id, managers);
  }

  /**
   * Requests a cancel. The runbook decides at its next tick (immediately scheduled) whether the
   * current step can be cancelled; the answer goes to the operation's thread. Returns the text for
   * the person who asked.
   */
  public String cancel(String id, String userId) {
    for (int attempt = 0; ; attempt++) {
      try {
        return cancels.request(id, userId, scheduler);
      } catch (OperationStore.ConcurrentUpdateException e) {
        if (attempt >= 5) {
          return "Operation " + id + " is busy; try the cancel again in a moment.";
        }
      }
    }
  }

  /** Sends pending progress (call periodically; the manual scheduler calls it on every run). */
  public void pump() {
    progress.flush();
  }

  /** When progress has something waiting (rate limits, coalescing), or null. */
  public Instant progressDue() {
    return progress.nextDue();
  }

  Operation persistStep(Operation op, StepState state) {
    return store.update(op.withStep(state));
  }

  /**
   * One tick. Returns when to tick again, or empty when the operation has ended (or is unknown).
   */
  public Optional<Instant> advance(String id) {
    MDC.put("operation", id);
    try {
      Optional<Operation> found = store.find(id);
      if (found.isEmpty() || found.get().status().isFinal()) {
        return Optional.empty();
      }
      Operation op = found.get();
      MDC.put("manager", op.manager());
      op = messages.ensureMessage(op);
      List<Step> steps = runbooks.steps(op.kind());
      for (int guard = 0; guard < 200; guard++) {
        op = cancels.handle(op, steps);
        Optional<StepState> cur = op.currentStep();
        if (cur.isEmpty()) {
          finish(op);
          return Optional.empty();
        }
        StepState st = cur.get();
        Step step = Step.named(steps, st.name());
        Instant now = clock.instant();
        if ((op.failure() != null || op.cancel().equals("ACCEPTED")) && !step.alwaysRun()) {
          op = store.update(op.withStep(st.finished(StepStatus.SKIPPED, now, "skipped")));
          continue;
        }
        if (st.status() == StepStatus.PENDING) {
          st = st.started(now);
          op = store.update(op.withStep(st));
          log.info("Operation {} step {} started", id, st.name());
        }
        StepContext ctx = new StepContext(this, op, st);
        StepOutcome out = stepRunner.runSafely(step, ctx);
        op = ctx.currentOp();
        st = ctx.state();
        out = StepRunner.redacted(out);
        for (String note : ctx.drainNotes()) {
          messages.thread(op, Status.INFO, Redactor.forDisplay(note));
          op = op.withChange(now);
        }
        now = clock.instant();
        if (out instanceof StepOutcome.Done d) {
          st =
              st.withData("retries", null)
                  .withData("pollMs", null)
                  .finished(StepStatus.DONE, now, d.detail() == null ? "" : d.detail());
          op = store.update(op.withStep(st).withChange(now));
          log.info("Operation {} step {} done: {}", id, st.name(), Redactor.redact(st.detail()));
          messages.thread(
              op, Status.OK, st.name() + (st.detail().isEmpty() ? "" : ": " + st.detail()));
        } else if (out instanceof StepOutcome.Fail f) {
          st = st.finished(StepStatus.FAILED, now, f.reason());
          Operation next = op.withStep(st).withChange(now);
          if (next.failure() == null) {
            next = next.withFailure(st.name() + ": " + f.reason());
          }
          op = store.update(next);
          log.warn("Operation {} step {} failed: {}", id, st.name(), Redactor.redact(f.reason()));
          messages.thread(op, Status.FAILED, st.name() + " failed: " + f.reason());
        } else if (out instanceof StepOutcome.Wait w) {
          String detail = w.detail() == null ? st.detail() : w.detail();
          boolean changed = !detail.equals(op.step(st.name()).map(StepState::detail).orElse(""));
          Operation next = op.withStep(st.withDetail(detail));
          if (changed) {
            next = next.withChange(now);
          }
          op = store.update(next);
          messages.refresh(op);
          progress.flush();
          return Optional.of(now.plus(w.after()));
        }
      }
      throw new IllegalStateException("Operation " + id + " did not settle within 200 step runs");
    } finally {
      progress.flush();
      MDC.remove("operation");
      MDC.remove("manager");
    }
  }

  private void finish(Operation op) {
    Instant now = clock.instant();
    OpStatus status =
        op.cancel().equals("ACCEPTED")
            ? OpStatus.CANCELLED
            : op.failure() != null
                ? OpStatus.FAILED
                : Step.problems(op) > 0 ? OpStatus.PARTIAL : OpStatus.SUCCEEDED;
    Operation done = op.withStatus(status, now, runbooks.summary(op, status, now));
    done = store.update(done);
    log.info(
        "Operation {} finished: {} in {}", op.id(), status, Durations.format(done.elapsed(now)));
    for (var l : finishListeners) {
      try {
        l.accept(done);
      } catch (RuntimeException e) {
        log.warn("Finish listener failed for {}: {}", op.id(), e.toString());
      }
    }
    messages.finished(done, status, now);
  }

  private static String newId() {
    return io.cfychatops.command.ShortIds.random("op-", 6);
  }
}
