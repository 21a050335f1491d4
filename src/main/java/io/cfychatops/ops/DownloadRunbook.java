package io.cfychatops.ops;

import io.cfychatops.backup.PrivateFiles;
import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import io.cfychatops.ops.StepOutcome.Done;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link OpKind#DOWNLOAD}: the snapshot's archive into the bot's archive directory. */
final class DownloadRunbook {
  private DownloadRunbook() {}

  /** The runbook of {@link OpKind#DOWNLOAD}. */
  static List<Step> steps() {
    return List.of(Step.of("download", DownloadRunbook::download));
  }

  static StepOutcome download(StepContext ctx) {
    Path root = ctx.config().archiveRoot();
    if (root == null) {
      return StepOutcome.fail("no archive directory is configured");
    }
    String m = ctx.manager();
    String snap = ctx.snapshot();
    Path dir = root.resolve(m.replaceAll("[^A-Za-z0-9._-]", "_"));
    Path target = dir.resolve(snap + ".zip");
    if (ctx.data("sha256") != null && Files.exists(target)) {
      return new Done(ctx.state().detail());
    }
    Optional<SnapshotInfo> s = ctx.api().getSnapshot(m, snap);
    if (s.isEmpty()) {
      return StepOutcome.fail("snapshot `" + snap + "` not found on " + m);
    }
    if (!s.get().status().isRestorable()) {
      return StepOutcome.fail("snapshot `" + snap + "` is `" + s.get().status().wireValue() + "`; it cannot be downloaded");
    }
    try {
      PrivateFiles.directory(dir);
      Path tmp = PrivateFiles.newTempFile(root, "download-" + ctx.op().id()); // <root>/.tmp/, cleaned at start-up
      ManagerPort.ArchiveInfo a;
      try {
        a = ctx.api().downloadSnapshot(m, snap, tmp);
      } catch (RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      PrivateFiles.publish(tmp, target); // 0600, atomic rename, folder fsync
      ctx.data("sha256", a.sha256());
      ctx.data("bytes", Long.toString(a.bytes()));
      ctx.data("path", target.toString());
      return StepOutcome.done(a.bytes() + " bytes → " + target + " (sha256 " + a.sha256() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target + ": " + e.getMessage(), e);
    }
  }
}
