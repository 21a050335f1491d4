package io.cfychatops.core;

import io.cfychatops.backup.BackupMessages;
import io.cfychatops.backup.BackupReport;
import io.cfychatops.backup.NightlyService;
import io.cfychatops.backup.OffsiteCopies;
import io.cfychatops.backup.OffsiteState;
import io.cfychatops.backup.RunRefusedException;
import io.cfychatops.backup.UnknownManagerException;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Truncate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The replies to {@code backups status|history|run|retention}, from the nightly {@code backup}
 * service. A run or query the service refuses (a run already going, an unknown manager) is a
 * warning, never a failure of the bot.
 */
final class BackupCommands {
  private final NightlyService nightly;
  private final ZoneId zone;

  BackupCommands(NightlyService nightly, ZoneId zone) {
    this.nightly = Objects.requireNonNull(nightly);
    this.zone = Objects.requireNonNull(zone);
  }

  /** {@code backups status} over {@code managers} only. */
  Message status(List<String> managers) {
    return BackupMessages.status(nightly.status().only(managers));
  }

  Message history(String manager, int nights) {
    return refusable(
        () -> BackupMessages.history(manager, nights, nightly.history(manager, nights), zone));
  }

  Message retentionDryRun(String manager) {
    return refusable(() -> BackupMessages.retentionDryRun(nightly.retentionDryRun(manager)));
  }

  /**
   * Runs the nightly backup of {@code manager} now and returns its report (blocks until it ends).
   */
  Message runNow(String manager) {
    return refusable(() -> BackupReport.render(nightly.runNow(manager)));
  }

  /**
   * Copies the stored, verified archive {@code snapshotId} of {@code manager} off-site (blocks
   * until it is read back); the reply says ✓ with the key and lock date, or ✗ with the reason.
   */
  Message offsitePush(String manager, String snapshotId) {
    Optional<OffsiteCopies> copies = nightly.offsite();
    if (copies.isEmpty()) {
      return Message.text(
          Status.WARNING,
          "Off-site copies are not configured: set `backups.offsite` (see the README, Off-site"
              + " copies).");
    }
    OffsiteState s = copies.get().push(manager, snapshotId);
    return Message.builder(
            s.verified() ? Status.OK : Status.FAILED,
            "Off-site copy of `" + snapshotId + "` (" + manager + ")")
        .line(Truncate.firstLine(s.summary(), Truncate.MAX_LINE))
        .field("Object", s.key())
        .context(copies.get().target())
        .build();
  }

  private static Message refusable(Supplier<Message> query) {
    try {
      return query.get();
    } catch (RunRefusedException | UnknownManagerException e) {
      return Message.text(Status.WARNING, e.getMessage());
    }
  }
}
