package io.cfychatops.core;

import io.cfychatops.backup.BackupMessages;
import io.cfychatops.backup.BackupReport;
import io.cfychatops.backup.NightlyService;
import io.cfychatops.backup.RunRefusedException;
import io.cfychatops.backup.UnknownManagerException;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.drill.DrillRefusedException;
import io.cfychatops.drill.DrillReport;
import io.cfychatops.drill.DrillService;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The replies to {@code backups status|history|run|retention}, from the nightly {@code backup}
 * service. A run or query the service refuses (a run already going, an unknown manager) is a
 * warning, never a failure of the bot.
 */
final class BackupCommands {
  private final NightlyService nightly;
  private final ZoneId zone;
  private final @Nullable DrillService drills;
  private final Clock clock;

  BackupCommands(NightlyService nightly, ZoneId zone, @Nullable DrillService drills, Clock clock) {
    this.nightly = Objects.requireNonNull(nightly);
    this.zone = Objects.requireNonNull(zone);
    this.drills = drills;
    this.clock = Objects.requireNonNull(clock);
  }

  /** {@code backups status} over {@code managers} only, with each one's newest drill. */
  Message status(List<String> managers) {
    Message m = BackupMessages.status(nightly.status().only(managers));
    if (drills == null || drills.managers().isEmpty()) {
      return m;
    }
    Message.Builder b = m.toBuilder();
    for (String manager : managers) {
      if (drills.config(manager).isPresent()) {
        b.context(
            manager
                + ": restore drill "
                + DrillReport.summary(drills.latest(manager).orElse(null), clock.instant()));
      }
    }
    return b.build();
  }

  /** {@code drills run}: starts the drill; the report goes to the reports channel. */
  Message drillRun(String manager, String requester) {
    if (drills == null) {
      return Message.text(Status.WARNING, "No restore drill is configured.");
    }
    try {
      String id = drills.runNow(manager, requester);
      String target = drills.config(manager).map(d -> d.target()).orElse("?");
      return Message.text(
          Status.RUNNING,
          "Restore drill of "
              + manager
              + " onto scratch manager "
              + target
              + " started: "
              + id
              + ". Its verdict and RTO by phase go to the reports channel; `/cfy ops show "
              + id
              + "` follows it.");
    } catch (DrillRefusedException e) {
      return Message.text(Status.WARNING, e.getMessage());
    }
  }

  /** {@code drills history}. */
  Message drillHistory(String manager) {
    if (drills == null) {
      return Message.text(Status.WARNING, "No restore drill is configured.");
    }
    try {
      return DrillReport.history(manager, drills.history(manager, 20), zone);
    } catch (DrillRefusedException e) {
      return Message.text(Status.WARNING, e.getMessage());
    }
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

  private static Message refusable(Supplier<Message> query) {
    try {
      return query.get();
    } catch (RunRefusedException | UnknownManagerException e) {
      return Message.text(Status.WARNING, e.getMessage());
    }
  }
}
