package io.cfychatops.ops;

import io.cfychatops.archive.ArchiveReplies;
import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Redactor;

import io.cfychatops.ops.ManagerApi.ExecutionInfo;
import io.cfychatops.ops.ManagerApi.Failure;
import io.cfychatops.ops.ManagerApi.MaintenanceInfo;
import io.cfychatops.ops.ManagerApi.ManagerCallException;
import io.cfychatops.ops.ManagerApi.SnapshotInfo;
import io.cfychatops.ops.StepOutcome.Done;
import io.cfychatops.text.Truncate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The runbooks: for each {@link OpKind}, its named steps. Steps are stateless; everything they
 * remember is in their persisted {@link StepState} (attempt markers before non-idempotent calls,
 * execution ids, deadlines), which is what makes resume safe.
 */
public final class Runbooks {
  /** The guide's encoding-alphabet step for restores onto a cluster, as told to the requester. */
  public static final String ENCODING_ALPHABET_STEPS = String.join("\n",
      "This manager is a cluster. Before the cluster is created and before the restore, the"
          + " encoding alphabet must be restored (backup-and-restore guide, \"Applying snapshot\"):",
      "1. Copy the `encoding_alphabet` value from the original (source) manager at"
          + " /opt/manager/rest-security.conf.",
      "2. On the new (target) manager, set it as `encoding_alphabet` under `flask_security` in"
          + " /etc/cloudify/config.yaml.",
      "3. Connect the manager to the database and queue (`cluster` under `postgresql_server`,"
          + " `cluster_members` under `rabbitmq` in /etc/cloudify/config.yaml).",
      "4. Install the first manager node, then add the other managers.",
      "When done, run the restore again with `--encoding-alphabet-copied`.");

  /**
   * The create command's flags for the operation's own snapshot, exactly as approved (an operation
   * stored before {@code queue} was recorded keeps the queueing it ran with); safety snapshots use
   * the defaults.
   */
  static ManagerApi.CreateFlags createFlags(StepContext ctx, String snapshot) {
    if (!snapshot.equals(ctx.param("snapshot")) || ctx.op().kind() != OpKind.CREATE) {
      return ManagerApi.CreateFlags.DEFAULT;
    }
    String legacy = ctx.param("legacy");
    String listener = ctx.param("listenerTimeout");
    return new ManagerApi.CreateFlags(!"false".equals(ctx.param("includeCredentials")),
        !"false".equals(ctx.param("includeLogs")), !"false".equals(ctx.param("includeEvents")),
        !"false".equals(ctx.param("queue")), ctx.param("tempdirPath"),
        legacy == null ? null : Boolean.valueOf(legacy), listener == null ? null : Double.valueOf(listener));
  }

  static final String AFTER_EFFECTS = String.join("\n",
      "After-effects of a restore:",
      "• the restored snapshot may no longer appear in `/cfy snapshots list` (the database was"
          + " replaced);",
      "• auth tokens may stop working and the admin password may now be the snapshot's: if the"
          + " bot's calls fail with 401, update its credentials for this manager;",
      "• scheduled executions were re-queued and overdue ones marked failed; after an upgrade"
          + " by restore, run `install_new_agents`.");

  private static final DateTimeFormatter SAFETY_TS = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final List<Step> create;
  private final List<Step> download;
  private final List<Step> upload;
  private final List<Step> delete;
  private final List<Step> maintenanceOn;
  private final List<Step> maintenanceOff;
  private final List<Step> restore;

  /** First step of an approved operation: the approval still covers what will run. */
  static final String APPROVAL_CHECK = "approval-check";

