package io.cfychatops.store;

import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OperationSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Reads the {@code params} string map of operations stored before typed specs (format 1), with the
 * defaults the runbooks of that time applied: a create flag or {@code safety} is on unless stored
 * as {@code "false"} (an operation stored before {@code queue} was recorded keeps the queueing it
 * ran with), the restore flags are off unless stored as {@code "true"}.
 */
final class LegacyOperationParams {
  private LegacyOperationParams() {}

  static OperationSpec spec(OpKind kind, Map<String, String> p) {
    SnapshotId snap = p.get("snapshot") == null ? null : SnapshotId.of(p.get("snapshot"));
    return switch (kind) {
      case CREATE ->
          new OperationSpec.CreateSpec(
              snap,
              new ManagerPort.CreateFlags(
                  on(p, "includeCredentials"),
                  on(p, "includeLogs"),
                  on(p, "includeEvents"),
                  on(p, "queue"),
                  p.get("tempdirPath"),
                  p.get("legacy") == null ? null : Boolean.valueOf(p.get("legacy")),
                  p.get("listenerTimeout") == null
                      ? null
                      : Double.valueOf(p.get("listenerTimeout"))));
      case DOWNLOAD -> new OperationSpec.DownloadSpec(snap);
      case UPLOAD ->
          new OperationSpec.UploadSpec(
              snap,
              p.get("url"),
              p.get("url") != null || p.get("archive") == null ? null : Path.of(p.get("archive")),
              Boolean.parseBoolean(p.get("overwrite")));
      case DELETE -> new OperationSpec.DeleteSpec(snap);
      case MAINTENANCE_ON ->
          new OperationSpec.MaintenanceOnSpec(
              p.get("waitTimeout") == null
                  ? null
                  : Duration.ofSeconds(Long.parseLong(p.get("waitTimeout"))));
      case MAINTENANCE_OFF -> new OperationSpec.MaintenanceOffSpec();
      case RESTORE ->
          new OperationSpec.RestoreSpec(
              snap,
              on(p, "safety"),
              Boolean.parseBoolean(p.get("encodingAlphabetCopied")),
              new ManagerPort.RestoreFlags(
                  Boolean.parseBoolean(p.get("force")),
                  Boolean.parseBoolean(p.get("restoreCertificates")),
                  Boolean.parseBoolean(p.get("noReboot")),
                  Boolean.parseBoolean(p.get("ignorePluginFailure"))));
      // nightly runs became operations after params became specs: no legacy row has one
      case NIGHTLY -> throw new IllegalArgumentException("no legacy nightly operation exists");
      case DRILL -> throw new IllegalArgumentException("no legacy drill operation exists");
    };
  }

  private static boolean on(Map<String, String> p, String key) {
    return !"false".equals(p.get(key));
  }
}
