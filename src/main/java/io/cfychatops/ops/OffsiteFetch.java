package io.cfychatops.ops;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.ops.OperationSpec.UploadSpec;
import io.cfychatops.text.Truncate;

/**
 * The first half of an upload {@code --from-offsite}: the off-site object into the archive store
 * (the one writer: hash checked against the object's metadata, no partial file left behind, the zip
 * verified), its path stored in the step before the upload; the upload then goes on like any stored
 * archive. A step resumed after a crash fetches again and finds the same bytes stored.
 */
final class OffsiteFetch {
  private OffsiteFetch() {}

  /** Null when fetched (the step's {@code fetched} data holds the path); else the failure. */
  static StepOutcome fetch(StepContext ctx, UploadSpec spec) {
    ArchiveFetcher offsite = ctx.offsite();
    ArchiveStore store = ctx.archives();
    if (offsite == null || store == null) {
      return StepOutcome.fail(
          "off-site copies are not configured (backups.offsite), nothing to fetch from");
    }
    ArchiveStore.Saved saved;
    try {
      saved = offsite.fetch(store, spec.offsiteManager(), spec.offsiteSource());
    } catch (RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return StepOutcome.fail("fetch from off-site failed: " + Truncate.firstLine(m, 300));
    }
    if (!saved.verification().ok()) {
      return StepOutcome.fail(
          "the off-site copy matches its SHA-256 but is not a valid archive: "
              + String.join("; ", saved.verification().problems()));
    }
    ctx.data("fetched", saved.archive().archive().toString());
    ctx.data("sha256", saved.archive().sha256());
    ctx.persist();
    return null;
  }
}
