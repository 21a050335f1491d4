package io.cfychatops.ops;

import io.cfychatops.ops.ManagerPort.ExecutionInfo;
import io.cfychatops.ops.ManagerPort.Failure;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import io.cfychatops.ops.OperationSpec.RestoreSpec;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Redactor;
import io.cfychatops.text.Truncate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link OpKind#RESTORE}: approval, preflight, archive check ({@link ArchiveCheck}), safety
 * snapshot, maintenance on, the restore (sent at most once), its wait through the REST outage,
 * maintenance off, post-checks.
 */
final class RestoreRunbook {
  private RestoreRunbook() {}

  private static final DateTimeFormatter SAFETY_TS = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** The runbook of {@link OpKind#RESTORE}. */
  static List<Step> steps(Step approvalCheck) {
    Function<StepContext, String> safetyName =
        ctx -> ctx.step("safety-snapshot").map(s -> s.data().get("snapshot")).orElse(null);
    Function<StepContext, Boolean> safetyOn =
        ctx -> ctx.op().spec(RestoreSpec.class).safetySnapshot();
    return List.of(
        approvalCheck,
        Step.of("preflight", RestoreRunbook::preflight),
        ArchiveCheck.step(), // before the safety snapshot: the first call that changes anything
        CreateRunbook.createStep(
            "safety-snapshot",
            ctx -> {
              String name = ctx.data("snapshot");
              if (name == null) {
                name =
                    "safety-"
                        + ctx.manager().replaceAll("[^A-Za-z0-9._-]", "-")
                        + "-"
                        + SAFETY_TS.format(ctx.now().atZone(ctx.config().zone()));
                ctx.data("snapshot", name);
              }
              return name;
            },
            safetyOn),
        CreateRunbook.waitExecutionStep("safety-wait", "safety-snapshot", safetyOn, false),
        CreateRunbook.verifyCreatedStep("safety-verify", safetyName, "safety-snapshot", safetyOn),
        MaintenanceRunbook.maintenanceOnStep(),
        new RestoreStep(),
        new RestoreWaitStep(),
        MaintenanceRunbook.maintenanceOffStep(true),
        Step.of("post-checks", RestoreRunbook::postChecks),
        new ReceiptStep());
  }

  static StepOutcome preflight(StepContext ctx) {
    String m = ctx.manager();
    String snap = ctx.snapshot();
    Optional<SnapshotInfo> s = ctx.api().getSnapshot(m, snap);
    if (s.isEmpty()) {
      return StepOutcome.fail(
          "snapshot `"
              + snap
              + "` not found on "
              + m
              + ". Upload it first (`/cfy snapshots upload`).");
    }
    if (!s.get().status().isRestorable()) {
      return StepOutcome.fail(
          "snapshot `"
              + snap
              + "` is `"
              + s.get().status().wireValue()
              + "`; only created or uploaded snapshots can be restored"
              + (s.get().error().isBlank()
                  ? ""
                  : " ("
                      + Truncate.firstLine(Redactor.redact(s.get().error()), Truncate.MAX_LINE)
                      + ")"));
    }
    String version = ctx.api().version(m);
    StringBuilder detail =
        new StringBuilder(
            "snapshot `"
                + snap
                + "` is "
                + s.get().status().wireValue()
                + "; manager version "
                + version);
    try {
      ManagerPort.ClusterInfo cluster = ctx.api().clusterStatus(m);
      int managers = cluster.managers().size();
      detail
          .append("; cluster ")
          .append(cluster.overall())
          .append(" (")
          .append(managers)
          .append(" manager node")
          .append(managers == 1 ? "" : "s")
          .append(')');
      ClusterDiagnosis.Diagnosis d = ClusterDiagnosis.diagnose(cluster);
      if (d.kind() != ClusterDiagnosis.Case.HEALTHY) {
        ctx.note(
            "cluster looks like: "
                + d.kind().title()
                + " — "
                + String.join("; ", d.evidence())
                + ". See `/cfy cluster status`.");
      }
      if (managers > 1 && !ctx.op().spec(RestoreSpec.class).encodingAlphabetCopied()) {
        return StepOutcome.fail(Runbooks.ENCODING_ALPHABET_STEPS);
      }
    } catch (ManagerCallException e) {
      if (!e.isTransient() && e.failure() != Failure.NOT_FOUND && e.failure() != Failure.SERVER) {
        throw e;
      }
      if (e.isTransient() && ctx.data("clusterRetried") == null) {
        ctx.data("clusterRetried", "true");
        throw e;
      }
      detail.append("; cluster-status unavailable (").append(e.getMessage()).append(')');
    }
    // judged on our side: the manager's status filter has listed executions that already ended
    List<ExecutionInfo> active =
        ctx.api().activeExecutions(m).stream().filter(e -> !e.status().isTerminal()).toList();
    if (!active.isEmpty()) {
      return StepOutcome.fail(
          active.size()
              + " execution(s) are running and would block the restore: "
              + String.join(
                  ", ",
                  active.stream()
                      .map(e -> e.id() + " " + e.workflowId() + " " + e.status().wireValue())
                      .toList())
              + ". Wait for them to end or cancel them.");
    }
    return StepOutcome.done(detail.append("; no running executions").toString());
  }

  /**
   * POST restore at most once, ever. Before the POST the step stores an attempt marker and the ids
   * of the restore executions of this snapshot that already exist. Resumed with the marker and no
   * recorded execution (the process died around the POST), it never sends the POST again: it
   * re-attaches to the restore execution of this snapshot that is not in that list (read through
   * the REST outage: {@code snapshot-status} says whether a restore runs, the execution list is
   * retried until the manager answers or the restore timeout passes). When the manager answers and
   * shows no such restore, the step fails honestly: the request most likely never reached the
   * manager, and a second restore would replace the database a second time if it did.
   */
  static final class RestoreStep implements Step {
    /** How many restore executions of one snapshot are remembered / searched. */
    static final int HISTORY = 20;

    static final String NO_EVIDENCE =
        "the bot restarted after it had prepared the restore request, and"
            + " the manager shows no restore of this snapshot since then: the request most likely never"
            + " reached it. The restore is not sent again automatically (had it arrived, a second one would"
            + " replace the database again). Check the manager, then request the restore again if it is"
            + " still needed";

    @Override
    public String name() {
      return "restore";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
      if (ctx.executionId() != null) {
        return StepOutcome.done("execution " + ctx.executionId());
      }
      String m = ctx.manager();
      String snap = ctx.snapshot();
      if (ctx.data("attempted") != null) {
        return reattach(ctx, m, snap);
      }
      List<String> before =
          ctx.api().restoreExecutions(m, snap, HISTORY).stream().map(ExecutionInfo::id).toList();
      ctx.data("before", String.join(",", before));
      ctx.data("attempted", ctx.now().toString());
      ctx.persist(); // durable before the POST: a resumed step never sends it again
      String id = ctx.api().restoreSnapshot(m, snap, ctx.op().spec(RestoreSpec.class).flags());
      ctx.recordExecution(id);
      ctx.note("restore of `" + snap + "` started: execution " + id);
      return StepOutcome.done("execution " + id);
    }

    private static StepOutcome reattach(StepContext ctx, String m, String snap) {
      Instant deadline = ctx.deadline("reattachDeadline", ctx.config().restoreTimeout());
      String beforeText = ctx.data("before");
      java.util.Set<String> before =
          beforeText == null
              ? null
              : beforeText.isEmpty() ? java.util.Set.of() : java.util.Set.of(beforeText.split(","));
      boolean running;
      try {
        running = ctx.api().restoreRunning(m);
        for (ExecutionInfo e : ctx.api().restoreExecutions(m, snap, HISTORY)) {
          // a marker from an older version has no list: only a restore still running is ours then
          boolean ours = before == null ? !e.status().isTerminal() : !before.contains(e.id());
          if (ours) {
            ctx.recordExecution(e.id());
            ctx.note(
                "re-attached to restore execution "
                    + e.id()
                    + " ("
                    + e.status().wireValue()
                    + ") after a restart; the restore was not sent again");
            return StepOutcome.done("re-attached to execution " + e.id());
          }
        }
      } catch (ManagerCallException ex) {
        if (!ex.isTransient()) {
          throw ex;
        }
        if (ctx.now().isAfter(deadline)) {
          return StepOutcome.fail(
              "could not learn whether the restore reached the manager: it has not"
                  + " answered for "
                  + Durations.format(ctx.config().restoreTimeout())
                  + " ("
                  + StepRunner.describe(ex)
                  + "). The restore is not sent again; check the manager");
        }
        return StepOutcome.waitFor(
            ctx.nextPoll(ctx.config().outagePoll()),
            "after a restart: waiting"
                + " for the manager to answer to find the restore execution (not sending it again): "
                + StepRunner.describe(ex));
      }
      if (running) {
        if (ctx.now().isAfter(deadline)) {
          return StepOutcome.fail(
              "a restore is running but its execution was not found within "
                  + Durations.format(ctx.config().restoreTimeout())
                  + "; check `cfy snapshots status`");
        }
        return StepOutcome.waitFor(
            ctx.nextPoll(ctx.config().outagePoll()),
            "after a restart: a restore is running; looking for its execution (not sending it again)");
      }
      return StepOutcome.fail(NO_EVIDENCE);
    }
  }

  /**
   * Waits through the REST outage: polls the unauthenticated snapshot-status until not-running,
   * then reads the execution's result (bypassing maintenance mode).
   */
  static final class RestoreWaitStep implements Step {
    @Override
    public String name() {
      return "restore-wait";
    }

    @Override
    public StepOutcome run(StepContext ctx) {
      String m = ctx.manager();
      String id = ctx.step("restore").map(StepState::executionId).orElse(null);
      if (id == null) {
        return StepOutcome.fail("no restore execution recorded");
      }
      Instant deadline = ctx.deadline("deadline", ctx.config().restoreTimeout());
      boolean running;
      ExecutionInfo e = null;
      try {
        running = ctx.api().restoreRunning(m);
        if (!running) {
          e = ctx.api().getExecution(m, id, true);
        }
      } catch (ManagerCallException ex) {
        if (ex.failure() == Failure.NOT_FOUND) {
          return StepOutcome.fail(
              "snapshot-status says not-running but execution "
                  + id
                  + " is not found; the result is unknown — check the manager");
        }
        if (!ex.isTransient() && ex.failure() != Failure.UNAUTHORIZED) {
          throw ex;
        }
        if (ctx.data("outageSince") == null) {
          ctx.data("outageSince", ctx.now().toString());
          if (ctx.data("restDown") == null) {
            ctx.data("restDown", ctx.now().toString()); // kept for the timeline (first outage)
          }
          ctx.note(
              "REST API unavailable ("
                  + StepRunner.describe(ex)
                  + ") — expected while the restore replaces the database; waiting");
        }
        if (ctx.now().isAfter(deadline)) {
          return timeout(ctx, "the REST API has been unavailable since " + ctx.data("outageSince"));
        }
        return StepOutcome.waitFor(
            ctx.nextPoll(ctx.config().outagePoll()),
            "REST outage for "
                + Durations.format(
                    Duration.between(Instant.parse(ctx.data("outageSince")), ctx.now())));
      }
      if (ctx.data("outageSince") != null) {
        ctx.note(
            "REST API is back after "
                + Durations.format(
                    Duration.between(Instant.parse(ctx.data("outageSince")), ctx.now())));
        ctx.data("outageSince", null);
        ctx.data("restBack", ctx.now().toString()); // kept for the timeline (latest return)
        ctx.resetPoll();
      }
      if (e != null && e.status().isTerminal()) {
        if (e.succeeded()) {
          return StepOutcome.done("restore execution " + id + " terminated");
        }
        return StepOutcome.fail(
            "restore execution "
                + id
                + " "
                + e.status().wireValue()
                + (e.error().isBlank()
                    ? ""
                    : ": " + Truncate.firstLine(Redactor.redact(e.error()), Truncate.MAX_LINE)));
      }
      if (ctx.now().isAfter(deadline)) {
        return timeout(
            ctx, "the restore is still " + (running ? "running" : e.status().wireValue()));
      }
      String detail =
          running ? "restore running (snapshot-status)" : "execution " + e.status().wireValue();
      return StepOutcome.waitFor(
          ctx.nextPoll(running ? ctx.config().outagePoll() : ctx.config().poll()), detail);
    }

    private static StepOutcome timeout(StepContext ctx, String state) {
      return StepOutcome.fail(
          "gave up after the "
              + Durations.format(ctx.config().restoreTimeout())
              + " limit: "
              + state
              + ". The manager may still be restoring; check `cfy snapshots status`"
              + " before doing anything else");
    }

    @Override
    public String onCancel(StepContext ctx) {
      String id = ctx.step("restore").map(StepState::executionId).orElse(null);
      if (ctx.data("outageSince") != null) {
        return "the restore is replacing the manager's database and its REST API is down; nothing"
            + " can be cancelled now. The restore continues and this operation keeps watching it.";
      }
      try {
        ExecutionInfo e = ctx.api().cancelExecution(ctx.manager(), id);
        ctx.note(
            "restore execution "
                + id
                + " is "
                + e.status().wireValue()
                + "; the manager may be left partly restored — check it before using it");
        return null;
      } catch (ManagerCallException ex) {
        if (ex.isTransient()) {
          return "the manager's REST API is unavailable ("
              + StepRunner.describe(ex)
              + "); the restore cannot be cancelled now and continues";
        }
        return "Cloudify refused to cancel the restore execution (" + StepRunner.describe(ex) + ")";
      }
    }
  }

  static StepOutcome postChecks(StepContext ctx) {
    ManagerPort.StatusInfo st = ctx.api().status(ctx.manager());
    String version = ctx.api().version(ctx.manager());
    if (!st.ok()) {
      return StepOutcome.fail(
          "manager status is Fail after the restore; inactive: "
              + String.join(", ", st.inactiveServices()));
    }
    return StepOutcome.done("status OK; version " + version);
  }
}
