package io.cfychatops.ops;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The one poller per manager: a {@link ManagerPort} decorator that every operation of the engine
 * shares, so many operations do not multiply requests.
 *
 * <ul>
 *   <li>Reads of the same execution, of {@code snapshot-status} and of {@code /maintenance} are
 *       shared: a result younger than {@code cacheAge} is answered from memory (fanned out to every
 *       operation watching it). The cache is Caffeine's, timed by the injected clock, so entries
 *       expire and are evicted.
 *   <li>When a manager answers with Retry-After or an nginx rate-limit/proxy error, the manager is
 *       in cooldown: calls fail fast locally with a transient error until it ends, instead of
 *       hitting the manager again.
 * </ul>
 *
 * Thread-safe. Writes (create, restore, maintenance changes) pass through and invalidate nothing
 * but the maintenance read.
 */
public final class SharedPoller implements ManagerPort {
  private static final Duration PROXY_COOLDOWN = Duration.ofSeconds(1);

  private final ManagerPort api;
  private final Clock clock;
  private final Cache<String, Object> cache;
  private final Map<String, Instant> cooldownUntil = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();

  public SharedPoller(ManagerPort api, Clock clock, Duration cacheAge) {
    this.api = api;
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(cacheAge)
            .ticker(() -> nanos(clock.instant()))
            .executor(Runnable::run)
            .build();
  }

  private static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  /** Shared reads held now (expired ones are gone after {@code cleanUp}); for tests. */
  long cachedReads() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** Calls that actually went to a manager. */
  public long requests() {
    return requests.get();
  }

  /** When the manager's cooldown ends, if it is cooling down. */
  public Optional<Instant> cooldown(String manager) {
    Instant until = cooldownUntil.get(manager);
    return until != null && until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
  }

  private <T> T call(String manager, Supplier<T> s) {
    Optional<Instant> cd = cooldown(manager);
    if (cd.isPresent()) {
      throw new ManagerCallException(
          Failure.PROXY,
          "cooldown",
          "manager " + manager + " asked us to back off until " + cd.get(),
          Duration.between(clock.instant(), cd.get()),
          null);
    }
    requests.incrementAndGet();
    try {
      return s.get();
    } catch (ManagerCallException e) {
      Duration wait = e.retryAfter().orElse(e.failure() == Failure.PROXY ? PROXY_COOLDOWN : null);
      if (wait != null && e.isTransient()) {
        cooldownUntil.merge(manager, clock.instant().plus(wait), (a, b) -> a.isAfter(b) ? a : b);
      }
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T shared(String key, String manager, Supplier<T> s) {
    Object c = cache.getIfPresent(key);
    if (c != null) {
      return (T) c;
    }
    T v = call(manager, s);
    cache.put(key, v);
    return v;
  }

  /** Forgets shared reads for a manager (after a write that changes them). */
  public void invalidate(String manager) {
    cache.asMap().keySet().removeIf(k -> k.startsWith(manager + "|"));
  }

  @Override
  public Optional<SnapshotInfo> getSnapshot(String manager, String snapshotId) {
    return call(manager, () -> api.getSnapshot(manager, snapshotId));
  }

  @Override
  public ExecutionInfo createSnapshot(String manager, String snapshotId, CreateFlags flags) {
    return call(manager, () -> api.createSnapshot(manager, snapshotId, flags));
  }

  @Override
  public ExecutionInfo getExecution(String manager, String executionId, boolean bypass) {
    return shared(
        manager + "|exec|" + executionId + "|" + bypass,
        manager,
        () -> api.getExecution(manager, executionId, bypass));
  }

  @Override
  public List<ExecutionInfo> activeExecutions(String manager) {
    return call(manager, () -> api.activeExecutions(manager));
  }

  @Override
  public List<ExecutionInfo> restoreExecutions(String manager, String snapshotId, int limit) {
    return call(manager, () -> api.restoreExecutions(manager, snapshotId, limit));
  }

  @Override
  public ExecutionInfo cancelExecution(String manager, String executionId) {
    invalidate(manager);
    return call(manager, () -> api.cancelExecution(manager, executionId));
  }

  @Override
  public String restoreSnapshot(String manager, String snapshotId, RestoreFlags flags) {
    invalidate(manager);
    return call(manager, () -> api.restoreSnapshot(manager, snapshotId, flags));
  }

  @Override
  public boolean restoreRunning(String manager) {
    return shared(manager + "|snapshot-status", manager, () -> api.restoreRunning(manager));
  }

  @Override
  public MaintenanceInfo getMaintenance(String manager) {
    return shared(manager + "|maintenance", manager, () -> api.getMaintenance(manager));
  }

  @Override
  public MaintenanceInfo activateMaintenance(String manager) {
    invalidate(manager);
    return call(manager, () -> api.activateMaintenance(manager));
  }

  @Override
  public MaintenanceInfo deactivateMaintenance(String manager) {
    invalidate(manager);
    return call(manager, () -> api.deactivateMaintenance(manager));
  }

  @Override
  public String version(String manager) {
    return call(manager, () -> api.version(manager));
  }

  @Override
  public ManagerVersion managerVersion(String manager) {
    return call(manager, () -> api.managerVersion(manager));
  }

  @Override
  public SnapshotPage snapshotPage(String manager, SnapshotQuery query) {
    return call(manager, () -> api.snapshotPage(manager, query));
  }

  @Override
  public StatusInfo status(String manager) {
    return call(manager, () -> api.status(manager));
  }

  @Override
  public ClusterInfo clusterStatus(String manager) {
    return call(manager, () -> api.clusterStatus(manager));
  }

  @Override
  public ArchiveInfo downloadSnapshot(String manager, String snapshotId, Path target) {
    return call(manager, () -> api.downloadSnapshot(manager, snapshotId, target));
  }

  @Override
  public void uploadSnapshot(String manager, String snapshotId, Path archive) {
    call(
        manager,
        () -> {
          api.uploadSnapshot(manager, snapshotId, archive);
          return null;
        });
  }

  @Override
  public void uploadSnapshotFromUrl(String manager, String snapshotId, String url) {
    call(
        manager,
        () -> {
          api.uploadSnapshotFromUrl(manager, snapshotId, url);
          return null;
        });
  }

  @Override
  public List<SnapshotInfo> listSnapshots(String manager, String search) {
    return call(manager, () -> api.listSnapshots(manager, search));
  }

  @Override
  public ArchiveInfo downloadSnapshot(String manager, String snapshotId, OutputStream out) {
    return call(manager, () -> api.downloadSnapshot(manager, snapshotId, out));
  }

  @Override
  public void deleteSnapshot(String manager, String snapshotId) {
    call(
        manager,
        () -> {
          api.deleteSnapshot(manager, snapshotId);
          return null;
        });
  }

  @Override
  public ContentCounts contentCounts(String manager) {
    return call(manager, () -> api.contentCounts(manager));
  }

  @Override
  public List<ExecutionError> executionErrors(String manager, String executionId, int limit) {
    return call(manager, () -> api.executionErrors(manager, executionId, limit));
  }

  @Override
  public boolean canRead(String manager, String tenant, SampleKind kind, String id) {
    return call(manager, () -> api.canRead(manager, tenant, kind, id));
  }

  @Override
  public ExecutionInfo installNewAgents(String manager, String tenant, String deploymentId) {
    return call(manager, () -> api.installNewAgents(manager, tenant, deploymentId));
  }
}
