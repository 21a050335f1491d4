package io.cfychatops.sim;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One snapshot row; mutable, guarded by {@link SimState}'s lock. */
final class Snapshot {
  static final List<String> FIELDS =
      List.of(
          "id",
          "created_at",
          "status",
          "error",
          "visibility",
          "tenant_name",
          "created_by",
          "resource_availability",
          "private_resource");

  final String id;
  final Instant createdAt;
  final String tenant;
  final String createdBy;
  String status;
  String error = "";
  String executionId;

  /** An uploaded archive, if any (it wins over the generated one). */
  Path archiveFile;

  /** What the create dumped; {@code null} for seeded and uploaded snapshots. */
  DumpSpec dump;

  /** The generated archive, sized once on first use. */
  SnapshotArchive generated;

  Instant updateAt;
  String updateStatus;
  String updateError;

  Snapshot(String id, Instant createdAt, String tenant, String createdBy, String status) {
    this.id = id;
    this.createdAt = createdAt;
    this.tenant = tenant;
    this.createdBy = createdBy;
    this.status = status;
  }

  Map<String, Object> json() {
    return Json.obj(
        "id",
        id,
        "created_at",
        Json.timestamp(createdAt),
        "status",
        status,
        "error",
        error,
        "visibility",
        "private",
        "tenant_name",
        tenant,
        "created_by",
        createdBy,
        "resource_availability",
        "private",
        "private_resource",
        true);
  }
}
