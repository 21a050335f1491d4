package io.cfychatops.ops;

import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import io.cfychatops.ops.OperationSpec.UploadSpec;
import io.cfychatops.text.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link OpKind#UPLOAD}: from a URL the manager fetches or a stored archive, then verify. */
final class UploadRunbook {
  private UploadRunbook() {}

  /** The runbook of {@link OpKind#UPLOAD}. */
  static List<Step> steps(Step approvalCheck) {
    return List.of(
        approvalCheck,
        Step.of("upload", UploadRunbook::upload),
        Step.of("verify", UploadRunbook::verifyUploaded));
  }

  static StepOutcome upload(StepContext ctx) {
    String m = ctx.manager();
    String snap = ctx.snapshot();
    UploadSpec spec = ctx.op().spec(UploadSpec.class);
    boolean retry = ctx.data("attempted") != null;
    Optional<SnapshotInfo> existing = ctx.api().getSnapshot(m, snap);
    if (existing.isPresent() && !spec.overwrite()) {
      if (retry) {
        return StepOutcome.done("uploaded (found after a restart)");
      }
      return StepOutcome.fail(
          "snapshot `"
              + snap
              + "` already exists on "
              + m
              + "; an upload would silently overwrite its archive. Delete it first or pick another id.");
    }
    String url = spec.url();
    Path archive = null;
    if (spec.offsiteManager() != null && ctx.data("fetched") == null) {
      StepOutcome fetched = OffsiteFetch.fetch(ctx, spec);
      if (fetched != null) {
        return fetched;
      }
    }
    if (url == null) {
      archive = ctx.data("fetched") != null ? Path.of(ctx.data("fetched")) : spec.archive();
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
    String snap = ctx.snapshot();
    Optional<SnapshotInfo> s = ctx.api().getSnapshot(ctx.manager(), snap);
    if (s.isPresent() && s.get().status().isRestorable()) {
      return StepOutcome.done("snapshot `" + snap + "` is " + s.get().status().wireValue());
    }
    return StepOutcome.fail(
        "after the upload, snapshot `"
            + snap
            + "` is "
            + s.map(x -> x.status().wireValue()).orElse("missing"));
  }
}
