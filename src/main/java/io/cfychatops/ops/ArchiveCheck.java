package io.cfychatops.ops;

import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.ArchiveRefusedException;
import java.util.Optional;

/**
 * The restore's {@code archive-check} step, after its preflight and before the safety snapshot (the
 * first call that changes anything): the snapshot's archive, read through the {@link
 * PreviewSource}, must not be newer than the manager (Cloudify does not check 7.x archives), and it
 * must be readable within the archive limits. The request's preflight checked the same; this
 * re-checks what is true when the approved restore really runs.
 */
final class ArchiveCheck {
  private ArchiveCheck() {}

  static final String NAME = "archive-check";

  static Step step() {
    return Step.of(NAME, ArchiveCheck::run);
  }

  static StepOutcome run(StepContext ctx) {
    PreviewSource source = ctx.previews();
    if (source == null) {
      return StepOutcome.done("not checked: no archive store is connected");
    }
    String m = ctx.manager();
    String snap = ctx.snapshot();
    Optional<ArchivePreview> p;
    String why = "the archive could not be had";
    if (source instanceof StoredArchivePreviews stored) {
      StoredArchivePreviews.Lookup l = stored.lookup(m, snap, true);
      if (l instanceof StoredArchivePreviews.Refused r) {
        return refusedArchive(r.reason());
      }
      if (l instanceof StoredArchivePreviews.Missing miss) {
        why = miss.reason();
      }
      p = l instanceof StoredArchivePreviews.Found f ? Optional.of(f.preview()) : Optional.empty();
    } else {
      try {
        p = source.preview(m, snap);
      } catch (ArchiveRefusedException e) {
        return refusedArchive(e.getMessage());
      }
    }
    if (p.isEmpty()) {
      ctx.note("archive not checked: " + why);
      return StepOutcome.done("not checked: " + why);
    }
    String version = ctx.api().version(m);
    Optional<String> newer = RestoreGate.newerThanManager(p.get(), version);
    if (newer.isPresent()) {
      return StepOutcome.fail("refused before anything changed: " + newer.get());
    }
    ArchivePreview a = p.get();
    return StepOutcome.done(
        (a.format() == io.cfychatops.archive.ArchiveFormat.SEVEN_X
                ? "7.x archive"
                : a.format().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " archive")
            + ", snapshot version "
            + a.snapshotVersion()
            + " (manager "
            + version
            + "); "
            + a.stats().entities()
            + " entities in "
            + a.tenants().size()
            + " tenant(s)"
            + (a.failsRestore() ? "; the archive has findings that fail the restore" : ""));
  }

  private static StepOutcome refusedArchive(String reason) {
    return StepOutcome.fail(
        "refused before anything changed: the archive is refused (" + reason + ")");
  }
}
