package io.cfychatops.backup;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.StoredArchive;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.offsite.ArchiveFacts;
import io.cfychatops.offsite.FetchResult;
import io.cfychatops.offsite.OffsiteCopy;
import io.cfychatops.offsite.OffsiteException;
import io.cfychatops.offsite.OffsiteProblem;
import io.cfychatops.offsite.OffsiteRetention;
import io.cfychatops.offsite.OffsiteStore;
import io.cfychatops.offsite.PushResult;
import io.cfychatops.offsite.SelfTestResult;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Off-site copies of catalogued archives, on an {@link OffsiteStore}: the push the nightly run's
 * {@code offsite} step and {@code /cfy backups offsite push} share (catalog state, metrics, lock
 * date from the retention plan), the fetch a restore from off-site (and a drill) goes through, the
 * off-site side of retention, and the start-up self-test's result for {@code /readyz} and App Home.
 *
 * <p>A push is idempotent and crash-safe: when the bucket already holds an object with our SHA-256
 * and size in its metadata (and, with object lock, a retention), it is read back and hashed instead
 * of uploaded again; otherwise the archive is pushed (upload, read-back, lock). Thread-safe.
 */
public final class OffsiteCopies {
  private static final Logger log = LoggerFactory.getLogger(OffsiteCopies.class);

  private final OffsiteStore store;
  private final BackupCatalog catalog;
  private final ArchiveStore archives;
  private final OffsiteLockPlan lockPlan;
  private final @Nullable Metrics metrics;
  private final Clock clock;
  private final AtomicReference<@Nullable SelfTestResult> selfTest = new AtomicReference<>();

