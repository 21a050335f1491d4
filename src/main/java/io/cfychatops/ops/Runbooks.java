package io.cfychatops.ops;

import io.cfychatops.text.Durations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runbooks: for each {@link OpKind}, its named steps (one class per kind: {@link
 * CreateRunbook}, {@link DownloadRunbook}, {@link UploadRunbook}, {@link DeleteRunbook}, {@link
 * MaintenanceRunbook}, {@link RestoreRunbook}), the approval re-check they share and the final
 * summary. Steps are stateless; everything they remember is in their persisted {@link StepState}
 * (attempt markers before non-idempotent calls, execution ids, deadlines), which is what makes
 * resume safe.
 */
public final class Runbooks {
  /** The guide's encoding-alphabet step for restores onto a cluster, as told to the requester. */
  public static final String ENCODING_ALPHABET_STEPS =
      String.join(
          "\n",
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

  static final String AFTER_EFFECTS =
      String.join(
          "\n",
          "After-effects of a restore:",
          "• the restored snapshot may no longer appear in `/cfy snapshots list` (the database was"
              + " replaced);",
          "• auth tokens may stop working and the admin password may now be the snapshot's: if the"
              + " bot's calls fail with 401, update its credentials for this manager;",
          "• scheduled executions were re-queued and overdue ones marked failed; after an upgrade"
              + " by restore, run `install_new_agents`.");

  /** First step of an approved operation: the approval still covers what will run. */
  static final String APPROVAL_CHECK = "approval-check";

  private final Map<OpKind, List<Step>> byKind = new ConcurrentHashMap<>();
  private final Set<OpKind> quiet = ConcurrentHashMap.newKeySet();

  Runbooks() {
    Step approvalCheck = Step.of(APPROVAL_CHECK, Runbooks::approvalCheck);
    for (OpKind kind : OpKind.values()) {
      byKind.put(
          kind,
          switch (kind) {
            case CREATE -> CreateRunbook.steps();
            case DOWNLOAD -> DownloadRunbook.steps();
            case UPLOAD -> UploadRunbook.steps(approvalCheck);
            case DELETE -> DeleteRunbook.steps(approvalCheck);
            case MAINTENANCE_ON, MAINTENANCE_OFF -> MaintenanceRunbook.steps(kind, approvalCheck);
            case RESTORE -> RestoreRunbook.steps(approvalCheck);
            case NIGHTLY, DRILL -> List.of(); // registered by its feature: #register
          });
    }
  }

  /**
   * Sets the runbook of a kind whose steps live in their feature ({@link OpKind#NIGHTLY}: {@code
   * backup.NightlyRunbook}); call before operations of that kind are submitted or resumed. A {@code
   * quiet} kind opens no living message, posts no final message and is left out of {@code /cfy ops
   * list}: its feature reports on its own.
   */
  void register(OpKind kind, List<Step> steps, boolean quietKind) {
    byKind.put(kind, List.copyOf(steps));
    if (quietKind) {
      quiet.add(kind);
    }
  }

  boolean isQuiet(OpKind kind) {
    return quiet.contains(kind);
  }

  List<Step> steps(OpKind kind) {
    return byKind.get(kind);
  }

  /**
   * The steps a new operation gets: its kind's runbook, without {@value #APPROVAL_CHECK} when it
   * runs under no approval (the step exists only for approved operations).
   */
  List<Step> plan(OpKind kind, boolean approved) {
    if (approved) {
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
      case PARTIAL ->
          sb.append(subject)
              .append(": completed with ")
              .append(Step.problems(op))
              .append(Step.problems(op) == 1 ? " problem" : " problems")
              .append(" after ")
              .append(took)
              .append('.');
      default ->
          sb.append(subject)
              .append(": FAILED after ")
              .append(took)
              .append(". Reason: ")
              .append(op.failure())
              .append('.');
    }
    if (op.kind() == OpKind.CREATE || op.kind() == OpKind.DOWNLOAD) {
      op.steps().stream()
          .filter(s -> s.status() == StepStatus.DONE && s.data().containsKey("sha256"))
          .forEach(s -> sb.append("\nsha256 ").append(s.data().get("sha256")));
    }
    if (op.kind() == OpKind.RESTORE) {
      op.step("safety-verify")
          .filter(s -> s.status() == StepStatus.DONE)
          .flatMap(s -> op.step("safety-snapshot"))
          .map(s -> s.data().get("snapshot"))
          .ifPresent(
              n -> sb.append("\nSafety snapshot of the previous state: `").append(n).append('`'));
      op.step("maintenance-off")
          .ifPresent(
              s ->
                  sb.append("\nMaintenance mode: ")
                      .append(
                          s.status() == StepStatus.DONE
                              ? s.detail()
                              : s.status() == StepStatus.FAILED
                                  ? "NOT deactivated — "
                                      + s.detail()
                                      + " Run `cfy maintenance-mode deactivate` on the manager."
                                  : "unchanged"));
      boolean restored =
          op.step("restore-wait")
              .map(s -> s.status() != StepStatus.PENDING && s.status() != StepStatus.SKIPPED)
              .orElse(false);
      List<String> receipt = ReceiptStep.summaryLines(op);
      if (!receipt.isEmpty()) {
        receipt.forEach(l -> sb.append('\n').append(l));
      } else if (restored) {
        sb.append('\n').append(AFTER_EFFECTS);
      }
    }
    return sb.toString();
  }

  // ---- approvals ----------------------------------------------------------------------------

  /**
   * Re-checks the operation's approval before anything changes on the manager. The snapshot is read
   * here, inside the durable operation: a transient manager error is retried by the engine
   * (bounded, shown on the living message) and never voids the approval; only a real difference
   * does.
   */
  static StepOutcome approvalCheck(StepContext ctx) {
    String approval = ctx.op().approval();
    if (approval == null) {
      return StepOutcome.done("no approval needed");
    }
    ApprovalGate.Verdict v =
        ctx.approvals()
            .recheck(approval, ctx.op().id(), id -> ctx.api().getSnapshot(ctx.manager(), id));
    if (v instanceof ApprovalGate.Verdict.Holds h) {
      return StepOutcome.done(h.detail());
    }
    return StepOutcome.fail(
        "approval "
            + approval
            + " is void: "
            + ((ApprovalGate.Verdict.Voided) v).reason()
            + ". Nothing was changed on the manager; ask again if it is still needed");
  }
}
