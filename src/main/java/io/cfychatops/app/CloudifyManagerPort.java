package io.cfychatops.app;

import io.cfychatops.cloudify.CancelAction;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.ClusterStatus;
import io.cfychatops.cloudify.CreateOptions;
import io.cfychatops.cloudify.DownloadResult;
import io.cfychatops.cloudify.Execution;
import io.cfychatops.cloudify.ExecutionStatus;
import io.cfychatops.cloudify.ListQuery;
import io.cfychatops.cloudify.ListResult;
import io.cfychatops.cloudify.MaintenanceState;
import io.cfychatops.cloudify.ManagerStatus;
import io.cfychatops.cloudify.NotFoundException;
import io.cfychatops.cloudify.RestoreOptions;
import io.cfychatops.cloudify.RestoreStatus;
import io.cfychatops.cloudify.Snapshot;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.cloudify.TransportException;
import io.cfychatops.cloudify.VersionInfo;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.ops.ManagerPort;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one {@link ManagerPort} adapter, over the Cloudify client. The engine retries on its own
 * schedule (without blocking a thread), so give it clients built with {@code RetryPolicy.NONE} or a
 * short policy; the nightly run's instance uses the clients' default retry policy. Execution
 * parameters never cross this adapter: only {@code snapshot_id} is kept. It lives in the
 * composition root so that neither {@code ops} (the port's owner) nor {@code cloudify} (the
 * client's) depends on the other.
 */
public final class CloudifyManagerPort implements ManagerPort {

  private final Function<String, CloudifyClient> clients;
  private final Metrics metrics;

  /**
   * @param clients manager name → client; throws or returns null for an unknown manager
   */
  public CloudifyManagerPort(Function<String, CloudifyClient> clients) {
    this(clients, null);
  }

  /**
   * @param metrics counts each failed call (but not-found answers) as a Cloudify call error; null
   *     for none
   */
  public CloudifyManagerPort(Function<String, CloudifyClient> clients, Metrics metrics) {
    this.clients = clients;
    this.metrics = metrics;
  }

  private CloudifyClient client(String manager) {
    CloudifyClient c = clients.apply(manager);
    if (c == null) {
      throw new ManagerCallException(Failure.BAD_REQUEST, "", "Unknown manager `" + manager + "`");
    }
    return c;
  }

  private <T> T call(Supplier<T> s) {
    try {
      return s.get();
    } catch (CloudifyException e) {
      if (metrics != null && !(e instanceof NotFoundException)) {
        metrics.cloudifyCallFailed(
            e instanceof TransportException
                ? "transport"
                : e.errorCode() == null || e.errorCode().isBlank()
                    ? "http_" + e.httpStatus()
                    : e.errorCode());
      }
      throw CloudifyFailures.map(e);
    } catch (RuntimeException e) {
      if (metrics != null) {
        metrics.cloudifyCallFailed("transport");
      }
      throw e;
    }
  }

  private static ExecutionInfo info(Execution e) {
    return new ExecutionInfo(
        e.id(),
        e.workflowId(),
        e.status() == null ? ExecutionStatus.UNKNOWN : e.status(),
        e.error(),
        e.snapshotId().orElse(null));
  }

  private static SnapshotInfo info(Snapshot s) {
    return new SnapshotInfo(
        s.id(),
        s.status(),
        s.error(),
        s.createdAt() == null ? null : s.createdAt().toString(),
        s.createdBy());
  }

  private static MaintenanceInfo info(MaintenanceState m, boolean changed) {
    List<ExecutionInfo> unfinished = new ArrayList<>();
    for (MaintenanceState.RemainingExecution r : m.unfinishedExecutions()) {
      unfinished.add(new ExecutionInfo(r.id(), r.workflowId(), r.status(), null, null));
    }
    return new MaintenanceInfo(
        m.status().name().toLowerCase(Locale.ROOT),
        unfinished,
        changed,
        m.requestedBy(),
        m.activationRequestedAt(),
        m.activatedAt());
  }

  @Override
  public Optional<SnapshotInfo> getSnapshot(String manager, String snapshotId) {
    try {
      return Optional.of(info(call(() -> client(manager).getSnapshot(SnapshotId.of(snapshotId)))));
    } catch (ManagerCallException e) {
      if (e.failure() == Failure.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public ExecutionInfo createSnapshot(String manager, String snapshotId, CreateFlags f) {
    CreateOptions.Builder b =
        CreateOptions.builder()
            .includeCredentials(f.includeCredentials())
            .includeLogs(f.includeLogs())
            .includeEvents(f.includeEvents())
            .queue(f.queue());
    if (f.tempdirPath() != null) {
      b.tempdirPath(f.tempdirPath());
    }
    if (f.legacy() != null) {
      b.legacy(f.legacy());
    }
    if (f.listenerTimeout() != null) {
      b.listenerTimeoutSeconds(f.listenerTimeout());
    }
    return info(call(() -> client(manager).createSnapshot(SnapshotId.of(snapshotId), b.build())));
  }

  @Override
  public ExecutionInfo getExecution(String manager, String executionId, boolean bypass) {
    return info(call(() -> client(manager).getExecution(executionId, bypass)));
  }

  /**
   * Executions that have not ended. The {@code status} filter keeps the answer short; what counts
   * is {@link ExecutionStatus#isTerminal()} on each item, as a manager can list an execution that
   * already ended (seen: one listed under {@code status=started} came back {@code terminated}).
   */
  @Override
  public List<ExecutionInfo> activeExecutions(String manager) {
    return call(
            () ->
                client(manager)
                    .listExecutions(
                        ListQuery.builder()
                            .filter("status", ExecutionStatus.unfinishedWireValues())
                            .build(),
                        true))
        .items()
        .stream()
        .filter(e -> e.status() == null || !e.status().isTerminal())
        .map(CloudifyManagerPort::info)
        .toList();
  }

  @Override
  public List<ExecutionInfo> restoreExecutions(String manager, String snapshotId, int limit) {
    int n = Math.max(1, Math.min(limit, 100));
    return call(
            () ->
                client(manager)
                    .listExecutions(
                        ListQuery.builder()
                            .filter("workflow_id", "restore_snapshot")
                            .sortDescending("created_at")
                            .pageSize(n)
                            .limit(n)
                            .build(),
                        true,
                        true))
        .items()
        .stream()
        .map(CloudifyManagerPort::info)
        .filter(e -> snapshotId.equals(e.snapshotId()))
        .toList();
  }

  @Override
  public ExecutionInfo cancelExecution(String manager, String executionId) {
    return info(call(() -> client(manager).cancelExecution(executionId, CancelAction.CANCEL)));
  }

  @Override
  public String restoreSnapshot(String manager, String snapshotId, RestoreFlags f) {
    return call(() ->
            client(manager)
                .restoreSnapshot(
                    SnapshotId.of(snapshotId),
                    new RestoreOptions(
                        f.force(), f.restoreCertificates(), f.noReboot(), f.ignorePluginFailure())))
        .executionId();
  }

  @Override
  public boolean restoreRunning(String manager) {
    return call(() -> client(manager).snapshotStatus()) == RestoreStatus.RUNNING;
  }

  @Override
  public MaintenanceInfo getMaintenance(String manager) {
    return info(call(() -> client(manager).getMaintenance()), true);
  }

  @Override
  public MaintenanceInfo activateMaintenance(String manager) {
    var change = call(() -> client(manager).activateMaintenance());
    return info(change.state(), change.changed());
  }

  @Override
  public MaintenanceInfo deactivateMaintenance(String manager) {
    var change = call(() -> client(manager).deactivateMaintenance());
    return info(change.state(), change.changed());
  }

  @Override
  public ManagerVersion managerVersion(String manager) {
    VersionInfo v = call(() -> client(manager).version());
    return new ManagerVersion(v.version(), v.edition());
  }

  @Override
  public StatusInfo status(String manager) {
    ManagerStatus st = call(() -> client(manager).status());
    return new StatusInfo(st.status(), st.services());
  }

  /** Reads rows up to {@code offset + size} (following pages) and keeps the last {@code size}. */
  @Override
  public SnapshotPage snapshotPage(String manager, SnapshotQuery query) {
    ListQuery.Builder q = ListQuery.builder().allTenants(query.allTenants());
    if (query.descending()) {
      q.sortDescending(query.sortBy());
    } else {
      q.sortAscending(query.sortBy());
    }
    if (query.search() != null) {
      q.search(query.search());
    }
    ListResult<Snapshot> res =
        call(() -> client(manager).listSnapshots(q.limit(query.offset() + query.size()).build()));
    return new SnapshotPage(
        res.items().stream()
            .skip(query.offset())
            .limit(query.size())
            .map(CloudifyManagerPort::info)
            .toList(),
        res.total());
  }

  @Override
  public ClusterInfo clusterStatus(String manager) {
    ClusterStatus cs = call(() -> client(manager).clusterStatus());
    Map<String, String> groups = new LinkedHashMap<>();
    List<NodeInfo> nodes = new ArrayList<>();
    cs.services()
        .forEach(
            (name, svc) -> {
              groups.put(name, wire(svc.status().name()));
              for (ClusterStatus.Node n : svc.nodes()) {
                nodes.add(new NodeInfo(name, n.name(), wire(n.status().name()), null));
              }
            });
    return new ClusterInfo(wire(cs.status().name()), groups, nodes);
  }

  private static String wire(String enumName) {
    return switch (enumName) {
      case "OK" -> "OK";
      case "DEGRADED" -> "Degraded";
      case "FAIL" -> "Fail";
      default -> enumName;
    };
  }

  @Override
  public ArchiveInfo downloadSnapshot(String manager, String snapshotId, Path target) {
    DownloadResult r =
        call(() -> client(manager).downloadSnapshot(SnapshotId.of(snapshotId), target));
    return new ArchiveInfo(r.bytes(), r.sha256Hex());
  }

  @Override
  public void uploadSnapshot(String manager, String snapshotId, Path archive) {
    call(() -> client(manager).uploadSnapshot(SnapshotId.of(snapshotId), archive));
  }

  @Override
  public void uploadSnapshotFromUrl(String manager, String snapshotId, String url) {
    call(() -> client(manager).uploadSnapshotFromUrl(SnapshotId.of(snapshotId), URI.create(url)));
  }

  @Override
  public void deleteSnapshot(String manager, String snapshotId) {
    call(() -> client(manager).deleteSnapshot(SnapshotId.of(snapshotId)));
  }

  @Override
  public List<SnapshotInfo> listSnapshots(String manager, String search) {
    ListQuery.Builder q = ListQuery.builder();
    if (!search.isEmpty()) {
      q.search(search);
    }
    return call(() -> client(manager).listSnapshots(q.build())).items().stream()
        .map(CloudifyManagerPort::info)
        .toList();
  }

  @Override
  public ArchiveInfo downloadSnapshot(String manager, String snapshotId, OutputStream out) {
    DownloadResult r = call(() -> client(manager).downloadSnapshot(SnapshotId.of(snapshotId), out));
    return new ArchiveInfo(r.bytes(), r.sha256Hex());
  }

  @Override
  public ContentCounts contentCounts(String manager) {
    return call(() -> ManagerContents.counts(client(manager)));
  }

  @Override
  public List<ExecutionError> executionErrors(String manager, String executionId, int limit) {
    return call(() -> ManagerContents.errors(client(manager), executionId, limit));
  }

  @Override
  public boolean canRead(String manager, String tenant, SampleKind kind, String id) {
    return call(() -> ManagerContents.canRead(client(manager), tenant, kind, id));
  }

  @Override
  public ExecutionInfo installNewAgents(String manager, String tenant, String deploymentId) {
    return info(
        call(() -> client(manager).startExecution(tenant, deploymentId, "install_new_agents")));
  }
}
