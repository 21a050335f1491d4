package io.cfychatops.drill;

import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.ArchiveRefusedException;
import io.cfychatops.archive.TenantContents;
import io.cfychatops.ops.DrillSteps;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.SampleKind;
import io.cfychatops.ops.OperationSpec.DrillSpec;
import io.cfychatops.ops.PreviewSource;
import io.cfychatops.ops.StepContext;
import io.cfychatops.ops.StepOutcome;
import io.cfychatops.ops.StepState;
import io.cfychatops.text.Redactor;
import io.cfychatops.text.Truncate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A drill's validation on the scratch manager after the restore: {@code /status} OK, the entity
 * counts equal the archive's preview and the restore logged no entity errors (the receipt), and
 * sample reads of a deployment and a blueprint the archive holds succeed.
 */
final class DrillValidation {
  /** The restore's error events read. */
  static final int MAX_ERRORS = 50;

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
    List<String> problems = new ArrayList<>(receipt(ctx, preview.get(), execution));
    List<String> read = new ArrayList<>();
    sample(ctx, preview.get(), SampleKind.DEPLOYMENT, problems, read);
    sample(ctx, preview.get(), SampleKind.BLUEPRINT, problems, read);
    if (!problems.isEmpty()) {
      return StepOutcome.fail(Truncate.clip(String.join("; ", problems), 3000));
    }
    return StepOutcome.done(
        "status OK; "
            + preview.get().stats().entities()
            + " entities as in the archive; no entity errors"
            + (read.isEmpty() ? "" : "; read " + String.join(", ", read)));
  }

  /** Counts against the preview and the restore's entity errors. */
  private static List<String> receipt(
      StepContext ctx, ArchivePreview preview, @org.jspecify.annotations.Nullable String execution) {
    List<String> problems = new ArrayList<>();
    if (execution != null) {
      List<ManagerPort.ExecutionError> errors =
          ctx.api().executionErrors(ctx.manager(), execution, MAX_ERRORS);
      if (!errors.isEmpty()) {
        problems.add(
            errors.size()
                + " entity error(s) in the restore: "
                + String.join(
                    " | ",
                    errors.stream()
                        .limit(5)
                        .map(e -> Truncate.oneLine(Redactor.redact(e.message()), 200))
                        .toList()));
      }
    }
    return problems;
  }

  /** Reads the first deployment (or blueprint) the archive lists, in its tenant. */
  private static void sample(
      StepContext ctx,
      ArchivePreview preview,
      SampleKind kind,
      List<String> problems,
      List<String> read) {
    for (TenantContents t : preview.tenants()) {
      List<String> ids =
          kind == SampleKind.DEPLOYMENT ? t.deploymentIds() : t.blueprintIds();
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
