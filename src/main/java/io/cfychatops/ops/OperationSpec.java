package io.cfychatops.ops;

import io.cfychatops.cloudify.SnapshotId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operation runs, typed per {@link OpKind}: built from the parsed command (core's {@code
 * OperationRequests}), persisted with the operation, read by its runbook. The create and restore
 * flags are the manager port's own flag records, so what was approved is, field for field, what the
 * manager is sent. Never secrets.
 */
public sealed interface OperationSpec {
  OpKind kind();

  /** The snapshot the operation is about; empty for maintenance mode. */
  default Optional<SnapshotId> snapshotIfAny() {
    return Optional.empty();
  }

  /** The inputs as people may read them ({@code /cfy ops show}), in a stable order. */
  Map<String, String> display();

  /**
   * The spec of {@code kind} with the command's defaults, for {@code snapshot} (null for
   * maintenance).
   */
  static OperationSpec defaults(OpKind kind, SnapshotId snapshot) {
    return switch (kind) {
      case CREATE -> new CreateSpec(snapshot, ManagerPort.CreateFlags.DEFAULT);
      case DOWNLOAD -> new DownloadSpec(snapshot);
      case UPLOAD ->
          throw new IllegalArgumentException("upload needs `archive` (a stored file) or `url`");
      case DELETE -> new DeleteSpec(snapshot);
      case MAINTENANCE_ON -> new MaintenanceOnSpec(null);
      case MAINTENANCE_OFF -> new MaintenanceOffSpec();
      case RESTORE -> new RestoreSpec(snapshot, true, false, ManagerPort.RestoreFlags.DEFAULT);
      case NIGHTLY ->
          throw new IllegalArgumentException("a nightly run is started by its schedule");
      case DRILL ->
          throw new IllegalArgumentException(
              "a drill is started by `/cfy drills run` or its schedule");
    };
  }

  /** {@code snapshots create}: the new snapshot's id and the create flags as approved. */
  record CreateSpec(SnapshotId snapshot, ManagerPort.CreateFlags flags) implements OperationSpec {
    public CreateSpec {
      Objects.requireNonNull(snapshot, "snapshot");
      Objects.requireNonNull(flags, "flags");
    }

    @Override
    public OpKind kind() {
      return OpKind.CREATE;
    }

    @Override
    public Optional<SnapshotId> snapshotIfAny() {
      return Optional.of(snapshot);
    }