  /**
   * @param archives where the local copies are (any clock/catalog: only read here)
   */
  public OffsiteCopies(
      OffsiteStore store,
      BackupCatalog catalog,
      ArchiveStore archives,
      RetentionPolicy retention,
      @Nullable Metrics metrics,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.archives = Objects.requireNonNull(archives, "archives");
    this.lockPlan = new OffsiteLockPlan(Objects.requireNonNull(retention, "retention"));
    this.metrics = metrics;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The target in words, no secrets. */
  public String target() {
    return store.target();
  }

  /** The store itself, for callers that stream from it (drills). */
  public OffsiteStore store() {
    return store;
  }

  // ---- push

  /**
   * Copies the newest verified local copy of {@code snapshotId} off-site (or confirms the copy
   * already there), records the outcome in the catalog and the metrics, and returns it. Never
   * throws for off-site problems: they are a {@link OffsiteState.Status#FAILED} state.
   *
   * @throws IllegalArgumentException for an invalid manager name or snapshot id
   */
  public OffsiteState push(String manager, String snapshotId) {
    Optional<CatalogEntry> entry = newestLocal(manager, snapshotId);
    Optional<StoredArchive> local = storedVersion(manager, snapshotId, entry.orElse(null));
    String key = keyOf(manager, snapshotId);
    OffsiteState state;
    if (entry.isEmpty() || local.isEmpty()) {
      state =
          OffsiteState.failed(
              key,
              "no verified copy of `"
                  + snapshotId
                  + "` in the archive store of "
                  + manager
                  + " (download it first)",
              clock.instant());
      count(manager, state, "local_file");
      return state;
    }
    CatalogEntry e = entry.get();
    StoredArchive a = local.get();
    String reasonKind = "failed";
    try {
      ArchiveFacts facts = new ArchiveFacts(a.sha256(), a.sizeBytes(), versionOf(a), a.createdAt());
      Instant now = clock.instant();
      Optional<OffsiteState> already = alreadyThere(manager, snapshotId, facts, now);
      if (already.isPresent()) {
        state = already.get();
      } else {
        Instant until =
            store.lockPolicy().map(p -> lockPlan.lockUntil(p, a.createdAt(), now)).orElse(null);
        PushResult r = store.push(manager, snapshotId, a.archive(), facts, until);
        state =
            r.ok()
                ? OffsiteState.verified(r.key(), r.lockedUntil(), clock.instant())
                : OffsiteState.failed(r.key(), r.reason(), clock.instant());
        reasonKind = r.verified() ? "not_locked" : "integrity";
      }
    } catch (OffsiteException ex) {
      state = OffsiteState.failed(key, ex.getMessage(), clock.instant());
      reasonKind = ex.problem().name().toLowerCase(java.util.Locale.ROOT);
    } catch (IllegalArgumentException ex) {
      state = OffsiteState.failed(key, NightlyService.message(ex), clock.instant());
      reasonKind = "local_file";
    }
    try {
      catalog.upsert(e.withOffsite(state));
    } catch (RuntimeException ex) {
      log.warn(
          "Off-site state of {}/{} not recorded in the catalog: {}",
          manager,
          snapshotId,
          NightlyService.message(ex));
    }
    count(manager, state, reasonKind);
    if (!state.verified()) {
      log.warn("Off-site copy of {}/{}: {}", manager, snapshotId, state.reason());
    }
    return state;
  }

  /**
   * The object already in the bucket, if it carries our facts (and a lock when one is configured)
   * and reads back byte-exact: a resumed run does not upload it again.
   */
  private Optional<OffsiteState> alreadyThere(
      String manager, String snapshotId, ArchiveFacts facts, Instant now) {
    Optional<OffsiteCopy> there = store.describe(manager, snapshotId);
    if (there.isEmpty()
        || there.get().facts() == null
        || !facts.sha256().equals(there.get().facts().sha256())
        || facts.size() != there.get().facts().size()) {
      return Optional.empty();
    }
    OffsiteCopy c = there.get();
    boolean lockWanted = store.lockPolicy().isPresent();
    if (lockWanted && (c.retention() == null || !c.retention().activeAt(now))) {
      return Optional.empty(); // not locked as configured: push (and lock) again
    }
    try {
      FetchResult f = store.fetch(manager, snapshotId, OutputStream.nullOutputStream());
      if (!f.facts().sha256().equals(facts.sha256())) {
        return Optional.empty();
      }
    } catch (OffsiteException e) {
      if (e.problem() == OffsiteProblem.INTEGRITY || e.problem() == OffsiteProblem.NOT_FOUND) {
        return Optional.empty(); // damaged or gone: push again
      }
      throw e;
    }
    return Optional.of(
        OffsiteState.verified(
            c.object().key(), c.retention() == null ? null : c.retention().until(), now));
  }

  private Optional<CatalogEntry> newestLocal(String manager, String snapshotId) {
    return catalog.list(manager).stream()
        .filter(c -> c.snapshotId().equals(snapshotId) && c.verified() && c.inStore())
        .max(Comparator.comparingInt(CatalogEntry::version));
  }

  private Optional<StoredArchive> storedVersion(
      String manager, String snapshotId, @Nullable CatalogEntry entry) {
    if (entry == null) {
      return Optional.empty();
    }
    List<StoredArchive> versions = archives.versions(manager, snapshotId);
    return versions.stream().filter(v -> v.version() == entry.version()).findFirst();
  }

  private static @Nullable String versionOf(StoredArchive a) {
    String v = a.managerVersion();
    return v == null || v.isBlank() || v.chars().anyMatch(ch -> ch <= 0x20 || ch > 0x7e)
        ? null
        : v.length() > 64 ? v.substring(0, 64) : v;
  }

  private String keyOf(String manager, String snapshotId) {
    return store.key(manager, snapshotId);
  }

  private void count(String manager, OffsiteState state, String reasonKind) {
    if (metrics == null) {
      return;
    }
    if (state.verified()) {
      metrics.offsitePushSucceeded(manager);
    } else {
      metrics.offsitePushFailed(manager, reasonKind);
    }
  }

  // ---- fetch

  /**
   * Fetches {@code snapshotId} of {@code manager} from the bucket into the archive store {@code
   * into} (the one archive writer: temp file, fsync, no-clobber publish, verification, catalog
   * entry of origin {@link CatalogEntry.Origin#OFFSITE}); the bytes must match the SHA-256 and size
   * in the object's metadata, else nothing is kept.
   *
   * @throws OffsiteException {@link OffsiteProblem#NOT_FOUND} when there is no such object, {@link
   *     OffsiteProblem#INTEGRITY} when it is damaged or not ours
   */
  public ArchiveStore.Saved fetch(ArchiveStore into, String manager, String snapshotId) {
    OffsiteCopy c =
        store
            .describe(manager, snapshotId)
            .orElseThrow(
                () ->
                    new OffsiteException(
                        OffsiteProblem.NOT_FOUND,
                        "no off-site copy of `" + snapshotId + "` of " + manager));
    ArchiveFacts facts = c.facts();
    if (facts == null) {
      throw new OffsiteException(
          OffsiteProblem.INTEGRITY,
          c.object().key() + " carries no SHA-256 of ours; refusing to use it unchecked");
    }
    try {
      return into.save(
          new ArchiveStore.Copy(
              manager,
              snapshotId,
              facts.createdAt(),
              facts.managerVersion(),
              CatalogEntry.Origin.OFFSITE),
          out -> {
            FetchResult f = store.fetch(manager, snapshotId, out);
            return new ArchiveStore.Written(f.facts().size(), f.facts().sha256());
          });
    } catch (BackupException e) {
      if (e.getCause() instanceof OffsiteException o) {
        throw o; // the store discarded the partial file; the off-site problem is the news
      }
      throw e;
    }
  }

  // ---- retention

  /**
   * Deletes off-site what {@code plan} drops; locked objects are kept (the report says until when).
   */
  public OffsiteRetention.Report retention(RetentionPlanner.Plan plan) {
    return new OffsiteRetention(store).apply(plan, clock.instant());
  }

  // ---- self-test

  /** Runs the self-test (network calls, bounded by the store's timeouts) and keeps its result. */
  public SelfTestResult runSelfTest() {
    SelfTestResult r;
    try {
      r = store.selfTest();
    } catch (RuntimeException e) {
      r =
          new SelfTestResult(
              store.target(),
              List.of(
                  new SelfTestResult.Check(
                      "self-test",
                      SelfTestResult.Status.FAILED,
                      NightlyService.message(e),
                      OffsiteProblem.FAILED)));
    }
    selfTest.set(r);
    if (r.ok()) {
      log.info("Off-site target ready: {}", r.describe().replace('\n', ';'));
    } else {
      log.warn("Off-site target NOT ready: {}", r.describe().replace('\n', ';'));
    }
    return r;
  }

  /** The last self-test's result; empty while none has finished. */
  public Optional<SelfTestResult> lastSelfTest() {
    return Optional.ofNullable(selfTest.get());
  }

  /** One line for App Home: "✓ bucket … ready" / "✗ …: reason" / "self-test running". */
  public String statusLine() {
    SelfTestResult r = selfTest.get();
    if (r == null) {
      return "off-site " + store.target() + ": self-test running";
    }
    if (r.ok()) {
      return "✓ off-site " + store.target() + ": ready" + lockWords();
    }
    return "✗ off-site "
        + store.target()
        + ": "
        + r.firstFailure().map(c -> c.name() + ": " + c.detail()).orElse("not ready");
  }

  private String lockWords() {
    return store.lockPolicy().map(p -> " (object lock " + p + ")").orElse(" (no object lock)");
  }

  /** What {@code /readyz} lists: the failed self-test check; nothing while it runs or when ok. */
  public List<String> notReady() {
    SelfTestResult r = selfTest.get();
    if (r == null || r.ok()) {
      return List.of();
    }
    return List.of(
        "off-site "
            + store.target()
            + ": "
            + r.firstFailure().map(c -> c.name() + ": " + c.detail()).orElse("not ready"));
  }
}
