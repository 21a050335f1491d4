package io.cfychatops.backup;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.CreateFlags;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.Step;
import io.cfychatops.ops.StepContext;
import io.cfychatops.ops.StepOutcome;
import io.cfychatops.ops.StepState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runbook of {@link OpKind#NIGHTLY}: one manager's nightly backup as durable steps on the one
 * {@link OperationEngine}, so a run survives a crash (any replica resumes it) and waits on the
 * engine's scheduler and shared poller ({@link StepContext#api()}) without holding a thread.
 *
 * <p>Steps: {@value #CREATE} (names the snapshot and stores that name before the PUT, then the
 * execution id) → {@value #WAIT} (the execution, then the snapshot row settling) → {@value
 * #DOWNLOAD} (into the {@link ArchiveStore}: verification and catalog entry on the way) → {@value
 * #VERIFY} → {@value #CATALOG} (the dead-man hook) → {@value #OFFSITE} (the off-site copy; its
 * failure shows in the report, never fails the run) → {@value #RETENTION} → {@value #RECORD}
 * (always: the run log's end record and metrics) → {@value #REPORT} (always: the batch report,
 * posted by the batch's last run). The step names are the failure stages of {@link ManagerRun}.
 */
final class NightlyRunbook {
  private static final Logger log = LoggerFactory.getLogger(NightlyRunbook.class);
  static final String CREATE = "create";
  static final String WAIT = "wait";
  static final String DOWNLOAD = "download";
  static final String VERIFY = "verify";
  static final String CATALOG = "catalog";
  static final String RETENTION = "retention";
  static final String RECORD = "record";
  static final String REPORT = "report";
  static final String OFFSITE = "offsite";

  private final BackupConfig config;
  private final ArchiveStore store;
  private final BackupCatalog catalog;
  private final NightlyRunLog runs;
  private final @Nullable Metrics metrics;
  private final BiConsumer<String, Instant> verified;
  private final Function<String, NightlyService.RetentionOutcome> retention;
  private final NightReports reports;
  private final NightlyResults results;
  private final Function<String, Optional<Operation>> operations;
  private final Predicate<String> awaited;
  private final NightlyWait wait;
  private final NightlyOffsite offsite;

  /**
   * @param operations the engine's operations by id (the other runs of a batch)
   * @param awaited whether a caller in this process waits for a run (it shows the report itself)
   */
  NightlyRunbook(
      BackupConfig config,
      ArchiveStore store,
      BackupCatalog catalog,
      NightlyRunLog runs,
      @Nullable Metrics metrics,
      BiConsumer<String, Instant> verified,
      Function<String, NightlyService.RetentionOutcome> retention,
      NightReports reports,
      Function<String, Optional<Operation>> operations,
      Predicate<String> awaited,
      @Nullable OffsiteCopies offsite) {
    this.config = config;
    this.store = store;
    this.catalog = catalog;
    this.runs = runs;
    this.metrics = metrics;
    this.verified = verified;
    this.retention = retention;
    this.reports = reports;
    this.results = new NightlyResults(config, runs);
    this.operations = operations;
    this.awaited = awaited;
    this.wait = new NightlyWait(config);
    this.offsite = new NightlyOffsite(offsite);
  }

  /** The steps, in order. */
  List<Step> steps() {
    return List.of(
        Step.of(CREATE, this::create),
        Step.of(WAIT, wait::await),
        Step.of(DOWNLOAD, this::download),
        Step.of(VERIFY, this::verify),
        Step.of(CATALOG, this::catalog),
        Step.of(OFFSITE, offsite::run),
        Step.of(RETENTION, this::retention),
        always(RECORD, this::record),
        always(REPORT, this::report));
  }

  /** The operation id of {@code manager}'s run for {@code slot}: the same on every replica. */
  static String operationId(String manager, Instant slot) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((manager + "\n" + slot).getBytes(StandardCharsets.UTF_8));
      return "op-n" + HexFormat.of().formatHex(h, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- steps ---------------------------------------------------------------------------------

  private StepOutcome create(StepContext ctx) {
    String manager = ctx.manager();
    ManagerPort api = ctx.api();
    String snapshotId = ctx.data("snapshot");
    if (snapshotId == null) {
      String version;
      try {
        version = api.version(manager);
      } catch (RuntimeException e) {
        log.warn("Cannot read the version of {}: {}", manager, NightlyService.message(e));
        version = "unknown";
      }
      snapshotId = uniqueName(manager, NightlyResults.spec(ctx.op()).slot());
      ctx.data("snapshot", snapshotId);
      ctx.data("version", version);
      ctx.persist(); // the name is durable before the PUT: a resumed run re-attaches to it
    } else if (ctx.executionId() != null) {
      return StepOutcome.done("`" + snapshotId + "`");
    } else if (exists(ctx, snapshotId)) {
      return StepOutcome.done("`" + snapshotId + "` (re-attached after a restart)");
    }
    try {
      ctx.recordExecution(
          api.createSnapshot(manager, snapshotId, CreateFlags.MANAGER_DEFAULTS).id());
    } catch (RuntimeException e) {
      return StepOutcome.fail(NightlyService.message(e));
    }
    return StepOutcome.done("`" + snapshotId + "`");
  }

  private static boolean exists(StepContext ctx, String snapshotId) {
    try {
      return ctx.api().getSnapshot(ctx.manager(), snapshotId).isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Streams the archive into the store, which verifies and catalogues it on the way. */
  private StepOutcome download(StepContext ctx) {
    if (ctx.data("sha256") != null) {
      return StepOutcome.done(ctx.state().detail());
    }
    String manager = ctx.manager();
    String snapshotId = snapshotId(ctx.op());
    String version = ctx.step(CREATE).map(s -> s.data().get("version")).orElse("unknown");
    Instant createdAt = Instant.parse(ctx.step(WAIT).orElseThrow().data().get("createdAt"));
    ArchiveStore.Saved saved;
    try {
      // the client hashes while streaming; the verifier re-reads the file against that hash
      saved =
          store.save(
              new ArchiveStore.Copy(
                  manager, snapshotId, createdAt, version, CatalogEntry.Origin.NIGHTLY),
              out -> {
                ManagerPort.ArchiveInfo d = ctx.api().downloadSnapshot(manager, snapshotId, out);
                return new ArchiveStore.Written(d.bytes(), d.sha256());
              });
    } catch (ArchiveStore.CatalogFailure e) {
      ctx.data("catalogError", NightlyService.message(e.getCause()));
      return stored(ctx, e.archive().sizeBytes(), e.archive().sha256());
    } catch (RuntimeException e) {
      return StepOutcome.fail(NightlyService.message(e));
    }
    if (!saved.verification().ok()) {
      ctx.data("problems", String.join("; ", saved.verification().problems()));
    }
    ctx.data(
        "verifiedAt",
        (saved.entry() == null || saved.entry().verifiedAt() == null
                ? ctx.now()
                : saved.entry().verifiedAt())
            .toString());
    return stored(ctx, saved.archive().sizeBytes(), saved.archive().sha256());
  }

  private static StepOutcome stored(StepContext ctx, long bytes, String sha256) {
    ctx.data("bytes", Long.toString(bytes));
    ctx.data("sha256", sha256);
    return StepOutcome.done(bytes + " bytes");
  }

  private StepOutcome verify(StepContext ctx) {
    StepState dl = ctx.step(DOWNLOAD).orElseThrow();
    String problems = dl.data().get("problems");
    // a copy whose catalog entry failed is reported at the catalog stage, as the store says
    if (problems == null || dl.data().get("catalogError") != null) {
      return StepOutcome.done("verified");
    }
    return StepOutcome.fail(problems);
  }

  private StepOutcome catalog(StepContext ctx) {
    StepState dl = ctx.step(DOWNLOAD).orElseThrow();
    String error = dl.data().get("catalogError");
    if (error != null) {
      return StepOutcome.fail(error);
    }
    // the one hook for "a copy became verified" (never throws); keep it right after the catalog
    verified.accept(ctx.manager(), Instant.parse(dl.data().get("verifiedAt")));
    return StepOutcome.done("recorded");
  }

  private StepOutcome retention(StepContext ctx) {
    NightlyService.RetentionOutcome r = retention.apply(ctx.manager());
    ctx.data("deleted", String.join("\n", r.deleted()));
    ctx.data("problems", String.join("\n", r.problems()));
    return StepOutcome.done(r.deleted().size() + " deleted");
  }

  /** The run log's end record and the metrics, once (a resumed step finds the record ended). */
  private StepOutcome record(StepContext ctx) {
    Operation op = ctx.op();
    Instant slot = NightlyResults.spec(op).slot();
    Instant end = ctx.now();
    ctx.data("finishedAt", end.toString());
    Optional<RunRecord> claim = results.claim(op.manager(), slot);
    if (claim.isEmpty() || claim.get().outcome() != RunRecord.Outcome.RUNNING) {
      return StepOutcome.done(claim.isEmpty() ? "no claim in the run log" : "already recorded");
    }
    ManagerRun r = results.result(op, end);
    RunRecord ended =
        r.succeeded()
            ? claim
                .get()
                .succeeded(
                    end, r.snapshotId(), r.sizeBytes(), r.sha256(), r.verified(), r.duration())
            : claim
                .get()
                .failed(
                    end,
                    r.snapshotId(),
                    r.failedStage() + ": " + r.error(),
                    r.sha256() == null ? null : r.sizeBytes(),
                    r.sha256(),
                    r.duration());
    if (!runs.finish(ended)) {
      log.warn(
          "The run of {} for slot {} was not RUNNING in the run log any more; its end is"
              + " not recorded",
          op.manager(),
          slot);
      return StepOutcome.done("already recorded");
    }
    if (metrics != null) {
      if (r.succeeded()) {
        metrics.backupSucceeded(op.manager(), r.sizeBytes(), r.duration(), end);
      } else {
        metrics.backupFailed(op.manager(), r.failedStage(), r.duration());
      }
    }
    return StepOutcome.done(r.succeeded() ? "succeeded" : "failed");
  }

  /**
   * Posts the batch's report when every run of the batch has recorded its end (this one last). A
   * manual run reports only when nobody in this process waits for it (it was resumed after a
   * crash): {@code /cfy backups run} shows its report in the reply.
   */
  private StepOutcome report(StepContext ctx) {
    Operation op = ctx.op();
    if (ctx.data("posted") != null) {
      return StepOutcome.done("posted");
    }
    boolean manual =
        results
            .claim(op.manager(), NightlyResults.spec(op).slot())
            .map(r -> r.kind() == RunRecord.Kind.MANUAL)
            .orElse(true);
    if (manual && awaited.test(op.id())) {
      return StepOutcome.done("shown to the caller");
    }
    List<ManagerRun> runsOfBatch = new ArrayList<>();
    for (String id : NightlyResults.batch(op)) {
      Operation o = id.equals(op.id()) ? op : operations.apply(id).orElse(null);
      if (o == null || !NightlyResults.recorded(o)) {
        return StepOutcome.done("the batch's last run reports");
      }
      runsOfBatch.add(results.result(o, NightlyResults.finishedAt(o)));
    }
    ctx.data("posted", "true");
    ctx.persist(); // at most one post if this step runs again after a crash
    reports.post(reports.report(runsOfBatch));
    return StepOutcome.done("posted");
  }

  private static Step always(String name, Function<StepContext, StepOutcome> body) {
    return new Step() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean alwaysRun() {
        return true;
      }

      @Override
      public StepOutcome run(StepContext ctx) {
        return body.apply(ctx);
      }
    };
  }

  private static String snapshotId(Operation op) {
    return op.step(CREATE).orElseThrow().data().get("snapshot");
  }

  private String uniqueName(String manager, Instant at) {
    String base = NightlyIds.nightlySnapshotId(manager, at, config.schedule(manager).zone());
    Set<String> taken = new HashSet<>();
    catalog.list(manager).forEach(c -> taken.add(c.snapshotId()));
    store.list(manager).forEach(a -> taken.add(a.snapshotId()));
    String id = base;
    for (int i = 2; taken.contains(id); i++) {
      id = base + "-" + i;
    }
    return id;
  }
}
