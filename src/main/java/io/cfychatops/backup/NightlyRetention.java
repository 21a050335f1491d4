package io.cfychatops.backup;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.StoredArchive;
import io.cfychatops.cloudify.SnapshotStatus;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.Failure;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
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

  NightlyRetention(
      BackupConfig config,
      ManagerPort managers,
      ArchiveStore store,
      BackupCatalog catalog,
      Predicate<String> snapshotInUse,
      Clock clock) {
    this.config = config;
    this.managers = managers;
    this.store = store;
    this.catalog = catalog;
    this.snapshotInUse = snapshotInUse;
    this.clock = clock;
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
        catalog.markDeleted(manager, d.snapshotId(), clock.instant());
        deleted.add(d.snapshotId());
      } catch (RuntimeException e) {
        problems.add("could not delete " + d.snapshotId() + ": " + NightlyService.message(e));
      }
    }
    return new NightlyService.RetentionOutcome(plan, deleted, problems);
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
