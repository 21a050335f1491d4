package io.cfychatops.drill;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.ops.DrillSteps;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationSpec.DrillSpec;
import io.cfychatops.ops.Step;
import io.cfychatops.ops.StepContext;
import io.cfychatops.ops.StepOutcome;
import io.cfychatops.ops.StepState;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Truncate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runbook of {@link OpKind#DRILL}, on the scratch manager: {@value #FETCH} (the stored copy,
 * its SHA-256 checked against the catalog) → the restore runbook's steps ({@link
 * DrillSteps#restoreOnScratch()}: upload, preflight, maintenance on, restore, its wait, REST back,
 * maintenance off) → {@value #VALIDATE} ({@link DrillValidation}) → {@value #VERDICT} (always: the
 * verdict with its reason, RTO by phase, the history row, metrics and the report).
 *
 * <p>The drill's own limit ({@link DrillSpec#timeout()}, from the operation's start on the engine's
 * clock) guards every step but the clean-up ones: past it the current step stops (a running restore
 * execution is cancelled), the drill fails as {@link DrillVerdict#TIMED_OUT}, and maintenance off
 * still runs, so the scratch manager is left out of maintenance mode.
 */
final class DrillRunbook {
  private static final Logger log = LoggerFactory.getLogger(DrillRunbook.class);
  static final String FETCH = "fetch";
  static final String VALIDATE = "validate";
  static final String VERDICT = "verdict";

  /** Step data marking the step the drill's limit stopped. */
  static final String TIMED_OUT = "timedOut";

  private final DrillLog drills;
  private final DrillValidation validation;
  private final ChatPort chat;
  private final String reportsChannel;
  private final @Nullable Metrics metrics;

  DrillRunbook(
      DrillLog drills,
      DrillValidation validation,
      ChatPort chat,
      String reportsChannel,
      @Nullable Metrics metrics) {
    this.drills = drills;
    this.validation = validation;
    this.chat = chat;
    this.reportsChannel = reportsChannel;
    this.metrics = metrics;
  }

  List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    steps.add(guarded(Step.of(FETCH, DrillRunbook::fetch)));
    for (Step s : DrillSteps.restoreOnScratch()) {
      steps.add(guarded(s));
    }
    steps.add(guarded(Step.of(VALIDATE, validation::validate)));
    steps.add(always(VERDICT, this::verdict));
    return List.copyOf(steps);
  }

  // ---- fetch ---------------------------------------------------------------------------------

  /** The stored copy is there and its bytes are the ones catalogued as verified. */
  static StepOutcome fetch(StepContext ctx) {
    DrillSpec spec = ctx.op().spec(DrillSpec.class);
    if (!Files.isRegularFile(spec.archive())) {
      return StepOutcome.fail(
          "the stored copy of `" + spec.snapshot().value() + "` is missing from the archive store");
    }
    MessageDigest md = ArchiveStore.sha256();
    long bytes = 0;
    try (InputStream in = Files.newInputStream(spec.archive())) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
        bytes += n;
      }
    } catch (IOException e) {
      return StepOutcome.fail(
          "cannot read the stored copy of `" + spec.snapshot().value() + "`: " + e.getMessage());
    }
    String sha = HexFormat.of().formatHex(md.digest());
    if (spec.sha256() != null && !sha.equalsIgnoreCase(spec.sha256())) {
      return StepOutcome.fail(
          "the stored copy of `"
              + spec.snapshot().value()
              + "` no longer matches its recorded SHA-256 ("
              + Truncate.shaPrefix(sha)
              + " ≠ "
              + Truncate.shaPrefix(spec.sha256())
              + ")");
    }
    return StepOutcome.done(
        "copy of `"
            + spec.snapshot().value()
            + "` from the archive store, "
            + Durations.bytes(bytes)
            + ", sha256 "
            + Truncate.shaPrefix(sha)
            + " checked");
  }

  // ---- the drill's limit ---------------------------------------------------------------------

  /** {@code step} stopped by the drill's limit once it has passed. */
  private static Step guarded(Step step) {
    return new Step() {
      @Override
      public String name() {
        return step.name();
      }

      @Override
      public boolean alwaysRun() {
        return step.alwaysRun();
      }

      @Override
      public String onCancel(StepContext ctx) {
        return step.onCancel(ctx);
      }

      @Override
      public StepOutcome run(StepContext ctx) {
        if (step.alwaysRun()) {
          return step.run(ctx); // clean-up runs past the limit: it is what the limit protects
        }
        DrillSpec spec = ctx.op().spec(DrillSpec.class);
        Instant deadline = ctx.op().createdAt().plus(spec.timeout());
        if (!ctx.now().isAfter(deadline)) {
          return step.run(ctx);
        }
        ctx.data(TIMED_OUT, "true");
        String stopped = stopRestore(ctx);
        return StepOutcome.fail(
            "timed out: the drill's limit of "
                + Durations.format(spec.timeout())
                + " passed during "
                + step.name()
                + stopped);
      }
    };
  }

  /** At the limit during the restore's wait: cancels the restore execution if it still runs. */
  private static String stopRestore(StepContext ctx) {
    if (!ctx.state().name().equals(DrillSteps.RESTORE_WAIT)) {
      return "";
    }
    String id = ctx.step(DrillSteps.RESTORE).map(StepState::executionId).orElse(null);
    if (id == null) {
      return "";
    }
    try {
      ManagerPort.ExecutionInfo e = ctx.api().getExecution(ctx.manager(), id, true);
      if (e.status().isTerminal()) {
        return "";
      }
      ManagerPort.ExecutionInfo c = ctx.api().cancelExecution(ctx.manager(), id);
      return "; restore execution " + id + " is " + c.status().wireValue();
    } catch (ManagerPort.ManagerCallException ex) {
      return "; the restore execution could not be cancelled (" + DrillSteps.describe(ex) + ")";
    }
  }

  // ---- verdict -------------------------------------------------------------------------------

  private StepOutcome verdict(StepContext ctx) {
    Operation op = ctx.op();
    DrillSpec spec = op.spec(DrillSpec.class);
    boolean timedOut = op.steps().stream().anyMatch(s -> s.data().containsKey(TIMED_OUT));
    DrillVerdict v =
        timedOut
            ? DrillVerdict.TIMED_OUT
            : op.failure() != null || op.cancel().equals("ACCEPTED")
                ? DrillVerdict.FAILED
                : DrillVerdict.SUCCESSFUL;
    String reason =
        op.failure() != null
            ? op.failure()
            : op.cancel().equals("ACCEPTED") ? "cancelled" : "restored and validated";
    Map<String, Duration> phases = DrillPhases.of(op);
    Instant now = ctx.now();
    Duration total = Duration.between(op.createdAt(), now);
    DrillRecord started =
        DrillRecord.started(
            op.id(), spec.source(), op.manager(), spec.slot(), spec.snapshot().value(), now);
    drills.start(started); // a no-op when the service recorded the start (it always does first)
    DrillRecord ended = drills.find(op.id()).orElse(started).ended(v, reason, now, phases, total);
    if (!drills.finish(ended)) {
      return StepOutcome.done(v + " (recorded before a restart)");
    }
    if (metrics != null) {
      metrics.drillFinished(spec.source(), v.name().toLowerCase(), phases, total);
    }
    try {
      chat.post(reportsChannel, DrillReport.render(ended));
    } catch (RuntimeException e) {
      log.warn("Cannot post the drill report of {}: {}", op.id(), e.toString());
    }
    return StepOutcome.done(v + " in " + Durations.format(total));
  }

  private static Step always(String name, java.util.function.Function<StepContext, StepOutcome> f) {
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
        return f.apply(ctx);
      }
    };
  }
}
