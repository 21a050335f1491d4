package io.cfychatops.drill;

import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.ArchiveRefusedException;
import io.cfychatops.archive.TenantContents;
import io.cfychatops.ops.DrillSteps;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.SampleKind;
import io.cfychatops.ops.OperationSpec.DrillSpec;
import io.cfychatops.ops.PreviewSource;
import io.cfychatops.ops.RestoreReceipt;
import io.cfychatops.ops.StepContext;
import io.cfychatops.ops.StepOutcome;
import io.cfychatops.ops.StepState;
import io.cfychatops.text.Truncate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A drill's validation on the scratch manager after the restore: {@code /status} OK, the entity
 * counts equal the archive's preview and the restore logged no entity errors ({@link
 * RestoreReceipt}, the restore runbook's own judgement), and sample reads of a deployment and a
 * blueprint the archive holds succeed.
 */
final class DrillValidation {
  /** The restore's error events read. */
  static final int MAX_ERRORS = 50;

  /** Problems named in the verdict's reason. */
  static final int MAX_LISTED = 5;

  private final PreviewSource previews;

  DrillValidation(PreviewSource previews) {
    this.previews = previews;
  }

  StepOutcome validate(StepContext ctx) {
    DrillSpec spec = ctx.op().spec(DrillSpec.class);
    String m = ctx.manager();
    ManagerPort.StatusInfo st = ctx.api().status(m);
    if (!st.ok()) {
      return StepOutcome.fail(
          "`/status` is Fail after the restore; inactive: "
              + String.join(", ", st.inactiveServices()));
    }
    Optional<ArchivePreview> preview;
    try {
      preview = previews.preview(spec.source(), spec.snapshot().value());
    } catch (ArchiveRefusedException e) {
      return StepOutcome.fail("the archive's preview was refused: " + e.getMessage());
    }
    if (preview.isEmpty()) {
      return StepOutcome.fail(
          "the archive's preview of `" + spec.snapshot().value() + "` could not be read");
    }
    String execution = ctx.step(DrillSteps.RESTORE).map(StepState::executionId).orElse(null);
    RestoreReceipt receipt =
        RestoreReceipt.of(
            preview.get(),
            ctx.api().contentCounts(m),
            execution == null ? List.of() : ctx.api().executionErrors(m, execution, MAX_ERRORS));
    List<String> problems = new ArrayList<>();
    if (!receipt.clean()) {
      problems.add(
          receipt.summary()
              + " ("
              + receipt.problemCount()
              + ": "
              + String.join(" | ", receipt.problemLines(MAX_LISTED))
              + ")");
    }
    List<String> read = new ArrayList<>();
    sample(ctx, preview.get(), SampleKind.DEPLOYMENT, problems, read);
    sample(ctx, preview.get(), SampleKind.BLUEPRINT, problems, read);
    if (!problems.isEmpty()) {
      return StepOutcome.fail(Truncate.clip(String.join("; ", problems), 3000));
    }
    return StepOutcome.done(
        "status OK; "
            + receipt.summary()
            + (read.isEmpty() ? "" : "; read " + String.join(", ", read)));
  }

  /** Reads the first deployment (or blueprint) the archive lists, in its tenant. */
  private static void sample(
      StepContext ctx,
      ArchivePreview preview,
      SampleKind kind,
      List<String> problems,
      List<String> read) {
    for (TenantContents t : preview.tenants()) {
      List<String> ids = kind == SampleKind.DEPLOYMENT ? t.deploymentIds() : t.blueprintIds();
      if (ids.isEmpty()) {
        continue;
      }
      String id = ids.get(0);
      String what = kind.name().toLowerCase() + " `" + id + "` (" + t.name() + ")";
      if (ctx.api().canRead(ctx.manager(), t.name(), kind, id)) {
        read.add(what);
      } else {
        problems.add("sample read failed: " + what + " is not served");
      }
      return;
    }
  }
}