    @Override
    public Map<String, String> display() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("snapshot", snapshot.value());
      m.put("includeCredentials", String.valueOf(flags.includeCredentials()));
      m.put("includeLogs", String.valueOf(flags.includeLogs()));
      m.put("includeEvents", String.valueOf(flags.includeEvents()));
      m.put("queue", String.valueOf(flags.queue()));
      putIfSet(m, "tempdirPath", flags.tempdirPath());
      putIfSet(m, "legacy", flags.legacy());
      putIfSet(m, "listenerTimeout", flags.listenerTimeout());
      return m;
    }
  }

  /** {@code snapshots download}: into the bot's archive store. */
  record DownloadSpec(SnapshotId snapshot) implements OperationSpec {
    public DownloadSpec {
      Objects.requireNonNull(snapshot, "snapshot");
    }

    @Override
    public OpKind kind() {
      return OpKind.DOWNLOAD;
    }

    @Override
    public Optional<SnapshotId> snapshotIfAny() {
      return Optional.of(snapshot);
    }

    @Override
    public Map<String, String> display() {
      return Map.of("snapshot", snapshot.value());
    }
  }

  /**
   * {@code snapshots upload}: from a URL the manager fetches or a stored archive (exactly one).
   *
   * @param overwrite true when replacing an existing snapshot's archive was approved
   */
  record UploadSpec(SnapshotId snapshot, String url, Path archive, boolean overwrite)
      implements OperationSpec {
    public UploadSpec {
      Objects.requireNonNull(snapshot, "snapshot");
      if ((url == null) == (archive == null)) {
        throw new IllegalArgumentException("upload needs `archive` (a stored file) or `url`");
      }
    }

    public static UploadSpec fromUrl(SnapshotId snapshot, String url) {
      return new UploadSpec(snapshot, url, null, false);
    }

    public static UploadSpec fromArchive(SnapshotId snapshot, Path archive) {
      return new UploadSpec(snapshot, null, archive, false);
    }

    public UploadSpec withOverwrite(boolean o) {
      return new UploadSpec(snapshot, url, archive, o);
    }

    @Override
    public OpKind kind() {
      return OpKind.UPLOAD;
    }

    @Override
    public Optional<SnapshotId> snapshotIfAny() {
      return Optional.of(snapshot);
    }

    @Override
    public Map<String, String> display() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("snapshot", snapshot.value());
      putIfSet(m, "url", url);
      putIfSet(m, "archive", archive);
      if (overwrite) {
        m.put("overwrite", "true");
      }
      return m;
    }
  }

  /** {@code snapshots delete}. */
  record DeleteSpec(SnapshotId snapshot) implements OperationSpec {
    public DeleteSpec {
      Objects.requireNonNull(snapshot, "snapshot");
    }

    @Override
    public OpKind kind() {
      return OpKind.DELETE;
    }

    @Override
    public Optional<SnapshotId> snapshotIfAny() {
      return Optional.of(snapshot);
    }

    @Override
    public Map<String, String> display() {
      return Map.of("snapshot", snapshot.value());
    }
  }

  /**
   * {@code maintenance-mode activate}.
   *
   * @param waitTimeout how long to wait for {@code activated} ({@code --wait --timeout S}); zero:
   *     no limit (as the CLI); null: the configured timeout
   */
  record MaintenanceOnSpec(Duration waitTimeout) implements OperationSpec {
    public MaintenanceOnSpec {
      if (waitTimeout != null && waitTimeout.isNegative()) {
        throw new IllegalArgumentException("waitTimeout must be >= 0");
      }
    }

    @Override
    public OpKind kind() {
      return OpKind.MAINTENANCE_ON;
    }

    @Override
    public Map<String, String> display() {
      return waitTimeout == null
          ? Map.of()
          : Map.of("waitTimeout", Long.toString(waitTimeout.toSeconds()));
    }
  }

  /** {@code maintenance-mode deactivate}. */
  record MaintenanceOffSpec() implements OperationSpec {
    @Override
    public OpKind kind() {
      return OpKind.MAINTENANCE_OFF;
    }

    @Override
    public Map<String, String> display() {
      return Map.of();
    }
  }

  /**
   * {@code snapshots restore}.
   *
   * @param safetySnapshot false when {@code --no-safety-snapshot} skipped the safety snapshot
   * @param encodingAlphabetCopied the requester confirmed the cluster step
   * @param flags what the manager is sent, as approved
   */
  record RestoreSpec(
      SnapshotId snapshot,
      boolean safetySnapshot,
      boolean encodingAlphabetCopied,
      ManagerPort.RestoreFlags flags)
      implements OperationSpec {
    public RestoreSpec {
      Objects.requireNonNull(snapshot, "snapshot");
      Objects.requireNonNull(flags, "flags");
    }

    @Override
    public OpKind kind() {
      return OpKind.RESTORE;
    }

    @Override
    public Optional<SnapshotId> snapshotIfAny() {
      return Optional.of(snapshot);
    }

    @Override
    public Map<String, String> display() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("snapshot", snapshot.value());
      m.put("safety", String.valueOf(safetySnapshot));
      m.put("encodingAlphabetCopied", String.valueOf(encodingAlphabetCopied));
      m.put("force", String.valueOf(flags.force()));
      m.put("restoreCertificates", String.valueOf(flags.restoreCertificates()));
      m.put("noReboot", String.valueOf(flags.noReboot()));
      m.put("ignorePluginFailure", String.valueOf(flags.ignorePluginFailure()));
      return m;
    }
  }

  /**
   * A manager's nightly backup ({@code backup.NightlyRunbook}): the slot it runs for (claimed in
   * the run log first) and the operation ids of the runs started with it, reported together.
   */
  record NightlySpec(Instant slot, List<String> batch) implements OperationSpec {
    public NightlySpec {
      Objects.requireNonNull(slot, "slot");
      batch = List.copyOf(batch == null ? List.of() : batch);
    }

    @Override
    public OpKind kind() {
      return OpKind.NIGHTLY;
    }

    @Override
    public Map<String, String> display() {
      return Map.of("slot", slot.toString());
    }
  }

  /**
   * A restore drill ({@code drill.DrillRunbook}), run on the scratch manager the operation names: a
   * verified stored copy of {@code source}'s snapshot, uploaded there as {@code scratchSnapshot},
   * restored with no safety snapshot and validated.
   *
   * @param source the manager whose backup is drilled
   * @param snapshot the snapshot id on {@code source}
   * @param scratchSnapshot the id the copy is uploaded as on the scratch manager
   * @param archive the stored copy (absolute)
   * @param sha256 the stored copy's recorded hash (the fetch step checks it)
   * @param timeout the drill's own limit; past it the drill ends TIMED_OUT
   * @param slot the schedule slot that started it, null for a manual drill
   */
  record DrillSpec(
      String source,
      SnapshotId snapshot,
      SnapshotId scratchSnapshot,
      Path archive,
      String sha256,
      Duration timeout,
      Instant slot)
      implements OperationSpec {
    public DrillSpec {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(snapshot, "snapshot");
      Objects.requireNonNull(scratchSnapshot, "scratchSnapshot");
      Objects.requireNonNull(archive, "archive");
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be > 0");
      }
    }

    @Override
    public OpKind kind() {
      return OpKind.DRILL;
    }

    /** The snapshot on the operation's (scratch) manager: what upload and restore act on. */
    @Override
    public Optional<SnapshotId> snapshotIfAny() {
      return Optional.of(scratchSnapshot);
    }

    /** The upload the drill runs (a new id per drill: never over an existing snapshot). */
    public UploadSpec asUpload() {
      return UploadSpec.fromArchive(scratchSnapshot, archive);
    }

    /**
     * The restore the drill runs: no safety snapshot, the command's default flags. A scratch
     * manager that is a cluster is set up once with the source's encoding alphabet (README "Restore
     * drills"), so the cluster step counts as done.
     */
    public RestoreSpec asRestore() {
      return new RestoreSpec(scratchSnapshot, false, true, ManagerPort.RestoreFlags.DEFAULT);
    }

    @Override
    public Map<String, String> display() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("source", source);
      m.put("snapshot", snapshot.value());
      m.put("scratchSnapshot", scratchSnapshot.value());
      m.put("timeout", Long.toString(timeout.toSeconds()));
      putIfSet(m, "slot", slot);
      return m;
    }
  }

  private static void putIfSet(Map<String, String> m, String key, Object value) {
    if (value != null) {
      m.put(key, value.toString());
    }
  }
}
