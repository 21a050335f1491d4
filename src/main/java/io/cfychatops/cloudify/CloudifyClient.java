package io.cfychatops.cloudify;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Client for one Cloudify Manager with one set of credentials, REST API v3.1. The implementation is
 * {@code io.cfychatops.cloudify.http.HttpCloudifyClient} (OkHttp + Jackson); nothing here mentions
 * either.
 *
 * <p><b>Contract.</b> Implementations are immutable and thread-safe. Every method either returns a
 * value or throws a {@link CloudifyException} subclass: {@link TransportException} when no response
 * arrived, otherwise a type chosen from the HTTP status and {@code error_code}. Idempotent GETs may
 * be retried (transport errors, 502, non-JSON 503/504); PUT, POST and DELETE are never retried.
 * Arguments are validated before any request is sent ({@link IllegalArgumentException}, {@link
 * NullPointerException}).
 *
 * <p><b>Secrets.</b> Credentials go only into request headers; they never appear in logs or
 * exception messages. Execution parameters (which contain the DB password) are not kept. Redirects
 * are not followed, so credentials are never sent to another host.
 */
public interface CloudifyClient extends AutoCloseable {

  ManagerConnection connection();

  // ---------------------------------------------------------------- snapshots

  /** {@code GET /snapshots}, following pagination until {@code total} (or the query's limit). */
  ListResult<Snapshot> listSnapshots(ListQuery query);

  /** {@code GET /snapshots/<id>}; 404 → {@link NotFoundException}. */
  Snapshot getSnapshot(SnapshotId id);

  /**
   * {@code PUT /snapshots/<id>}: starts a {@code create_snapshot} execution (201). The execution
   * may be {@code queued}. The snapshot row is {@code creating} until the workflow updates it,
   * possibly after the execution ended: re-read the snapshot when the execution is terminal.
   *
   * @throws ConflictException the id already exists
   * @throws BadRequestException e.g. {@code existing_running_execution_error}
   * @throws MaintenanceModeException maintenance mode is activating
   */
  Execution createSnapshot(SnapshotId id, CreateOptions options);

  /**
   * {@code DELETE /snapshots/<id>}. Servers answer 200 with the deleted snapshot (or 204 per the
   * docs); both succeed.
   *
   * @return the deleted snapshot when the server sent it
   */
  Optional<Snapshot> deleteSnapshot(SnapshotId id);

  /**
   * {@code GET /snapshots/<id>/archive}, streamed into {@code out} in constant memory, hashing on
   * the way. {@code out} is flushed, not closed. Retried (GET) only while no byte has been written;
   * a failure mid-stream throws {@link TransportException} and leaves partial data in {@code out}.
   *
   * @throws BadRequestException {@code snapshot_action_error} for a failed snapshot
   * @throws UncheckedIOException writing to {@code out} failed
   */
  DownloadResult downloadSnapshot(SnapshotId id, OutputStream out);

  /**
   * Downloads into {@code target}: writes a temporary file in the same directory, forces it to
   * disk, then atomically renames it over {@code target}. On failure the temporary file is deleted
   * and {@code target} is untouched.
   */
  DownloadResult downloadSnapshot(SnapshotId id, Path target);

  /**
   * {@code PUT /snapshots/<id>/archive} with the file streamed as raw bytes. The server does not
   * validate the archive (restore does).
   *
   * @return the new {@code uploaded} snapshot, or {@link UploadResult#overwrote()} when the id
   *     already existed (the archive was replaced, the row kept)
   */
  UploadResult uploadSnapshot(SnapshotId id, Path archive);

  /**
   * {@code PUT /snapshots/<id>/archive?snapshot_archive_url=...}: the manager fetches the archive
   * itself. Only http, https and ftp URLs are accepted (as on the server).
   */
  UploadResult uploadSnapshotFromUrl(SnapshotId id, URI archiveUrl);

  /**
   * {@code POST /snapshots/<id>/restore} with the portable body (cloudify-api.md §3.7) and, like
   * the CLI, <b>no Tenant header</b>. HTTP 200 only means the workflow was started: it can still
   * fail (poll the execution), and a legacy restore takes the REST service down (502, resets) and
   * may invalidate these credentials. Poll {@link #snapshotStatus()} until {@code NOT_RUNNING}.
   *
   * @throws BadRequestException {@code existing_running_execution_error} or {@code
   *     snapshot_action_error}
   */
  RestoreStarted restoreSnapshot(SnapshotId id, RestoreOptions options);

  /**
   * {@code GET /snapshot-status}. Unauthenticated on the server, so no credentials (and no tenant)
   * are sent: it keeps working while a restore swaps the users and secrets.
   */
  RestoreStatus snapshotStatus();

  // ---------------------------------------------------------------- executions

  default Execution getExecution(String executionId) {
    return getExecution(executionId, false);
  }

