package io.cfychatops.backup;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.StoredArchive;
import io.cfychatops.cloudify.SnapshotStatus;
import io.cfychatops.offsite.DeleteResult;
import io.cfychatops.offsite.OffsiteRetention;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.Failure;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of nightly copies, on the manager and in the {@link ArchiveStore}: what {@link
 * NightlyService#retentionDryRun} shows and what the nightly run's retention step applies.
 */
final class NightlyRetention {
  private static final Logger log = LoggerFactory.getLogger(NightlyRetention.class);

  /** The manager-side filter of the snapshot list: every nightly id contains it. */
  private static final String NIGHTLY_SEARCH = "nightly-";

  private final BackupConfig config;
  private final ManagerPort managers;
  private final ArchiveStore store;
  private final BackupCatalog catalog;
  private final Predicate<String> snapshotInUse;
  private final Clock clock;
  private final @Nullable OffsiteCopies offsite;

  NightlyRetention(
      BackupConfig config,
      ManagerPort managers,
      ArchiveStore store,
      BackupCatalog catalog,
      Predicate<String> snapshotInUse,
      Clock clock,
      @Nullable OffsiteCopies offsite) {
    this.config = config;
    this.managers = managers;
    this.store = store;
    this.catalog = catalog;
    this.snapshotInUse = snapshotInUse;
    this.clock = clock;
    this.offsite = offsite;
  }

  /** What retention would delete on {@code manager} and in the store now, and why. */
  RetentionPlanner.Plan dryRun(String manager) {
    return planRetention(manager, managerSnapshotsOrEmpty(manager));
  }

  /** Applies retention; returns the plan and the problems met while deleting. */
  NightlyService.RetentionOutcome apply(String manager) {
    config.schedule(manager);
    List<SnapshotInfo> onManager;
    try {
      onManager = managers.listSnapshots(manager, NIGHTLY_SEARCH);
    } catch (RuntimeException e) {
      // without the manager's list we might miss in-use information; do nothing this time
      return new NightlyService.RetentionOutcome(
          null,
          List.of(),
          List.of(
              "cannot list snapshots on "
                  + manager
                  + ": "
                  + NightlyService.message(e)
                  + "; retention skipped"));
    }
    RetentionPlanner.Plan plan = planRetention(manager, onManager);
    Set<String> onManagerIds = new HashSet<>();
    onManager.forEach(s -> onManagerIds.add(s.id()));
    List<String> deleted = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (RetentionPlanner.Decision d : plan.toDelete()) {
      try {
        if (onManagerIds.contains(d.snapshotId())) {
          deleteOnManager(manager, d.snapshotId());
        }
        store.delete(manager, d.snapshotId());
        deleted.add(d.snapshotId() + offsite(plan, d, problems));
      } catch (RuntimeException e) {
        problems.add("could not delete " + d.snapshotId() + ": " + NightlyService.message(e));
      }
    }
    return new NightlyService.RetentionOutcome(plan, deleted, problems);
  }

  /**
   * Deletes the off-site copy of a snapshot retention dropped (never a locked one), then marks the
   * catalog: deleted when no copy is left anywhere, else kept as "only off-site" so the next pass
   * tries again. Returns words to add to the deleted id; kept and failed deletes go to {@code
   * problems} ("kept … off-site: locked until …" says what was skipped and why).
   */
  private String offsite(
      RetentionPlanner.Plan plan, RetentionPlanner.Decision d, List<String> problems) {
    String manager = plan.manager();
    if (offsite == null) {
      catalog.markDeleted(manager, d.snapshotId(), clock.instant());
      return "";
    }
    OffsiteRetention.Entry e =
        offsite
            .retention(new RetentionPlanner.Plan(manager, plan.policy(), List.of(d)))
            .entries()
            .get(0);
    if (e.result() != null && e.result().outcome().gone()) {
      catalog.markDeleted(manager, d.snapshotId(), clock.instant());
      return e.result().outcome() == DeleteResult.Outcome.DELETED ? " (and off-site)" : "";
    }
    Instant now = clock.instant();
    for (CatalogEntry c : catalog.list(manager)) {
      if (c.snapshotId().equals(d.snapshotId())) {
        OffsiteState kept =
            e.result() != null
                ? OffsiteState.verified(e.result().key(), e.result().lockedUntil(), now)
                : c.offsite() != null
                    ? c.offsite()
                    : OffsiteState.failed(
                        offsite.store().key(manager, c.snapshotId()), e.describe(), now);
        catalog.upsert(c.onlyOffsite(kept));
      }
    }
    problems.add(
        e.result() != null
            ? "kept " + d.snapshotId() + " off-site: " + e.result().reason() + "; retried next time"
            : e.describe());
    return " (kept off-site)";
  }

  /** Deletes a snapshot on the manager; one that is already gone is what we wanted. */
  private void deleteOnManager(String manager, String snapshotId) {
    try {
      managers.deleteSnapshot(manager, snapshotId);
    } catch (ManagerCallException e) {
      if (e.failure() != Failure.NOT_FOUND) {
        throw e;
      }
    }
  }

  private List<SnapshotInfo> managerSnapshotsOrEmpty(String manager) {
    try {
      return managers.listSnapshots(manager, NIGHTLY_SEARCH);
    } catch (RuntimeException e) {
      log.warn(
          "Cannot list snapshots on {} for the retention plan: {}",
          manager,
          NightlyService.message(e));
      return List.of();
    }
  }

  private RetentionPlanner.Plan planRetention(String manager, List<SnapshotInfo> onManager) {
    Map<String, RetentionPlanner.Candidate> byId = new LinkedHashMap<>();
    for (CatalogEntry c : catalog.list(manager)) {
      if (NightlyIds.isNightlyOf(manager, c.snapshotId())) {
        byId.put(
            c.snapshotId(),
            new RetentionPlanner.Candidate(c.snapshotId(), c.createdAt(), c.verified()));
      }
    }
    for (StoredArchive a : store.list(manager)) {
      if (NightlyIds.isNightlyOf(manager, a.snapshotId())) {
        byId.putIfAbsent(
            a.snapshotId(), new RetentionPlanner.Candidate(a.snapshotId(), a.createdAt(), false));
      }
    }
    for (SnapshotInfo s : onManager) {
      if (NightlyIds.isNightlyOf(manager, s.id())
          && s.createdAt() != null
          && s.status() != SnapshotStatus.CREATING) {
        byId.putIfAbsent(s.id(), new RetentionPlanner.Candidate(s.id(), s.createdInstant(), false));
      }
    }
    RetentionPlanner planner = new RetentionPlanner(config.schedule(manager).zone());
    return planner.plan(manager, config.retention(), new ArrayList<>(byId.values()), snapshotInUse);
  }
}
