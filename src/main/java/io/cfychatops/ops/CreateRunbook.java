package io.cfychatops.ops;

import io.cfychatops.ops.ManagerPort.ExecutionInfo;
import io.cfychatops.ops.ManagerPort.Failure;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import io.cfychatops.ops.OperationSpec.CreateSpec;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Redactor;
import io.cfychatops.text.Truncate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@link OpKind#CREATE} and the create/wait/verify steps the restore's safety snapshot reuses. */
final class CreateRunbook {
  private CreateRunbook() {}

  /** The runbook of {@link OpKind#CREATE}: request, wait for the execution, verify. */
  static List<Step> steps() {
    Function<StepContext, String> snapshot = StepContext::snapshot;
    return List.of(
        createStep("create", snapshot, ctx -> true),
        waitExecutionStep("wait", "create", ctx -> true, false),
        verifyCreatedStep("verify", snapshot, "create", ctx -> true));
  }

  /**
   * The create command's flags for the operation's own snapshot, exactly as approved (an operation
   * stored before {@code queue} was recorded keeps the queueing it ran with: see the store's legacy
   * reading); safety snapshots use the defaults.
   */
  static ManagerPort.CreateFlags createFlags(StepContext ctx, String snapshot) {
    if (ctx.op().spec() instanceof CreateSpec c && c.snapshot().value().equals(snapshot)) {
      return c.flags();
    }
    return ManagerPort.CreateFlags.DEFAULT;
  }