  Runbooks() {
    Function<StepContext, String> snapshot = ctx -> ctx.param("snapshot");
    Step approvalCheck = Step.of(APPROVAL_CHECK, Runbooks::approvalCheck);
    create = List.of(
        createStep("create", snapshot, ctx -> true),
        waitExecutionStep("wait", "create", ctx -> true, false),
        verifyCreatedStep("verify", snapshot, "create", ctx -> true));
    download = List.of(Step.of("download", Runbooks::download));
    upload = List.of(approvalCheck, Step.of("upload", Runbooks::upload), Step.of("verify", Runbooks::verifyUploaded));
    delete = List.of(approvalCheck, Step.of("delete", Runbooks::delete));
    maintenanceOn = List.of(approvalCheck, maintenanceOnStep());
    maintenanceOff = List.of(approvalCheck, maintenanceOffStep(false));
    Function<StepContext, String> safetyName = ctx -> ctx.step("safety-snapshot")
        .map(s -> s.data().get("snapshot")).orElse(null);
    Function<StepContext, Boolean> safetyOn = ctx -> !"false".equals(ctx.param("safety"));
    restore = List.of(
        approvalCheck,
        Step.of("preflight", Runbooks::preflight),
        createStep("safety-snapshot", ctx -> {
          String name = ctx.data("snapshot");
          if (name == null) {
            name = "safety-" + ctx.manager().replaceAll("[^A-Za-z0-9._-]", "-") + "-"
                + SAFETY_TS.format(ctx.now().atZone(ctx.config().zone()));
            ctx.data("snapshot", name);
          }
          return name;
        }, safetyOn),
        waitExecutionStep("safety-wait", "safety-snapshot", safetyOn, false),
        verifyCreatedStep("safety-verify", safetyName, "safety-snapshot", safetyOn),
        maintenanceOnStep(),
        new RestoreStep(),
        new RestoreWaitStep(),
        maintenanceOffStep(true),
        Step.of("post-checks", Runbooks::postChecks));
  }

  List<Step> steps(OpKind kind) {
    return switch (kind) {
      case CREATE -> create;
      case DOWNLOAD -> download;
      case UPLOAD -> upload;
      case DELETE -> delete;
      case MAINTENANCE_ON -> maintenanceOn;
      case MAINTENANCE_OFF -> maintenanceOff;
      case RESTORE -> restore;
    };
  }

  /**
   * The steps a new operation gets: its kind's runbook, without {@value #APPROVAL_CHECK} when it
   * runs under no approval (the step exists only for approved operations).
   */
  List<Step> plan(OpKind kind, java.util.Map<String, String> params) {
    if (params.get("approval") != null) {
      return steps(kind);
    }
    return steps(kind).stream().filter(s -> !s.name().equals(APPROVAL_CHECK)).toList();
  }

  /** The final summary text. */
  String summary(Operation op, OpStatus status, Instant now) {
    String took = Durations.format(op.elapsed(now));
    StringBuilder sb = new StringBuilder();
    String subject = OpsRenderer.title(op);
    switch (status) {
      case SUCCEEDED -> sb.append(subject).append(": done in ").append(took).append('.');
      case CANCELLED -> sb.append(subject).append(": cancelled after ").append(took).append('.');
      default -> sb.append(subject).append(": FAILED after ").append(took).append(". Reason: ")
          .append(op.failure()).append('.');
    }
    if (op.kind() == OpKind.CREATE || op.kind() == OpKind.DOWNLOAD) {
      op.steps().stream().filter(s -> s.status() == StepStatus.DONE && s.data().containsKey("sha256"))
          .forEach(s -> sb.append("\nsha256 ").append(s.data().get("sha256")));
    }
    if (op.kind() == OpKind.RESTORE) {
      op.step("safety-verify").filter(s -> s.status() == StepStatus.DONE)
          .flatMap(s -> op.step("safety-snapshot")).map(s -> s.data().get("snapshot"))
          .ifPresent(n -> sb.append("\nSafety snapshot of the previous state: `").append(n).append('`'));
      op.step("maintenance-off").ifPresent(s -> sb.append("\nMaintenance mode: ")
          .append(s.status() == StepStatus.DONE ? s.detail()
              : s.status() == StepStatus.FAILED ? "NOT deactivated — " + s.detail()
                  + " Run `cfy maintenance-mode deactivate` on the manager."
              : "unchanged"));
      boolean restored = op.step("restore-wait").map(s -> s.status() != StepStatus.PENDING
          && s.status() != StepStatus.SKIPPED).orElse(false);
      if (restored) {
        sb.append('\n').append(AFTER_EFFECTS);
      }
    }
    return sb.toString();
  }

  // ---- shared steps -------------------------------------------------------------------------

