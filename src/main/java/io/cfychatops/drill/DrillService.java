package io.cfychatops.drill;

import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.backup.BackupCatalog;
import io.cfychatops.backup.NightlySchedule;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.config.DrillConfig;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationRequest;
import io.cfychatops.ops.OperationSpec.DrillSpec;
import io.cfychatops.ops.PreviewSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts restore drills (on demand and from each manager's {@code drill.cron}) and answers {@code
 * /cfy drills …}. A drill is an {@link OpKind#DRILL} operation on the scratch manager ({@link
 * DrillRunbook}); this class picks the copy, records the start in the {@link DrillLog} (committed
 * before the operation exists) and submits it.
 *
 * <p>Exactly once per slot: a scheduled drill's operation id is derived from manager and slot and
 * submitted with {@link OperationEngine#submitOnce}, its copy picked with a seed of both, so every
 * replica would start the same drill and only one exists. One at a time per scratch manager: a
 * drill onto a target with a drill running is refused ({@link DrillRefusedException}) or, when
 * scheduled, left for the next tick. Thread-safe; time from the injected clock.
 */
public final class DrillService {
  private static final Logger log = LoggerFactory.getLogger(DrillService.class);
  private static final DateTimeFormatter ID_TS = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** A scheduled slot older than this is not caught up (the next slot drills again). */
  static final Duration CATCH_UP = Duration.ofDays(1);

  private final Map<String, DrillConfig> drills;
  private final Map<String, NightlySchedule> schedules = new LinkedHashMap<>();
  private final OperationEngine engine;
  private final BackupCatalog catalog;
  private final DrillLog runs;
  private final Path archiveRoot;
  private final Clock clock;
  private final Map<String, Instant> settled = new ConcurrentHashMap<>();

  private DrillService(Builder b) {
    this.drills = Map.copyOf(b.drills);
    this.engine = Objects.requireNonNull(b.engine, "engine");
    this.catalog = Objects.requireNonNull(b.catalog, "catalog");
    this.runs = Objects.requireNonNull(b.log, "log");
    this.archiveRoot = Objects.requireNonNull(b.archiveRoot, "archiveRoot");
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    ArchiveStore store = new ArchiveStore(archiveRoot, clock);
    PreviewSource previews = b.previews == null ? storedPreviews(store) : b.previews;
    DrillRunbook runbook =
        new DrillRunbook(
            runs,
            new DrillValidation(previews),
            Objects.requireNonNull(b.chat, "chat"),
            Objects.requireNonNull(b.reportsChannel, "reportsChannel"),
            b.metrics);
    engine.register(OpKind.DRILL, runbook.steps(), false);
    b.drills.forEach(
        (m, d) -> {
          if (d.cron() != null) {
            schedules.put(m, new NightlySchedule(d.cron(), d.zone(), Duration.ZERO));
          }
        });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The managers with a drill, in config order. */
  public List<String> managers() {
    return drills.keySet().stream().sorted().toList();
  }

  public Optional<DrillConfig> config(String manager) {
    return Optional.ofNullable(drills.get(manager));
  }

  /**
   * Starts a drill of {@code manager} now; returns its operation id.
   *
   * @throws DrillRefusedException no drill configured, one already running on the target, or no
   *     verified copy to restore
   */
  public String runNow(String manager, String requester) {
    DrillConfig d = drills.get(manager);
    if (d == null) {
      throw new DrillRefusedException(
          drills.isEmpty()
              ? "No restore drill is configured; add `drill:` to a manager (README \"Restore"
                  + " drills\")."
              : "No restore drill is configured for `"
                  + manager
                  + "`. Drills are configured for: "
                  + String.join(", ", managers())
                  + ".");
    }
    Instant now = clock.instant();
    String id = io.cfychatops.command.ShortIds.random("op-", 6);
    return start(manager, d, id, null, new Random(), requester, now)
        .orElseThrow(() -> new DrillRefusedException(busy(d)));
  }

  /**
   * Starts the drill of every manager whose latest {@code drill.cron} slot is due (within {@link
   * #CATCH_UP}) and not yet started; returns the operation ids. Called on every scheduler tick
   * ({@code scheduling.BackupTasks}); cheap when nothing is due.
   */
  public List<String> startDue() {
    Instant now = clock.instant();
    List<String> started = new ArrayList<>();
    schedules.forEach(
        (manager, schedule) -> {
          DrillConfig d = Objects.requireNonNull(drills.get(manager));
          NightlySchedule.SlotDecision s = schedule.decide(manager, now, Duration.ZERO);
          if (!s.due()
              || s.slot().equals(settled.get(manager))
              || now.isAfter(s.slot().plus(CATCH_UP))) {
            return;
          }
          String id = operationId(manager, s.slot());
          if (runs.find(id).isPresent()) {
            settled.put(manager, s.slot());
            return;
          }
          try {
            Random seeded = new Random(id.hashCode());
            Optional<String> op = start(manager, d, id, s.slot(), seeded, "schedule", now);
            if (op.isPresent()) {
              settled.put(manager, s.slot());
              started.add(op.get());
            }
          } catch (DrillRefusedException e) {
            settled.put(manager, s.slot());
            log.warn("Scheduled drill of {} not started: {}", manager, e.getMessage());
          }
        });
    return started;
  }

  private Optional<String> start(
      String manager,
      DrillConfig d,
      String id,
      @Nullable Instant slot,
      Random random,
      String requester,
      Instant now) {
    if (running(d.target())) {
      return Optional.empty();
    }
    DrillPicker.Pick pick =
        DrillPicker.pick(catalog, manager, d, archiveRoot, now, random)
            .orElseThrow(
                () ->
                    new DrillRefusedException(
                        "No verified copy of "
                            + manager
                            + "'s backups is in the archive store"
                            + (d.pick() == DrillConfig.Pick.RANDOM_WITHIN
                                ? " from the last " + d.window().toDays() + " day(s)"
                                : "")
                            + "; run `/cfy backups run -m "
                            + manager
                            + "` first."));
    SnapshotId scratchId =
        SnapshotId.of(
            "drill-" + manager + "-" + ID_TS.format(now.atZone(java.time.ZoneOffset.UTC)));
    DrillSpec spec =
        new DrillSpec(
            manager,
            SnapshotId.of(pick.entry().snapshotId()),
            scratchId,
            pick.archive(),
            Objects.requireNonNull(pick.entry().sha256()),
            d.timeout(),
            slot);
    // the start is committed before the operation exists: history never misses a drill
    runs.start(DrillRecord.started(id, manager, d.target(), slot, spec.snapshot().value(), now));
    engine.submitOnce(id, OperationRequest.of(spec, d.target(), requester));
    log.info(
        "Drill {} of {} onto {} started: copy `{}`",
        id,
        manager,
        d.target(),
        spec.snapshot().value());
    return Optional.of(id);
  }

  private boolean running(String target) {
    return runs.running().stream()
        .filter(r -> r.target().equals(target))
        .anyMatch(r -> engine.find(r.operationId()).map(o -> !o.status().isFinal()).orElse(false));
  }

  private static String busy(DrillConfig d) {
    return "A drill is already running on `"
        + d.target()
        + "`; one drill at a time per scratch manager. See `/cfy ops list`.";
  }

  /** {@code manager}'s newest drills, newest first. */
  public List<DrillRecord> history(String manager, int limit) {
    if (!drills.containsKey(manager) && runs.history(manager, 1).isEmpty()) {
      throw new DrillRefusedException(
          "No restore drill is configured for `"
              + manager
              + "`"
              + (drills.isEmpty() ? "." : "; drills: " + String.join(", ", managers()) + "."));
    }
    return runs.history(manager, limit);
  }

  /** {@code manager}'s newest ended drill. */
  public Optional<DrillRecord> latest(String manager) {
    return runs.latestEnded(manager);
  }

  /**
   * Managers whose last successful drill is older than their {@code drill.max_age} (or who never
   * had one), with what the nightly report says about each.
   */
  public Map<String, String> overdue(Instant now) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : drills.entrySet()) {
      String m = e.getKey();
      DrillConfig d = e.getValue();
      Optional<DrillRecord> ok = runs.latestSuccessful(m);
      if (ok.isEmpty()) {
        out.put(m, "no successful restore drill yet");
      } else if (ok.get().startedAt().isBefore(now.minus(d.maxAge()))) {
        out.put(
            m,
            "last successful restore drill "
                + io.cfychatops.text.Durations.ago(ok.get().startedAt(), now)
                + " ago (drill.max_age "
                + io.cfychatops.text.Durations.format(d.maxAge())
                + ")");
      }
    }
    return out;
  }

  /** The operation id of {@code manager}'s drill for {@code slot}: the same on every replica. */
  static String operationId(String manager, Instant slot) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(("drill\n" + manager + "\n" + slot).getBytes(StandardCharsets.UTF_8));
      return "op-d" + HexFormat.of().formatHex(h, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Previews read from the stored copies (when no other preview source is wired). */
  static PreviewSource storedPreviews(ArchiveStore store) {
    return (manager, snapshotId) -> {
      Optional<io.cfychatops.archive.StoredArchive> a = store.find(manager, snapshotId);
      if (a.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(ArchivePreview.read(a.get().archive()));
      } catch (IOException e) {
        return Optional.empty();
      }
    };
  }

  /** Builds a {@link DrillService}. */
  public static final class Builder {
    private final Map<String, DrillConfig> drills = new LinkedHashMap<>();
    private @Nullable OperationEngine engine;
    private @Nullable BackupCatalog catalog;
    private @Nullable DrillLog log;
    private @Nullable Path archiveRoot;
    private @Nullable Clock clock;
    private @Nullable ChatPort chat;
    private @Nullable String reportsChannel;
    private @Nullable Metrics metrics;
    private @Nullable PreviewSource previews;

    private Builder() {}

    /** {@code manager}'s drill (its target must be a scratch manager: the config checks that). */
    public Builder drill(String manager, DrillConfig d) {
      drills.put(manager, d);
      return this;
    }

    public Builder engine(OperationEngine e) {
      engine = e;
      return this;
    }

    public Builder catalog(BackupCatalog c) {
      catalog = c;
      return this;
    }

    public Builder log(DrillLog l) {
      log = l;
      return this;
    }

    public Builder archiveRoot(Path p) {
      archiveRoot = p;
      return this;
    }

    public Builder clock(Clock c) {
      clock = c;
      return this;
    }

    public Builder chat(ChatPort c, String reports) {
      chat = c;
      reportsChannel = reports;
      return this;
    }

    public Builder metrics(@Nullable Metrics m) {
      metrics = m;
      return this;
    }

    /** Where the expected contents come from; default: the stored copy, read in place. */
    public Builder previews(@Nullable PreviewSource p) {
      previews = p;
      return this;
    }

    public DrillService build() {
      return new DrillService(this);
    }
  }
}