  /** PUT /snapshots/id; re-attaches on resume (attempt marker + existing snapshot + execution). */
  static Step createStep(
      String name,
      Function<StepContext, String> snapshotOf,
      Function<StepContext, Boolean> enabled) {
    return new Step() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public StepOutcome run(StepContext ctx) {
        if (!enabled.apply(ctx)) {
          return StepOutcome.done("skipped (safety snapshot turned off)");
        }
        String snap = snapshotOf.apply(ctx);
        if (ctx.executionId() != null) {
          return StepOutcome.done("execution " + ctx.executionId());
        }
        String m = ctx.manager();
        boolean retry = ctx.data("attempted") != null;
        if (retry) {
          Optional<SnapshotInfo> existing = ctx.api().getSnapshot(m, snap);
          if (existing.isPresent()) {
            return adopt(ctx, snap, existing.get());
          }
        }
        ctx.data("attempted", "true");
        ctx.persist();
        ExecutionInfo e;
        try {
          e = ctx.api().createSnapshot(m, snap, createFlags(ctx, snap));
        } catch (ManagerCallException ex) {
          if (ex.failure() == Failure.CONFLICT) {
            if (retry) {
              return adopt(ctx, snap, ctx.api().getSnapshot(m, snap).orElseThrow(() -> ex));
            }
            return StepOutcome.fail(
                "snapshot `"
                    + snap
                    + "` already exists on "
                    + m
                    + "; pick another id or delete it first");
          }
          throw ex;
        }
        ctx.recordExecution(e.id());
        ctx.note(
            "snapshot `"
                + snap
                + "` requested; execution "
                + e.id()
                + " is "
                + e.status().wireValue()
                + (e.status().isWaiting() ? " (waiting for other executions to end)" : ""));
        return StepOutcome.done("execution " + e.id() + " " + e.status().wireValue());
      }
    };
  }

  private static StepOutcome adopt(StepContext ctx, String snap, SnapshotInfo s) {
    for (ExecutionInfo e : ctx.api().activeExecutions(ctx.manager())) {
      if (snap.equals(e.snapshotId()) && e.workflowId().equals("create_snapshot")) {
        ctx.recordExecution(e.id());
        return StepOutcome.done("re-attached to execution " + e.id());
      }
    }
    ctx.data("adopted", s.status().wireValue());
    return StepOutcome.done(
        "snapshot `"
            + snap
            + "` already "
            + s.status().wireValue()
            + " (created before a restart)");
  }

  /** Polls the execution recorded by {@code fromStep} until it ends. */
  static Step waitExecutionStep(
      String name, String fromStep, Function<StepContext, Boolean> enabled, boolean bypass) {
    return new Step() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public StepOutcome run(StepContext ctx) {
        if (!enabled.apply(ctx)) {
          return StepOutcome.done("skipped");
        }
        String id = ctx.step(fromStep).map(StepState::executionId).orElse(null);
        if (id == null) {
          return StepOutcome.done("no execution to wait for");
        }
        Instant deadline = ctx.deadline("deadline", ctx.config().createTimeout());
        ExecutionInfo e = ctx.api().getExecution(ctx.manager(), id, bypass);
        if (!e.status().wireValue().equals(ctx.data("last"))) {
          if (ctx.data("last") != null) {
            ctx.note("execution " + id + " is " + e.status().wireValue());
          }
          ctx.data("last", e.status().wireValue());
        }
        if (e.status().isTerminal()) {
          return e.succeeded()
              ? StepOutcome.done("execution " + id + " terminated")
              : StepOutcome.fail(
                  "execution "
                      + id
                      + " "
                      + e.status().wireValue()
                      + (e.error().isBlank()
                          ? ""
                          : ": "
                              + Truncate.firstLine(Redactor.redact(e.error()), Truncate.MAX_LINE)));
        }
        if (ctx.now().isAfter(deadline)) {
          return StepOutcome.fail(
              "execution "
                  + id
                  + " still "
                  + e.status().wireValue()
                  + " after "
                  + Durations.format(ctx.config().createTimeout()));
        }
        return StepOutcome.waitFor(
            ctx.nextPoll(ctx.config().poll()),
            "execution "
                + e.status().wireValue()
                + (e.status().isWaiting() ? " (queued behind other executions)" : ""));
      }

      @Override
      public String onCancel(StepContext ctx) {
        String id = ctx.step(fromStep).map(StepState::executionId).orElse(null);
        if (id == null) {
          return null;
        }
        try {
          ExecutionInfo e = ctx.api().cancelExecution(ctx.manager(), id);
          ctx.note("execution " + id + " is " + e.status().wireValue() + " (cancel sent)");
          return null;
        } catch (ManagerCallException ex) {
          if (ex.failure() == Failure.BAD_REQUEST) {
            return "the execution can no longer be cancelled (" + ex.getMessage() + ")";
          }
          throw ex;
        }
      }
    };
  }

  /** Re-reads the snapshot after its create execution: only `created` is success. */
  static Step verifyCreatedStep(
      String name,
      Function<StepContext, String> snapshotOf,
      String createStep,
      Function<StepContext, Boolean> enabled) {
    return Step.of(
        name,
        ctx -> {
          if (!enabled.apply(ctx)) {
            return StepOutcome.done("skipped");
          }
          String snap = snapshotOf.apply(ctx);
          Optional<SnapshotInfo> s = ctx.api().getSnapshot(ctx.manager(), snap);
          if (s.isEmpty()) {
            return StepOutcome.fail("snapshot `" + snap + "` is gone from " + ctx.manager());
          }
          switch (s.get().status()) {
            case CREATED:
              return StepOutcome.done("snapshot `" + snap + "` created");
            case FAILED:
              return StepOutcome.fail(
                  "snapshot `"
                      + snap
                      + "` failed: "
                      + Truncate.firstLine(Redactor.redact(s.get().error()), Truncate.MAX_LINE));
            default:
              Instant deadline = ctx.deadline("deadline", Duration.ofMinutes(2));
              if (ctx.now().isAfter(deadline)) {
                return StepOutcome.fail(
                    "execution ended but snapshot `"
                        + snap
                        + "` is still "
                        + s.get().status().wireValue());
              }
              return StepOutcome.waitFor(
                  ctx.nextPoll(ctx.config().poll()), "snapshot " + s.get().status().wireValue());
          }
        });
  }
}
