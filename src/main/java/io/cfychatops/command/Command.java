package io.cfychatops.command;

import io.cfychatops.cloudify.SnapshotId;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code /cfy} command. Records are immutable and validate their own fields (snapshot ids,
 * ranges, flag combinations), throwing {@link IllegalArgumentException}; {@link CommandParser}
 * checks the same rules first and turns them into friendly {@link ParseResult.ParseError}s.
 *
 * <p>{@link #canonical()} renders the command as a normalised {@code cfy ...} line with a fixed
 * option order: options at their defaults are left out, so two spellings of the same request give
 * the same line (approval cards and fingerprints rely on this), and {@code
 * CommandParser.parse(c.canonical())} gives back {@code c}.
 */
public sealed interface Command {

  /** The command path as typed after {@code cfy}, e.g. {@code "snapshots restore"}. */
  String path();

  /** What the command does. */
  ActionKind action();

  /**
   * The normalised command line, starting with {@code cfy }. Commands without arguments or options
   * are just their path.
   */
  default String canonical() {
    return new Canon(path()).toString();
  }

  /** Shorthand for {@code action().isDestructive()}; see {@link ActionKind#isDestructive()}. */
  default boolean isDestructive() {
    return action().isDestructive();
  }

  /** The snapshot this command is about, if it names one. */
  default Optional<String> targetSnapshotId() {
    return Optional.empty();
  }

  // ---------------------------------------------------------------- snapshots

  /** {@code cfy snapshots list}. Default sort {@value #DEFAULT_SORT}, page size {@value #DEFAULT_SIZE}. */
  record SnapshotsList(
      String sortBy, boolean descending, String search, int offset, int size, boolean allTenants)
      implements Command {
    public static final String DEFAULT_SORT = "created_at";
    public static final int DEFAULT_SIZE = 1000;
    public static final int MAX_SIZE = 1000;

    public SnapshotsList {
      Objects.requireNonNull(sortBy, "sortBy");
      if (offset < 0) {
        throw new IllegalArgumentException("offset must be >= 0: " + offset);
      }
      if (size < 1 || size > MAX_SIZE) {
        throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ": " + size);
      }
    }

    /** All defaults: the first 1000 snapshots by creation time, this tenant. */
    public static SnapshotsList defaults() {
      return new SnapshotsList(DEFAULT_SORT, false, null, 0, DEFAULT_SIZE, false);
    }

    @Override
    public String path() {
      return "snapshots list";
    }

    @Override
    public ActionKind action() {
      return ActionKind.LIST;
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
  }

  /**
   * {@code cfy snapshots create [SNAPSHOT_ID]}.
   *
   * @param snapshotId null: the caller generates one
   * @param tempdirPath null: the manager's default
   * @param legacy null: not sent (the manager's default); true/false from {@code --legacy/--no-legacy}
   * @param listenerTimeout seconds, null: the workflow default; never set together with {@code legacy == true}
   */
  record SnapshotsCreate(
      String snapshotId,
      boolean includeCredentials,
      boolean includeLogs,
      boolean includeEvents,
      boolean queue,
      String tempdirPath,
      Boolean legacy,
      Double listenerTimeout)
      implements Command {
    public SnapshotsCreate {
      if (snapshotId != null) {
        SnapshotId.require(snapshotId);
      }
      if (listenerTimeout != null) {
        if (!(listenerTimeout > 0) || listenerTimeout.isInfinite()) {
          throw new IllegalArgumentException("listenerTimeout must be > 0: " + listenerTimeout);
        }
        if (Boolean.TRUE.equals(legacy)) {
          throw new IllegalArgumentException("listenerTimeout cannot be combined with legacy");
        }
      }
    }

    /** Everything included, server defaults, id chosen later. */
    public static SnapshotsCreate defaults(String snapshotId) {
      return new SnapshotsCreate(snapshotId, true, true, true, false, null, null, null);
    }

    /** A copy with the given id, e.g. once the caller has generated one. */
    public SnapshotsCreate withSnapshotId(String id) {
      return new SnapshotsCreate(
          id, includeCredentials, includeLogs, includeEvents, queue, tempdirPath, legacy, listenerTimeout);
    }

    @Override
    public String path() {
      return "snapshots create";
    }

    @Override
    public ActionKind action() {
      return ActionKind.CREATE;
    }

    @Override
    public Optional<String> targetSnapshotId() {
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
  }

  /**
   * {@code cfy snapshots download SNAPSHOT_ID}.
   *
   * @param outputPath {@code -o/--output-path}; null: the archive store's default name
   */
  record SnapshotsDownload(String snapshotId, String outputPath) implements Command {
    public SnapshotsDownload {
      SnapshotId.require(snapshotId);
    }

    @Override
    public String path() {
      return "snapshots download";
    }

    @Override
    public ActionKind action() {
      return ActionKind.DOWNLOAD;
    }

    @Override
    public Optional<String> targetSnapshotId() {
      return Optional.of(snapshotId);
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(snapshotId).opt("--output-path", outputPath).toString();
    }
  }

  /**
   * {@code cfy snapshots upload SOURCE}.
   *
   * @param source an archive path, a stored-archive name, or an {@code http(s)/ftp} URL the manager fetches
   * @param snapshotId {@code -s/--snapshot-id}; null: the caller generates one
   * @param fromManager {@code --from-manager NAME}: take {@code source} from the archive store of that manager; null otherwise
   */
  record SnapshotsUpload(String source, String snapshotId, String fromManager) implements Command {
    public SnapshotsUpload {
      if (source == null || source.isBlank()) {
        throw new IllegalArgumentException("source is required");
      }
      if (snapshotId != null) {
        SnapshotId.require(snapshotId);
      }
    }

    /** True if {@code source} is a URL for the manager to fetch. */
    public boolean sourceIsUrl() {
      return source.contains("://");
    }

    @Override
    public String path() {
      return "snapshots upload";
    }

    @Override
    public ActionKind action() {
      return ActionKind.UPLOAD;
    }

    @Override
    public Optional<String> targetSnapshotId() {
      return Optional.ofNullable(snapshotId);
    }

    @Override
    public String canonical() {
      return new Canon(path())
          .arg(source)
          .opt("--snapshot-id", snapshotId)
          .opt("--from-manager", fromManager)
          .toString();
    }
  }

  /**
   * {@code cfy snapshots restore SNAPSHOT_ID}.
   *
   * @param skipSafetySnapshot {@code --no-safety-snapshot}: do not take a snapshot of the target first
   * @param encodingAlphabetConfirmed {@code --encoding-alphabet-copied}: the operator confirms the
   *     encoding alphabet was copied to the target (needed for clusters, see the backup guide)
   */
  record SnapshotsRestore(
      String snapshotId,
      boolean force,
      boolean restoreCertificates,
      boolean noReboot,
      boolean ignorePluginFailure,
      boolean skipSafetySnapshot,
      boolean encodingAlphabetConfirmed)
      implements Command {
    /** The manager's own message when {@code no_reboot} comes without {@code restore_certificates}. */
    public static final String NO_REBOOT_ERROR =
        "`no_reboot` is only relevant when `restore_certificates` is activated";

    public SnapshotsRestore {
      SnapshotId.require(snapshotId);
      if (noReboot && !restoreCertificates) {
        throw new IllegalArgumentException(NO_REBOOT_ERROR);
      }
    }

    /** A plain restore of {@code snapshotId}: no flags. */
    public static SnapshotsRestore of(String snapshotId) {
      return new SnapshotsRestore(snapshotId, false, false, false, false, false, false);
    }

    @Override
    public String path() {
      return "snapshots restore";
    }

    @Override
    public ActionKind action() {
      return ActionKind.RESTORE;
    }

    @Override
    public Optional<String> targetSnapshotId() {
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
  }

  /** {@code cfy snapshots delete SNAPSHOT_ID}. */
  record SnapshotsDelete(String snapshotId) implements Command {
    public SnapshotsDelete {
      SnapshotId.require(snapshotId);
    }

    @Override
    public String path() {
      return "snapshots delete";
    }

    @Override
    public ActionKind action() {
      return ActionKind.DELETE;
    }

    @Override
    public Optional<String> targetSnapshotId() {
      return Optional.of(snapshotId);
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(snapshotId).toString();
    }
  }

  /** {@code cfy snapshots status}: is a restore running? */
  record SnapshotsStatus() implements Command {
    @Override
    public String path() {
      return "snapshots status";
    }

    @Override
    public ActionKind action() {
      return ActionKind.SNAPSHOTS_STATUS;
    }
  }

  // ---------------------------------------------------------------- maintenance mode

  /** {@code cfy maintenance-mode status}. */
  record MaintenanceStatus() implements Command {
    @Override
    public String path() {
      return "maintenance-mode status";
    }

    @Override
    public ActionKind action() {
      return ActionKind.MAINTENANCE_STATUS;
    }
  }

  /**
   * {@code cfy maintenance-mode activate}.
   *
   * @param waitForActivation {@code --wait}: report only once the mode is {@code activated}
   * @param timeoutSeconds only with {@code --wait}; null: not given; 0: wait forever (as the CLI)
   */
  record MaintenanceActivate(boolean waitForActivation, Integer timeoutSeconds) implements Command {
    public MaintenanceActivate {
      if (timeoutSeconds != null) {
        if (!waitForActivation) {
          throw new IllegalArgumentException("timeoutSeconds is only valid with wait");
        }
        if (timeoutSeconds < 0) {
          throw new IllegalArgumentException("timeoutSeconds must be >= 0: " + timeoutSeconds);
        }
      }
    }

    @Override
    public String path() {
      return "maintenance-mode activate";
    }

    @Override
    public ActionKind action() {
      return ActionKind.MAINTENANCE_ACTIVATE;
    }

    @Override
    public String canonical() {
      return new Canon(path())
          .flag("--wait", waitForActivation)
          .opt("--timeout", timeoutSeconds == null ? null : timeoutSeconds.toString())
          .toString();
    }
  }

  /** {@code cfy maintenance-mode deactivate}. */
  record MaintenanceDeactivate() implements Command {
    @Override
    public String path() {
      return "maintenance-mode deactivate";
    }

    @Override
    public ActionKind action() {
      return ActionKind.MAINTENANCE_DEACTIVATE;
    }
  }

  // ---------------------------------------------------------------- manager status

  /** {@code cfy status}: the manager's services. */
  record Status() implements Command {
    @Override
    public String path() {
      return "status";
    }

    @Override
    public ActionKind action() {
      return ActionKind.STATUS;
    }
  }

  /** {@code cfy cluster status} (also typed {@code cluster-status}). */
  record ClusterStatus() implements Command {
    @Override
    public String path() {
      return "cluster status";
    }

    @Override
    public ActionKind action() {
      return ActionKind.CLUSTER_STATUS;
    }
  }

  // ---------------------------------------------------------------- the bot's own commands

  /**
   * {@code help [TOPIC]}.
   *
   * @param topic a command path or group from {@link HelpText#topics()}; null for the overview
   */
  record Help(String topic) implements Command {
    @Override
    public String path() {
      return "help";
    }

    @Override
    public ActionKind action() {
      return ActionKind.HELP;
    }

    @Override
    public String canonical() {
      Canon c = new Canon(path());
      if (topic != null) {
        for (String word : topic.split(" ")) {
          c.arg(word);
        }
      }
      return c.toString();
    }
  }

  /** {@code audit [N]}: the last N audit entries (of the manager chosen with {@code -m}). */
  record Audit(int limit) implements Command {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 200;

    public Audit {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
      }
    }

    @Override
    public String path() {
      return "audit";
    }

    @Override
    public ActionKind action() {
      return ActionKind.AUDIT;
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(limit == DEFAULT_LIMIT ? null : Integer.toString(limit)).toString();
    }
  }

  /** {@code approve REQUEST_ID}. */
  record Approve(String requestId) implements Command {
    public Approve {
      ShortIds.require(requestId, "request id");
    }

    @Override
    public String path() {
      return "approve";
    }

    @Override
    public ActionKind action() {
      return ActionKind.APPROVE;
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(requestId).toString();
    }
  }

  /** {@code deny REQUEST_ID}. */
  record Deny(String requestId) implements Command {
    public Deny {
      ShortIds.require(requestId, "request id");
    }

    @Override
    public String path() {
      return "deny";
    }

    @Override
    public ActionKind action() {
      return ActionKind.DENY;
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(requestId).toString();
    }
  }

  /** {@code cancel REQUEST_ID}: withdraw one's own approval request. */
  record Cancel(String requestId) implements Command {
    public Cancel {
      ShortIds.require(requestId, "request id");
    }

    @Override
    public String path() {
      return "cancel";
    }

    @Override
    public ActionKind action() {
      return ActionKind.CANCEL;
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(requestId).toString();
    }
  }

  /** {@code ops} / {@code ops list}: running and recent operations. */
  record OpsList() implements Command {
    @Override
    public String path() {
      return "ops list";
    }

    @Override
    public ActionKind action() {
      return ActionKind.OPS_LIST;
    }
  }

  /** {@code ops show OP_ID}. */
  record OpsShow(String opId) implements Command {
    public OpsShow {
      ShortIds.require(opId, "operation id");
    }

    @Override
    public String path() {
      return "ops show";
    }

    @Override
    public ActionKind action() {
      return ActionKind.OPS_SHOW;
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(opId).toString();
    }
  }

  /** {@code ops cancel OP_ID}. */
  record OpsCancel(String opId) implements Command {
    public OpsCancel {
      ShortIds.require(opId, "operation id");
    }

    @Override
    public String path() {
      return "ops cancel";
    }

    @Override
    public ActionKind action() {
      return ActionKind.OPS_CANCEL;
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(opId).toString();
    }
  }

  /** {@code backups status}: last night's backups per manager. */
  record BackupsStatus() implements Command {
    @Override
    public String path() {
      return "backups status";
    }

    @Override
    public ActionKind action() {
      return ActionKind.BACKUPS_STATUS;
    }
  }

  /** {@code backups history [NIGHTS]}. */
  record BackupsHistory(int nights) implements Command {
    public static final int DEFAULT_NIGHTS = 14;
    public static final int MAX_NIGHTS = 365;

    public BackupsHistory {
      if (nights < 1 || nights > MAX_NIGHTS) {
        throw new IllegalArgumentException("nights must be 1.." + MAX_NIGHTS + ": " + nights);
      }
    }

    @Override
    public String path() {
      return "backups history";
    }

    @Override
    public ActionKind action() {
      return ActionKind.BACKUPS_HISTORY;
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg(nights == DEFAULT_NIGHTS ? null : Integer.toString(nights)).toString();
    }
  }

  /** {@code backups run}: run the nightly backup now. */
  record BackupsRun() implements Command {
    @Override
    public String path() {
      return "backups run";
    }

    @Override
    public ActionKind action() {
      return ActionKind.BACKUPS_RUN;
    }
  }

  /** {@code backups retention --dry-run}: what retention would delete. Only dry runs exist in chat. */
  record BackupsRetention(boolean dryRun) implements Command {
    public BackupsRetention {
      if (!dryRun) {
        throw new IllegalArgumentException("only dry runs of retention can be asked for from chat");
      }
    }

    @Override
    public String path() {
      return "backups retention";
    }

    @Override
    public ActionKind action() {
      return ActionKind.BACKUPS_RETENTION;
    }

    @Override
    public String canonical() {
      return new Canon(path()).flag("--dry-run", dryRun).toString();
    }
  }
}
