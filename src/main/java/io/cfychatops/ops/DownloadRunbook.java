package io.cfychatops.ops;

import io.cfychatops.archive.ArchiveReplies;
import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import io.cfychatops.ops.StepOutcome.Done;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link OpKind#DOWNLOAD}: the snapshot's archive into the bot's archive store, through its one
 * writer (temp file, SHA-256, fsync, no-clobber publish, sidecar, verification, catalog entry): a
 * copy with other bytes under the same id becomes a new version, never a replacement.
 */
final class DownloadRunbook {
  private DownloadRunbook() {}

  /** The runbook of {@link OpKind#DOWNLOAD}. */
  static List<Step> steps() {
    return List.of(Step.of("download", DownloadRunbook::download));
  }

  static StepOutcome download(StepContext ctx) {
    ArchiveStore store = ctx.archives();
    if (store == null) {
      return StepOutcome.fail("no archive directory is configured");
    }
    String m = ctx.manager();
    String snap = ctx.snapshot();
    String done = ctx.data("path");
    if (ctx.data("sha256") != null && done != null && Files.exists(Path.of(done))) {
      return new Done(ctx.state().detail());
    }
    Optional<SnapshotInfo> s = ctx.api().getSnapshot(m, snap);
    if (s.isEmpty()) {
      return StepOutcome.fail("snapshot `" + snap + "` not found on " + m);
    }
    if (!s.get().status().isRestorable()) {
      return StepOutcome.fail(
          "snapshot `"
              + snap
              + "` is `"
              + s.get().status().wireValue()
              + "`; it cannot be downloaded");
    }
    Instant created;
    try {
      created = s.get().createdInstant(); // ISO-8601 or null
    } catch (RuntimeException e) {
      created = null;
    }
    ArchiveStore.Saved saved =
        store.saveFile(
            new ArchiveStore.Copy(
                m,
                snap,
                created == null ? ctx.now() : created,
                null,
                CatalogEntry.Origin.CHAT_DOWNLOAD),
            tmp -> {
              ManagerPort.ArchiveInfo a = ctx.api().downloadSnapshot(m, snap, tmp);
              return new ArchiveStore.Written(a.bytes(), a.sha256());
            });
    ctx.data("sha256", saved.archive().sha256());
    ctx.data("bytes", Long.toString(saved.archive().sizeBytes()));
    ctx.data("path", saved.archive().archive().toString());
    ctx.data("version", Integer.toString(saved.archive().version()));
    return StepOutcome.done(ArchiveReplies.saved(saved));
  }
}
