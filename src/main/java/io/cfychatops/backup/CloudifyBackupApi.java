package io.cfychatops.backup;

import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.CreateOptions;
import io.cfychatops.cloudify.DownloadResult;
import io.cfychatops.cloudify.Execution;
import io.cfychatops.cloudify.ListQuery;
import io.cfychatops.cloudify.NotFoundException;
import io.cfychatops.cloudify.Snapshot;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.cloudify.TransportException;
import io.cfychatops.metrics.Metrics;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link BackupManagerApi} over {@code cloudify.CloudifyClient}. Snapshots are created with the
 * manager's defaults (credentials, logs and events included; new format on 7.x). Client exceptions
 * pass through unchanged (their messages name the HTTP status and {@code error_code}); each one is
 * also counted as a Cloudify call error when metrics are given.
 */
public final class CloudifyBackupApi implements BackupManagerApi {
  private final CloudifyClient client;
  private final Metrics metrics;

  public CloudifyBackupApi(CloudifyClient client, Metrics metrics) {
    this.client = Objects.requireNonNull(client, "client");
    this.metrics = metrics;
  }

  @Override
  public String version() {
    return call(() -> client.version().version());
  }

  @Override
  public String createSnapshot(String snapshotId) {
    return call(() -> client.createSnapshot(SnapshotId.of(snapshotId), CreateOptions.defaults())
        .id());
  }

  @Override
  public Execution execution(String executionId) {
    return call(() -> client.getExecution(executionId));
  }

  @Override
  public ManagerSnapshot snapshot(String snapshotId) {
    return map(call(() -> client.getSnapshot(SnapshotId.of(snapshotId))));
  }

  @Override
  public List<ManagerSnapshot> listSnapshots() {
    return call(() -> client.listSnapshots(ListQuery.builder().search("nightly-").build()))
        .items().stream().map(CloudifyBackupApi::map).toList();
  }

  @Override
  public void deleteSnapshot(String snapshotId) {
    try {
      call(() -> client.deleteSnapshot(SnapshotId.of(snapshotId)));
    } catch (NotFoundException e) {
      // already gone: that is what we wanted
    }
  }

  @Override
  public Download download(String snapshotId, OutputStream out) {
    DownloadResult r = call(() -> client.downloadSnapshot(SnapshotId.of(snapshotId), out));
    return new Download(r.bytes(), r.sha256Hex());
  }

  private static ManagerSnapshot map(Snapshot s) {
    return new ManagerSnapshot(s.id(), s.status(), s.createdAt(), s.error());
  }

  private <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (CloudifyException e) {
      if (metrics != null && !(e instanceof NotFoundException)) {
        metrics.cloudifyCallFailed(e instanceof TransportException ? "transport"
            : e.errorCode() == null || e.errorCode().isBlank() ? "http_" + e.httpStatus()
            : e.errorCode());
      }
      throw e;
    } catch (RuntimeException e) {
      if (metrics != null) {
        metrics.cloudifyCallFailed("transport");
      }
      throw e;
    }
  }
}
