package io.cfychatops.command;

import io.cfychatops.cloudify.SnapshotId;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** {@code cfy snapshots list|create|download|inspect|upload|restore|delete|status}. */
public sealed interface SnapshotCommand extends Command {

  /**
   * {@code cfy snapshots list}. Default sort {@value #DEFAULT_SORT}, page size {@value
   * #DEFAULT_SIZE}.
   */
  record List(
      String sortBy, boolean descending, String search, int offset, int size, boolean allTenants)
      implements SnapshotCommand {
    public static final String DEFAULT_SORT = "created_at";
    public static final int DEFAULT_SIZE = 1000;
    public static final int MAX_SIZE = 1000;

    public List {
      Objects.requireNonNull(sortBy, "sortBy");
      if (offset < 0) {
        throw new IllegalArgumentException("offset must be >= 0: " + offset);
      }
      if (size < 1 || size > MAX_SIZE) {
        throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ": " + size);
      }
    }

    /** All defaults: the first 1000 snapshots by creation time, this tenant. */
    public static List defaults() {
      return new List(DEFAULT_SORT, false, null, 0, DEFAULT_SIZE, false);
    }

    @Override
    public String canonical() {
      return new Canon(path())
          .opt("--sort-by", DEFAULT_SORT.equals(sortBy) ? null : sortBy)
          .flag("--descending", descending)
          .opt("--search", search)
          .opt("--pagination-offset", offset == 0 ? null : Integer.toString(offset))
          .opt("--pagination-size", size == DEFAULT_SIZE ? null : Integer.toString(size))
          .flag("--all-tenants", allTenants)
          .toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.snapshotsList(this);
    }
  }

  /**
   * {@code cfy snapshots create [SNAPSHOT_ID]}.
   *
   * @param snapshotId null: the caller generates one
   * @param tempdirPath null: the manager's default
   * @param legacy null: not sent (the manager's default); true/false from {@code
   *     --legacy/--no-legacy}
   * @param listenerTimeout seconds, null: the workflow default; never set together with {@code
   *     legacy == true}
   */
  record Create(
      SnapshotId snapshotId,
      boolean includeCredentials,
      boolean includeLogs,
      boolean includeEvents,
      boolean queue,
      String tempdirPath,
      Boolean legacy,
      Double listenerTimeout)
      implements SnapshotCommand, OperationCommand {
    public Create {
      if (listenerTimeout != null) {
        if (!(listenerTimeout > 0) || listenerTimeout.isInfinite()) {
          throw new IllegalArgumentException("listenerTimeout must be > 0: " + listenerTimeout);
        }
        if (Boolean.TRUE.equals(legacy)) {
          throw new IllegalArgumentException("listenerTimeout cannot be combined with legacy");
        }
      }
    }

    /** Everything included, server defaults; {@code snapshotId} null: chosen later. */
    public static Create defaults(SnapshotId snapshotId) {
      return new Create(snapshotId, true, true, true, false, null, null, null);
    }

    /** A copy with the given id, e.g. once the caller has generated one. */
    public Create withSnapshotId(SnapshotId id) {
      return new Create(
          id,
          includeCredentials,
          includeLogs,
          includeEvents,
          queue,
          tempdirPath,
          legacy,
          listenerTimeout);
    }

    @Override
    public Optional<SnapshotId> targetSnapshotId() {
      return Optional.ofNullable(snapshotId);
    }

    @Override
    public String canonical() {
      return new Canon(path())
          .arg(snapshotId)
          .flag("--exclude-credentials", !includeCredentials)
          .flag("--exclude-logs", !includeLogs)
          .flag("--exclude-events", !includeEvents)
          .flag("--queue", queue)
          .opt("--tempdir-path", tempdirPath)
          .flag("--legacy", Boolean.TRUE.equals(legacy))
          .flag("--no-legacy", Boolean.FALSE.equals(legacy))
          .opt("--listener-timeout", listenerTimeout == null ? null : plain(listenerTimeout))
          .toString();
    }

    private static String plain(double d) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.snapshotsCreate(this);
    }

    @Override
    public <R> R accept(OperationCommand.Visitor<R> v) {
      return v.create(this);
    }
  }

  /**
   * {@code cfy snapshots download SNAPSHOT_ID}.
   *
   * @param outputPath {@code -o/--output-path}; null: the archive store's default name
   */
  record Download(SnapshotId snapshotId, String outputPath)
      implements SnapshotCommand, OperationCommand {
    public Download {
      Objects.requireNonNull(snapshotId, "snapshotId");
    }

    @Override
    public Optional<SnapshotId> targetSnapshotId() {
      return Optional.of(snapshotId);
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(snapshotId).opt("--output-path", outputPath).toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.snapshotsDownload(this);
    }

    @Override
    public <R> R accept(OperationCommand.Visitor<R> v) {
      return v.download(this);
    }
  }

  /**
   * {@code cfy snapshots inspect SNAPSHOT_ID}: what a restore of the snapshot's archive would bring
   * back, read from the archive store (the bot's own command; the CLI has none).
   */
  record Inspect(SnapshotId snapshotId) implements SnapshotCommand {
    public Inspect {
      Objects.requireNonNull(snapshotId, "snapshotId");
    }

    @Override
    public Optional<SnapshotId> targetSnapshotId() {
      return Optional.of(snapshotId);
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(snapshotId).toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.snapshotsInspect(this);
    }
  }

  /**
   * {@code cfy snapshots upload SOURCE}.
   *
   * @param source an archive path, a stored-archive name, or an {@code http(s)/ftp} URL the manager
   *     fetches
   * @param snapshotId {@code -s/--snapshot-id}; null: the caller derives one from the source
   * @param fromManager {@code --from-manager NAME}: take {@code source} from the archive store of
   *     that manager (with {@code --from-offsite}: from that manager's off-site copies); null
   *     otherwise
   * @param fromOffsite {@code --from-offsite}: {@code source} is a snapshot id in the off-site
   *     store, fetched into the archive store first
   */
  record Upload(String source, SnapshotId snapshotId, String fromManager, boolean fromOffsite)
      implements SnapshotCommand, OperationCommand {
    public Upload {
      if (source == null || source.isBlank()) {
        throw new IllegalArgumentException("source is required");
      }
      if (fromOffsite && source.contains("://")) {
        throw new IllegalArgumentException("--from-offsite takes a snapshot id, not a URL");
      }
    }

    /** An upload from a URL or the archive store. */
    public Upload(String source, SnapshotId snapshotId, String fromManager) {
      this(source, snapshotId, fromManager, false);
    }

    /** True if {@code source} is a URL for the manager to fetch. */
    public boolean sourceIsUrl() {
      return source.contains("://");
    }

    /** A copy with the given id, e.g. once the caller has derived one from the source. */
    public Upload withSnapshotId(SnapshotId id) {
      return new Upload(source, id, fromManager, fromOffsite);
    }

    @Override
    public Optional<SnapshotId> targetSnapshotId() {
      return Optional.ofNullable(snapshotId);
    }

    @Override
    public String canonical() {
      return new Canon(path())
          .arg(source)
          .opt("--snapshot-id", snapshotId == null ? null : snapshotId.value())
          .opt("--from-manager", fromManager)
          .flag("--from-offsite", fromOffsite)
          .toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.snapshotsUpload(this);
    }

    @Override
    public <R> R accept(OperationCommand.Visitor<R> v) {
      return v.upload(this);
    }
  }

  /**
   * {@code cfy snapshots restore SNAPSHOT_ID}.
   *
   * @param skipSafetySnapshot {@code --no-safety-snapshot}: do not take a snapshot of the target
   *     first
   * @param encodingAlphabetConfirmed {@code --encoding-alphabet-copied}: the operator confirms the
   *     encoding alphabet was copied to the target (needed for clusters, see the backup guide)
   */
  record Restore(
      SnapshotId snapshotId,
      boolean force,
      boolean restoreCertificates,
      boolean noReboot,
      boolean ignorePluginFailure,
      boolean skipSafetySnapshot,
      boolean encodingAlphabetConfirmed)
      implements SnapshotCommand, OperationCommand {
    /**
     * The manager's own message when {@code no_reboot} comes without {@code restore_certificates}.
     */
    public static final String NO_REBOOT_ERROR =
        "`no_reboot` is only relevant when `restore_certificates` is activated";

    public Restore {
      Objects.requireNonNull(snapshotId, "snapshotId");
      if (noReboot && !restoreCertificates) {
        throw new IllegalArgumentException(NO_REBOOT_ERROR);
      }
    }

    /** A plain restore of {@code snapshotId}: no flags. */
    public static Restore of(SnapshotId snapshotId) {
      return new Restore(snapshotId, false, false, false, false, false, false);
    }

    @Override
    public Optional<SnapshotId> targetSnapshotId() {
      return Optional.of(snapshotId);
    }

    @Override
    public String canonical() {
      return new Canon(path())
          .arg(snapshotId)
          .flag("--force", force)
          .flag("--restore-certificates", restoreCertificates)
          .flag("--no-reboot", noReboot)
          .flag("--ignore-plugin-failure", ignorePluginFailure)
          .flag("--no-safety-snapshot", skipSafetySnapshot)
          .flag("--encoding-alphabet-copied", encodingAlphabetConfirmed)
          .toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.snapshotsRestore(this);
    }

    @Override
    public <R> R accept(OperationCommand.Visitor<R> v) {
      return v.restore(this);
    }
  }

  /** {@code cfy snapshots delete SNAPSHOT_ID}. */
  record Delete(SnapshotId snapshotId) implements SnapshotCommand, OperationCommand {
    public Delete {
      Objects.requireNonNull(snapshotId, "snapshotId");
    }

    @Override
    public Optional<SnapshotId> targetSnapshotId() {
      return Optional.of(snapshotId);
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(snapshotId).toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.snapshotsDelete(this);
    }

    @Override
    public <R> R accept(OperationCommand.Visitor<R> v) {
      return v.delete(this);
    }
  }

  /** {@code cfy snapshots status}: is a restore running? */
  record Status() implements SnapshotCommand {
    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.snapshotsStatus(this);
    }
  }
}
