package io.cfychatops.ops;

import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.ArchiveRefusedException;
import io.cfychatops.archive.TenantContents;
import io.cfychatops.chat.Button;
import io.cfychatops.ops.ManagerPort.ContentCounts;
import io.cfychatops.ops.ManagerPort.ExecutionError;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.text.Redactor;
import io.cfychatops.text.Truncate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The restore runbook's last step: the receipt ({@link RestoreReceipt}). It reads what the archive
 * holds ({@link PreviewSource}), what the manager serves now ({@link ManagerPort#contentCounts})
 * and the restore execution's error events ({@link ManagerPort#executionErrors}), and records the
 * problems under {@link Step#PROBLEMS}: a restore with any ends {@link OpStatus#PARTIAL}
 * ("completed with N problems"), never succeeded. It also records the after-effects the final
 * message offers: re-upload of the restored snapshot from the archive store when it vanished from
 * the manager's list, {@code install_new_agents} when the snapshot's version differs from the
 * manager's, and the re-login notice. Reads only: a resumed step simply reads again.
 */
public final class ReceiptStep implements Step {
  static final String NAME = "receipt";

  /** Error events read from the restore execution. */
  static final int MAX_EVENTS = 500;

  /** Deployments listed for {@code install_new_agents}. */
  static final int MAX_DEPLOYMENTS = 20;

  /** The re-upload button's action id; its value is {@code MANAGER SNAPSHOT}. */
  public static final String REUPLOAD = "ops.reupload";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepOutcome run(StepContext ctx) {
    String m = ctx.manager();
    String snap = ctx.snapshot();
    String exec = ctx.step("restore").map(StepState::executionId).orElse(null);
    ArchivePreview preview = null;
    String noPreview = "no preview of the archive (not in the archive store)";
    PreviewSource source = ctx.previews();
    if (source != null) {
      try {
        preview = source.preview(m, snap).orElse(null);
      } catch (ArchiveRefusedException e) {
        noPreview = "the archive was refused: " + e.getMessage();
      }
    }
    ContentCounts counts = null;
    try {
      counts = ctx.api().contentCounts(m);
    } catch (ManagerCallException e) {
      if (e.isTransient()) {
        throw e; // retried, bounded
      }
      noPreview = "the manager's contents could not be counted: " + StepRunner.describe(e);
    }
    // the restore restoring its own execution row (a 409 on its id) is not a loss
    List<ExecutionError> errors =
        exec == null
            ? List.of()
            : ctx.api().executionErrors(m, exec, MAX_EVENTS).stream()
                .filter(e -> !e.message().contains("execution " + exec + ":"))
                .toList();
    RestoreReceipt r = RestoreReceipt.of(preview, counts, errors);
    ctx.data(Step.PROBLEMS, Integer.toString(r.problems().size()));
    ctx.data(
        "summary",
        r.compared()
            ? r.summary()
            : r.summary()
                .replaceFirst(
                    "^counts could not be compared.*?(;|$)",
                    "counts not compared: " + noPreview + "$1"));
    ctx.data("lines", String.join("\n", r.problemLines(RestoreReceipt.MAX_LISTED)));
    afterEffects(ctx, m, snap, preview);
    return StepOutcome.done((r.clean() ? "clean" : r.problemCount()) + " — " + ctx.data("summary"));
  }

  private static void afterEffects(StepContext ctx, String m, String snap, ArchivePreview p) {
    boolean gone = ctx.api().getSnapshot(m, snap).isEmpty();
    var store = ctx.archives();
    if (gone) {
      boolean stored = store != null && store.find(m, snap).isPresent();
      ctx.data("snapshotGone", stored ? "stored" : "not-stored");
    }
    String managerVersion = ctx.api().version(m);
    if (p != null
        && p.snapshotVersion() != null
        && !Objects.equals(p.snapshotVersion(), managerVersion)) {
      ctx.data("versions", p.snapshotVersion() + " → " + managerVersion);
      List<String> deps = new ArrayList<>();
      long more = 0;
      for (TenantContents t : p.tenants()) {
        for (String d : t.deploymentIds()) {
          if (deps.size() < MAX_DEPLOYMENTS) {
            deps.add(t.name() + "/" + d);
          } else {
            more++;
          }
        }
        more += t.deploymentIdsNotListed();
      }
      ctx.data("deployments", String.join(",", deps) + (more > 0 ? ",+" + more : ""));
    }
    if (p != null) {
      ctx.data("usersCreated", Long.toString(p.usersToCreate()));
    }
  }

  /** The receipt and after-effects as lines of the final summary; empty when it did not run. */
  static List<String> summaryLines(Operation op) {
    Optional<StepState> s =
        op.step(NAME).filter(x -> x.status() == StepStatus.DONE && x.data().containsKey("summary"));
    if (s.isEmpty()) {
      return List.of();
    }
    var d = s.get().data();
    List<String> out = new ArrayList<>();
    out.add("Receipt: " + d.get("summary"));
    String lines = d.getOrDefault("lines", "");
    if (!lines.isEmpty()) {
      for (String l : lines.split("\n")) {
        out.add("• " + l);
      }
    }
    out.add("After-effects of the restore:");
    out.add(
        "• sign in again: the restore replaced users and their tokens with the snapshot's"
            + (d.containsKey("usersCreated")
                ? " (" + d.get("usersCreated") + " users created)"
                : "")
            + "; tokens issued before it no longer work and the admin password may now be the"
            + " snapshot's. If the bot's calls fail with 401, update its credentials for this"
            + " manager");
    String snap = op.spec().snapshotIfAny().map(x -> x.value()).orElse("");
    if ("stored".equals(d.get("snapshotGone"))) {
      out.add(
          "• `"
              + snap
              + "` is no longer in the manager's snapshot list; it can be uploaded again from the"
              + " archive store (button below, same approval rules as any upload)");
    } else if ("not-stored".equals(d.get("snapshotGone"))) {
      out.add(
          "• `"
              + snap
              + "` is no longer in the manager's snapshot list and the archive store has"
              + " no copy of it");
    }
    if (d.containsKey("versions")) {
      String deps = d.getOrDefault("deployments", "");
      out.add(
          "• the snapshot's version differs from the manager's ("
              + d.get("versions")
              + "): run `install_new_agents` on the restored deployments"
              + (deps.isEmpty()
                  ? ""
                  : " — " + Truncate.clip(deps.replace(",", ", "), Truncate.MAX_LINE))
              + ", e.g. `cfy executions start install_new_agents -d DEPLOYMENT -t TENANT`, then"
              + " `cfy plugins update`");
    }
    out.add("• overdue scheduled executions were marked failed by the restore");
    return out.stream().map(Redactor::forDisplay).toList();
  }

  /** The final message's buttons: re-upload of the vanished snapshot from the archive store. */
  static List<Button> afterEffectButtons(Operation op) {
    if (op.kind() != OpKind.RESTORE) {
      return List.of();
    }
    Optional<StepState> s = op.step(NAME).filter(x -> x.status() == StepStatus.DONE);
    if (s.isEmpty() || !"stored".equals(s.get().data().get("snapshotGone"))) {
      return List.of();
    }
    String snap = op.spec().snapshotIfAny().map(x -> x.value()).orElse(null);
    if (snap == null) {
      return List.of();
    }
    return List.of(
        new Button(
            Truncate.clip("Re-upload " + snap + " from the archive store", 75),
            REUPLOAD,
            op.manager() + " " + snap,
            Button.Style.PRIMARY,
            null));
  }
}