  /**
   * {@code GET /executions/<id>}.
   *
   * @param bypassMaintenance send {@code X-BYPASS-MAINTENANCE: true}: while maintenance is
   *     activated this endpoint is otherwise rejected with 503; honoured for sys_admin only
   */
  Execution getExecution(String executionId, boolean bypassMaintenance);

  /**
   * {@code GET /executions}, following pagination.
   *
   * @param includeSystemWorkflows sends {@code _include_system_workflows=true}; without it the
   *     server hides snapshot workflows ({@code create_snapshot}, {@code restore_snapshot})
   */
  default ListResult<Execution> listExecutions(ListQuery query, boolean includeSystemWorkflows) {
    return listExecutions(query, includeSystemWorkflows, false);
  }

  /**
   * As {@link #listExecutions(ListQuery, boolean)}; {@code bypassMaintenance} sends {@code
   * X-BYPASS-MAINTENANCE: true} (while maintenance is activated the list is otherwise refused with
   * 503; honoured for sys_admin only).
   */
  ListResult<Execution> listExecutions(
      ListQuery query, boolean includeSystemWorkflows, boolean bypassMaintenance);

  /**
   * {@code POST /executions/<id>} with {@code {"action": ...}}. Returns the execution, typically in
   * a cancelling state; it reaches {@code cancelled} (or {@code terminated}) later.
   *
   * @throws BadRequestException {@code illegal_action_error} when not cancellable in its state
   */
  Execution cancelExecution(String executionId, CancelAction action);

  /**
   * {@code POST /executions} with {@code {"deployment_id", "workflow_id"}} in {@code tenant} (null:
   * the connection's): starts a workflow on one deployment (e.g. {@code install_new_agents}). Never
   * retried.
   *
   * @throws NotFoundException no such deployment in that tenant
   */
  Execution startExecution(String tenant, String deploymentId, String workflowId);

  /**
   * {@code GET /events?execution_id=<id>&<filters>&_sort=@timestamp}: the first {@code limit}
   * (1..1000) events and logs of one execution, oldest first. {@code filters}: {@code level},
   * {@code event_type} or {@code type} (e.g. {@code level=error}, {@code event_type=task_failed}).
   */
  List<ExecutionEvent> executionEvents(
      String executionId, Map<String, String> filters, int limit, boolean bypassMaintenance);

  // ---------------------------------------------------------------- contents

  /**
   * {@code GET /summary/<type>?_target_field=tenant_name&_all_tenants=true}: how many {@code type}
   * ({@code blueprints}, {@code deployments}, {@code nodes}, {@code node_instances}, {@code
   * executions}, {@code execution_schedules}) each tenant holds; tenants without any are absent.
   */
  Map<String, Long> summaryByTenant(String type, boolean bypassMaintenance);

  /**
   * {@code GET /<resource>?_size=0}: the manager's total ({@code metadata.pagination.total}), e.g.
   * of {@code tenants} or {@code users}. {@code resource} is a path under the API ({@code
   * user-groups}, {@code filters/deployments}).
   */
  long total(String resource, boolean bypassMaintenance);

  /**
   * {@code GET /<resource>?_all_tenants=true&_include=tenant_name}, every page: how many items each
   * tenant owns (items with a global visibility counted once, in their own tenant).
   */
  Map<String, Long> countByTenant(String resource, boolean bypassMaintenance);

  /**
   * {@code GET /<resource>/<id>?_include=id} in {@code tenant} ({@code blueprints}, {@code
   * deployments}): true when served, false on 404.
   */
  boolean exists(String resource, String tenant, String id, boolean bypassMaintenance);

  // ---------------------------------------------------------------- maintenance

  /**
   * {@code GET /maintenance}. Also what flips {@code activating} to {@code activated} on the
   * server.
   */
  MaintenanceState getMaintenance();

  /**
   * {@code POST /maintenance/activate}. The result may be {@code activating}: activation completes
   * lazily once no execution is running or waiting, so poll {@link #getMaintenance()} until {@link
   * MaintenanceState#isActivated()} (the CLI polls every 5 s). Already activating/activated (304)
   * is not an error: {@code changed=false} with the state re-read by GET.
   */
  MaintenanceChange activateMaintenance();

  /** {@code POST /maintenance/deactivate}; 304 (already off) gives {@code changed=false}. */
  MaintenanceChange deactivateMaintenance();

  // ---------------------------------------------------------------- status

  /**
   * {@code GET /status}. A 500 carrying a status body is parsed (status {@code Fail}), not thrown.
   */
  ManagerStatus status();

  default ClusterStatus clusterStatus() {
    return clusterStatus(false);
  }

  /**
   * {@code GET /cluster-status[?summary=true]}. With {@code summary=true} the server answers HTTP
   * 500 when the cluster is {@code Fail}; that body is parsed and returned, not thrown.
   */
  ClusterStatus clusterStatus(boolean summary);

  /** {@code GET /version}. */
  VersionInfo version();

  /** Releases connections and threads. */
  @Override
  void close();
}