  /** PUT /snapshots/id; re-attaches on resume (attempt marker + existing snapshot + execution). */
  static Step createStep(String name, Function<StepContext, String> snapshotOf,
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
            return StepOutcome.fail("snapshot `" + snap + "` already exists on " + m
                + "; pick another id or delete it first");
          }
          throw ex;
        }
        ctx.recordExecution(e.id());
        ctx.note("snapshot `" + snap + "` requested; execution " + e.id() + " is " + e.status().wireValue()
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
    return StepOutcome.done("snapshot `" + snap + "` already " + s.status().wireValue() + " (created before a restart)");
  }

  /** Polls the execution recorded by {@code fromStep} until it ends. */
  static Step waitExecutionStep(String name, String fromStep, Function<StepContext, Boolean> enabled,
      boolean bypass) {
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
          return e.succeeded() ? StepOutcome.done("execution " + id + " terminated")
              : StepOutcome.fail("execution " + id + " " + e.status().wireValue()
                  + (e.error().isBlank() ? "" : ": " + Truncate.firstLine(Redactor.redact(e.error()), Truncate.MAX_LINE)));
        }
        if (ctx.now().isAfter(deadline)) {
          return StepOutcome.fail("execution " + id + " still " + e.status().wireValue() + " after "
              + Durations.format(ctx.config().createTimeout()));
        }
        return StepOutcome.waitFor(ctx.nextPoll(ctx.config().poll()), "execution " + e.status().wireValue()
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
  static Step verifyCreatedStep(String name, Function<StepContext, String> snapshotOf, String createStep,
      Function<StepContext, Boolean> enabled) {
    return Step.of(name, ctx -> {
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
          return StepOutcome.fail("snapshot `" + snap + "` failed: " + Truncate.firstLine(Redactor.redact(s.get().error()), Truncate.MAX_LINE));
        default:
          Instant deadline = ctx.deadline("deadline", Duration.ofMinutes(2));
          if (ctx.now().isAfter(deadline)) {
            return StepOutcome.fail("execution ended but snapshot `" + snap + "` is still "
                + s.get().status().wireValue());
          }
          return StepOutcome.waitFor(ctx.nextPoll(ctx.config().poll()), "snapshot " + s.get().status().wireValue());
      }
    });
  }

  /**
   * How long maintenance-on waits for {@code activated}: the configured timeout, or for a
   * maintenance-on operation asked with {@code --wait --timeout S} those seconds (0: no limit, as
   * the CLI).
   */
  static Duration maintenanceTimeout(StepContext ctx) {
    String asked = ctx.op().kind() == OpKind.MAINTENANCE_ON ? ctx.param("waitTimeout") : null;
    if (asked == null) {
      return ctx.config().maintenanceTimeout();
    }
    long seconds = Long.parseLong(asked);
    return seconds == 0 ? Duration.ofDays(3650) : Duration.ofSeconds(seconds);
  }

  static Step maintenanceOnStep() {
    return Step.of("maintenance-on", ctx -> {
      String m = ctx.manager();
      Duration timeout = maintenanceTimeout(ctx);
      Instant deadline = ctx.deadline("deadline", timeout);
      if (ctx.data("requested") == null) {
        ctx.data("requested", "true");
        ctx.persist();
        MaintenanceInfo r = ctx.api().activateMaintenance(m);
        if (!r.changed()) {
          ctx.data("preexisting", "true");
          ctx.note("maintenance mode was already on before this operation");
        } else {
          ctx.note("maintenance mode requested: " + r.status());
        }
      }
      MaintenanceInfo now = ctx.api().getMaintenance(m);
      if (now.activated()) {
        return StepOutcome.done("maintenance mode activated");
      }
      if (now.deactivated()) {
        // Someone turned it off under us, or the request was lost: ask again.
        ctx.data("requested", null);
        return StepOutcome.waitFor(ctx.nextPoll(ctx.config().poll()), "maintenance mode off; requesting again");
      }
      String remaining = now.remainingExecutions().size() + " running or pending execution(s)"
          + (now.remainingExecutions().isEmpty() ? "" : ": " + String.join(", ", now.remainingExecutions()));
      if (!remaining.equals(ctx.data("remaining"))) {
        ctx.note("maintenance mode activating; waiting for " + remaining);
        ctx.data("remaining", remaining);
      }
      if (ctx.now().isAfter(deadline)) {
        return StepOutcome.fail("maintenance mode still `activating` after "
            + Durations.format(timeout) + " with " + remaining
            + ". Queued or scheduled executions keep it activating; cancel them or wait, then retry.");
      }
      return StepOutcome.waitFor(ctx.nextPoll(ctx.config().outagePoll()), "activating; " + remaining);
    });
  }

  /**
   * Deactivates maintenance. In a restore ({@code onlyIfOurs}) it always runs, also after a failure,
   * but only undoes what this operation did.
   */
  static Step maintenanceOffStep(boolean onlyIfOurs) {
    return new Step() {
      @Override
      public String name() {
        return "maintenance-off";
      }

      @Override
      public boolean alwaysRun() {
        return onlyIfOurs;
      }

      @Override
      public StepOutcome run(StepContext ctx) {
        if (onlyIfOurs) {
          Optional<StepState> on = ctx.step("maintenance-on");
          if (on.isEmpty() || on.get().data().get("requested") == null) {
            return StepOutcome.done("not touched (never activated by this operation)");
          }
          if (on.get().data().containsKey("preexisting")) {
            return StepOutcome.done("left on (it was on before this operation)");
          }
        }
        String m = ctx.manager();
        try {
          if (ctx.data("requested") == null) {
            ctx.data("requested", "true");
            ctx.persist();
            ctx.api().deactivateMaintenance(m);
          }
          MaintenanceInfo now = ctx.api().getMaintenance(m);
          if (now.deactivated()) {
            return StepOutcome.done("deactivated");
          }
          ctx.data("requested", null);
          return StepOutcome.waitFor(ctx.nextPoll(ctx.config().poll()), "still " + now.status());
        } catch (ManagerCallException e) {
          if (!e.isTransient()) {
            return StepOutcome.fail("could not deactivate maintenance mode ("
                + OperationEngine.describe(e) + ")");
          }
          // The REST API may still be down after a restore: be patient, but not forever.
          Instant deadline = ctx.deadline("deadline", ctx.config().restoreTimeout());
          if (ctx.now().isAfter(deadline)) {
            return StepOutcome.fail("could not reach the manager to deactivate maintenance mode for "
                + Durations.format(ctx.config().restoreTimeout()) + " ("
                + OperationEngine.describe(e) + ")");
          }
          ctx.data("requested", null);
          return StepOutcome.waitFor(ctx.nextPoll(ctx.config().outagePoll()),
              "waiting for the manager to answer: " + OperationEngine.describe(e));
        }
      }
    };
  }

  // ---- approvals ----------------------------------------------------------------------------

  /**
   * Re-checks the operation's approval before anything changes on the manager. The snapshot is read
   * here, inside the durable operation: a transient manager error is retried by the engine (bounded,
   * shown on the living message) and never voids the approval; only a real difference does.
   */
  static StepOutcome approvalCheck(StepContext ctx) {
    String approval = ctx.param("approval");
    if (approval == null) {
      return StepOutcome.done("no approval needed");
    }
    ApprovalGate.Verdict v = ctx.approvals().recheck(approval, ctx.op().id(),
        id -> ctx.api().getSnapshot(ctx.manager(), id));
    if (v instanceof ApprovalGate.Verdict.Holds h) {
      return StepOutcome.done(h.detail());
    }
    return StepOutcome.fail("approval " + approval + " is void: " + ((ApprovalGate.Verdict.Voided) v).reason()
        + ". Nothing was changed on the manager; ask again if it is still needed");
  }

  // ---- restore ------------------------------------------------------------------------------

  static StepOutcome preflight(StepContext ctx) {
    String m = ctx.manager();
    String snap = ctx.param("snapshot");
    Optional<SnapshotInfo> s = ctx.api().getSnapshot(m, snap);
    if (s.isEmpty()) {
      return StepOutcome.fail("snapshot `" + snap + "` not found on " + m
          + ". Upload it first (`/cfy snapshots upload`).");
    }
    if (!s.get().status().isRestorable()) {
      return StepOutcome.fail("snapshot `" + snap + "` is `" + s.get().status().wireValue()
          + "`; only created or uploaded snapshots can be restored"
          + (s.get().error().isBlank() ? "" : " (" + Truncate.firstLine(Redactor.redact(s.get().error()), Truncate.MAX_LINE) + ")"));
    }
    String version = ctx.api().version(m);
    StringBuilder detail = new StringBuilder("snapshot `" + snap + "` is " + s.get().status().wireValue()
        + "; manager version " + version);
    try {
      ManagerApi.ClusterInfo cluster = ctx.api().clusterStatus(m);
      int managers = cluster.managers().size();
      detail.append("; cluster ").append(cluster.overall()).append(" (").append(managers)
          .append(" manager node").append(managers == 1 ? "" : "s").append(')');
      ClusterDiagnosis.Diagnosis d = ClusterDiagnosis.diagnose(cluster);
      if (d.kind() != ClusterDiagnosis.Case.HEALTHY) {
        ctx.note("cluster looks like: " + d.kind().title() + " — " + String.join("; ", d.evidence())
            + ". See `/cfy cluster status`.");
      }
      if (managers > 1 && !ctx.op().flag("encodingAlphabetCopied")) {
        return StepOutcome.fail(ENCODING_ALPHABET_STEPS);
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
    List<ExecutionInfo> active = ctx.api().activeExecutions(m).stream().filter(e -> !e.status().isTerminal()).toList();
    if (!active.isEmpty()) {
      return StepOutcome.fail(active.size() + " execution(s) are running and would block the restore: "
          + String.join(", ", active.stream().map(e -> e.id() + " " + e.workflowId() + " "
              + e.status().wireValue()).toList()) + ". Wait for them to end or cancel them.");
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
    static final String NO_EVIDENCE = "the bot restarted after it had prepared the restore request, and"
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
      String snap = ctx.param("snapshot");
      if (ctx.data("attempted") != null) {
        return reattach(ctx, m, snap);
      }
      List<String> before = ctx.api().restoreExecutions(m, snap, HISTORY).stream()
          .map(ExecutionInfo::id).toList();
      ctx.data("before", String.join(",", before));
      ctx.data("attempted", ctx.now().toString());
      ctx.persist(); // durable before the POST: a resumed step never sends it again
      String id = ctx.api().restoreSnapshot(m, snap, new ManagerApi.RestoreFlags(
          ctx.op().flag("force"), ctx.op().flag("restoreCertificates"), ctx.op().flag("noReboot"),
          ctx.op().flag("ignorePluginFailure")));
      ctx.recordExecution(id);
      ctx.note("restore of `" + snap + "` started: execution " + id);
      return StepOutcome.done("execution " + id);
    }

    private static StepOutcome reattach(StepContext ctx, String m, String snap) {
      Instant deadline = ctx.deadline("reattachDeadline", ctx.config().restoreTimeout());
      String beforeText = ctx.data("before");
      java.util.Set<String> before = beforeText == null ? null
          : beforeText.isEmpty() ? java.util.Set.of() : java.util.Set.of(beforeText.split(","));
      boolean running;
      try {
        running = ctx.api().restoreRunning(m);
        for (ExecutionInfo e : ctx.api().restoreExecutions(m, snap, HISTORY)) {
          // a marker from an older version has no list: only a restore still running is ours then
          boolean ours = before == null ? !e.status().isTerminal() : !before.contains(e.id());
          if (ours) {
            ctx.recordExecution(e.id());
            ctx.note("re-attached to restore execution " + e.id() + " (" + e.status().wireValue()
                + ") after a restart; the restore was not sent again");
            return StepOutcome.done("re-attached to execution " + e.id());
          }
        }
      } catch (ManagerCallException ex) {
        if (!ex.isTransient()) {
          throw ex;
        }
        if (ctx.now().isAfter(deadline)) {
          return StepOutcome.fail("could not learn whether the restore reached the manager: it has not"
              + " answered for " + Durations.format(ctx.config().restoreTimeout()) + " ("
              + OperationEngine.describe(ex) + "). The restore is not sent again; check the manager");
        }
        return StepOutcome.waitFor(ctx.nextPoll(ctx.config().outagePoll()), "after a restart: waiting"
            + " for the manager to answer to find the restore execution (not sending it again): "
            + OperationEngine.describe(ex));
      }
      if (running) {
        if (ctx.now().isAfter(deadline)) {
          return StepOutcome.fail("a restore is running but its execution was not found within "
              + Durations.format(ctx.config().restoreTimeout()) + "; check `cfy snapshots status`");
        }
        return StepOutcome.waitFor(ctx.nextPoll(ctx.config().outagePoll()),
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
          return StepOutcome.fail("snapshot-status says not-running but execution " + id
              + " is not found; the result is unknown — check the manager");
        }
        if (!ex.isTransient() && ex.failure() != Failure.UNAUTHORIZED) {
          throw ex;
        }
        if (ctx.data("outageSince") == null) {
          ctx.data("outageSince", ctx.now().toString());
          ctx.note("REST API unavailable (" + OperationEngine.describe(ex)
              + ") — expected while the restore replaces the database; waiting");
        }
        if (ctx.now().isAfter(deadline)) {
          return timeout(ctx, "the REST API has been unavailable since "
              + ctx.data("outageSince"));
        }
        return StepOutcome.waitFor(ctx.nextPoll(ctx.config().outagePoll()), "REST outage for "
            + Durations.format(Duration.between(Instant.parse(ctx.data("outageSince")), ctx.now())));
      }
      if (ctx.data("outageSince") != null) {
        ctx.note("REST API is back after " + Durations.format(
            Duration.between(Instant.parse(ctx.data("outageSince")), ctx.now())));
        ctx.data("outageSince", null);
        ctx.resetPoll();
      }
      if (e != null && e.status().isTerminal()) {
        if (e.succeeded()) {
          return StepOutcome.done("restore execution " + id + " terminated");
        }
        return StepOutcome.fail("restore execution " + id + " " + e.status().wireValue()
            + (e.error().isBlank() ? "" : ": " + Truncate.firstLine(Redactor.redact(e.error()), Truncate.MAX_LINE)));
      }
      if (ctx.now().isAfter(deadline)) {
        return timeout(ctx, "the restore is still " + (running ? "running" : e.status().wireValue()));
      }
      String detail = running ? "restore running (snapshot-status)" : "execution " + e.status().wireValue();
      return StepOutcome.waitFor(ctx.nextPoll(running ? ctx.config().outagePoll() : ctx.config().poll()), detail);
    }

    private static StepOutcome timeout(StepContext ctx, String state) {
      return StepOutcome.fail("gave up after the " + Durations.format(ctx.config().restoreTimeout())
          + " limit: " + state + ". The manager may still be restoring; check `cfy snapshots status`"
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
        ctx.note("restore execution " + id + " is " + e.status().wireValue()
            + "; the manager may be left partly restored — check it before using it");
        return null;
      } catch (ManagerCallException ex) {
        if (ex.isTransient()) {
          return "the manager's REST API is unavailable (" + OperationEngine.describe(ex)
              + "); the restore cannot be cancelled now and continues";
        }
        return "Cloudify refused to cancel the restore execution (" + OperationEngine.describe(ex) + ")";
      }
    }
  }

  static StepOutcome postChecks(StepContext ctx) {
    ManagerApi.StatusInfo st = ctx.api().status(ctx.manager());
    String version = ctx.api().version(ctx.manager());
    if (!st.ok()) {
      return StepOutcome.fail("manager status is Fail after the restore; inactive: "
          + String.join(", ", st.inactiveServices()));
    }
    return StepOutcome.done("status OK; version " + version);
  }

  // ---- download / upload / delete ----------------------------------------------------------

  static StepOutcome download(StepContext ctx) {
    ArchiveStore store = ctx.archives();
    if (store == null) {
      return StepOutcome.fail("no archive directory is configured");
    }
    String m = ctx.manager();
    String snap = ctx.param("snapshot");
    if (ctx.data("sha256") != null && ctx.data("path") != null && Files.exists(Path.of(ctx.data("path")))) {
      return new Done(ctx.state().detail());
    }
    Optional<SnapshotInfo> s = ctx.api().getSnapshot(m, snap);
    if (s.isEmpty()) {
      return StepOutcome.fail("snapshot `" + snap + "` not found on " + m);
    }
    if (!s.get().status().isRestorable()) {
      return StepOutcome.fail("snapshot `" + snap + "` is `" + s.get().status().wireValue() + "`; it cannot be downloaded");
    }
    // the one archive writer: temp file, SHA-256, fsync, no-clobber publish, sidecar, verify, catalog
    Instant created;
    try {
      created = Instant.parse(s.get().createdAt()); // ISO-8601 or null (SnapshotInfo)
    } catch (RuntimeException e) {
      created = ctx.now();
    }
    ArchiveStore.Saved saved = store.saveFile(
        new ArchiveStore.Copy(m, snap, created, null, CatalogEntry.Origin.CHAT_DOWNLOAD),
        tmp -> {
          ManagerApi.ArchiveInfo a = ctx.api().downloadSnapshot(m, snap, tmp);
          return new ArchiveStore.Written(a.bytes(), a.sha256());
        });
    ctx.data("sha256", saved.archive().sha256());
    ctx.data("bytes", Long.toString(saved.archive().sizeBytes()));
    ctx.data("path", saved.archive().archive().toString());
    ctx.data("version", Integer.toString(saved.archive().version()));
    return StepOutcome.done(ArchiveReplies.saved(saved));
  }

  static StepOutcome upload(StepContext ctx) {
    String m = ctx.manager();
    String snap = ctx.param("snapshot");
    boolean retry = ctx.data("attempted") != null;
    Optional<SnapshotInfo> existing = ctx.api().getSnapshot(m, snap);
    if (existing.isPresent() && !ctx.op().flag("overwrite")) {
      if (retry) {
        return StepOutcome.done("uploaded (found after a restart)");
      }
      return StepOutcome.fail("snapshot `" + snap + "` already exists on " + m
          + "; an upload would silently overwrite its archive. Delete it first or pick another id.");
    }
    String url = ctx.param("url");
    Path archive = null;
    if (url == null) {
      archive = Path.of(ctx.param("archive"));
      if (!archive.isAbsolute() && ctx.config().archiveRoot() != null) {
        archive = ctx.config().archiveRoot().resolve(archive);
      }
      if (!Files.isRegularFile(archive)) {
        return StepOutcome.fail("archive " + archive + " does not exist");
      }
    }
    ctx.data("attempted", "true");
    ctx.persist();
    if (url != null) {
      ctx.api().uploadSnapshotFromUrl(m, snap, url);
      return StepOutcome.done("uploaded from " + Redactor.forDisplay(url));
    }
    ctx.api().uploadSnapshot(m, snap, archive);
    return StepOutcome.done("uploaded " + archive.getFileName());
  }

  static StepOutcome verifyUploaded(StepContext ctx) {
    String snap = ctx.param("snapshot");
    Optional<SnapshotInfo> s = ctx.api().getSnapshot(ctx.manager(), snap);
    if (s.isPresent() && s.get().status().isRestorable()) {
      return StepOutcome.done("snapshot `" + snap + "` is " + s.get().status().wireValue());
    }
    return StepOutcome.fail("after the upload, snapshot `" + snap + "` is "
        + s.map(x -> x.status().wireValue()).orElse("missing"));
  }

  static StepOutcome delete(StepContext ctx) {
    String m = ctx.manager();
    String snap = ctx.param("snapshot");
    boolean retry = ctx.data("attempted") != null;
    if (!retry && ctx.api().getSnapshot(m, snap).isEmpty()) {
      return StepOutcome.fail("snapshot `" + snap + "` not found on " + m);
    }
    ctx.data("attempted", "true");
    ctx.persist();
    try {
      ctx.api().deleteSnapshot(m, snap);
    } catch (ManagerCallException e) {
      if (e.failure() == Failure.NOT_FOUND && retry) {
        return StepOutcome.done("deleted (before a restart)");
      }
      throw e;
    }
    return StepOutcome.done("deleted");
  }
}
