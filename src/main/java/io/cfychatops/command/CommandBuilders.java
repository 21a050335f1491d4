package io.cfychatops.command;

import static io.cfychatops.command.ParseFailure.fail;

import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.text.Truncate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the {@link Command} of each {@link ActionKind} from its {@link CommandInput}, checking
 * everything that can be checked without a manager. One exhaustive {@code switch} over the kinds: a
 * new kind does not compile until it has a builder.
 */
final class CommandBuilders {
  private static final Pattern DECIMAL =
      Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?|\\.[0-9]{1,9}");

  private CommandBuilders() {}

  static Command build(CommandInput in) {
    String path = in.path();
    return switch (in.spec().kind()) {
      case LIST -> snapshotsList(in);
      case CREATE -> snapshotsCreate(in);
      case DOWNLOAD -> snapshotsDownload(in);
      case INSPECT -> new SnapshotCommand.Inspect(Values.snapshotId(path, in.requiredArg()));
      case UPLOAD -> snapshotsUpload(in);
      case RESTORE -> snapshotsRestore(in);
      case DELETE -> new SnapshotCommand.Delete(Values.snapshotId(path, in.requiredArg()));
      case SNAPSHOTS_STATUS -> in.noArgs(new SnapshotCommand.Status());
      case MAINTENANCE_STATUS -> in.noArgs(new MaintenanceCommand.Status());
      case MAINTENANCE_ACTIVATE -> maintenanceActivate(in);
      case MAINTENANCE_DEACTIVATE -> in.noArgs(new MaintenanceCommand.Deactivate());
      case STATUS -> in.noArgs(new ManagerCommand.Status());
      case CLUSTER_STATUS -> in.noArgs(new ManagerCommand.ClusterStatus());
      case HELP -> help(in);
      case AUDIT ->
          new BotCommand.Audit(
              Values.whole(
                  path,
                  "The number of entries",
                  in.optionalArg(),
                  BotCommand.Audit.DEFAULT_LIMIT,
                  1,
                  BotCommand.Audit.MAX_LIMIT));
      case APPROVE ->
          new ApprovalCommand.Approve(
              Values.shortId(path, in.requiredArg(), "request id"), in.value("--confirm"));
      case DENY -> new ApprovalCommand.Deny(Values.shortId(path, in.requiredArg(), "request id"));
      case CANCEL ->
          new ApprovalCommand.Cancel(Values.shortId(path, in.requiredArg(), "request id"));
      case OPS_LIST -> in.noArgs(new OpsCommand.List());
      case OPS_SHOW -> new OpsCommand.Show(Values.shortId(path, in.requiredArg(), "operation id"));
      case OPS_TIMELINE -> opsTimeline(in);
      case OPS_CANCEL ->
          new OpsCommand.Cancel(Values.shortId(path, in.requiredArg(), "operation id"));
      case BACKUPS_STATUS -> in.noArgs(new BackupsCommand.Status());
      case BACKUPS_HISTORY ->
          new BackupsCommand.History(
              Values.whole(
                  path,
                  "The number of nights",
                  in.optionalArg(),
                  BackupsCommand.History.DEFAULT_NIGHTS,
                  1,
                  BackupsCommand.History.MAX_NIGHTS));
      case BACKUPS_RUN -> in.noArgs(new BackupsCommand.Run());
      case BACKUPS_RETENTION -> backupsRetention(in);
      case BACKUPS_OFFSITE -> backupsOffsite(in);
      case DRILLS_RUN -> in.noArgs(new DrillsCommand.Run());
      case DRILLS_HISTORY -> in.noArgs(new DrillsCommand.History());
    };
  }

  private static Command opsTimeline(CommandInput in) {
    String path = in.path();
    String id = Values.shortId(path, in.requiredArg(), "operation id");
    String format =
        Optional.ofNullable(in.value("--format"))
            .orElse(OpsCommand.Timeline.DEFAULT_FORMAT)
            .toLowerCase(Locale.ROOT);
    if (!OpsCommand.Timeline.FORMATS.contains(format)) {
      throw fail(
          path,
          "--format must be one of "
              + String.join(", ", OpsCommand.Timeline.FORMATS)
              + ", got "
              + Truncate.echo(format));
    }
    return new OpsCommand.Timeline(id, format);
  }

  private static Command backupsOffsite(CommandInput in) {
    String path = in.path();
    if (in.args().isEmpty() || !"push".equalsIgnoreCase(in.args().get(0))) {
      throw fail(
          path, "`backups offsite` has one action: `backups offsite push SNAPSHOT_ID -m MANAGER`.");
    }
    if (in.args().size() != 2) {
      throw fail(
          path,
          "`backups offsite push` takes one SNAPSHOT_ID, e.g. `backups offsite push"
              + " nightly-prod-20261202-0200 -m prod`.");
    }
    return new BackupsCommand.OffsitePush(Values.snapshotId(path, in.args().get(1)));
  }

  private static Command snapshotsList(CommandInput in) {
    in.requireNoArgs();
    String path = in.path();
    String sortBy =
        Optional.ofNullable(in.value("--sort-by"))
            .orElse(SnapshotCommand.List.DEFAULT_SORT)
            .toLowerCase(Locale.ROOT);
    if (!Grammar.SORT_FIELDS.contains(sortBy)) {
      String guess =
          Suggest.closest(sortBy, Grammar.SORT_FIELDS)
              .map(g -> " Did you mean `" + g + "`?")
              .orElse("");
      throw fail(
          path,
          "Can't sort by "
              + Truncate.echo(sortBy)
              + "."
              + guess
              + " Sort by one of: "
              + String.join(", ", Grammar.SORT_FIELDS)
              + ".");
    }
    String search = in.value("--search");
    if (search != null && search.isBlank()) {
      throw fail(path, "`--search` needs some text to look for.");
    }
    int offset =
        Values.whole(
            path, "--pagination-offset", in.value("--pagination-offset"), 0, 0, Integer.MAX_VALUE);
    int size =
        Values.whole(
            path,
            "--pagination-size",
            in.value("--pagination-size"),
            SnapshotCommand.List.DEFAULT_SIZE,
            1,
            SnapshotCommand.List.MAX_SIZE);
    return new SnapshotCommand.List(
        sortBy, in.flag("--descending"), search, offset, size, in.flag("--all-tenants"));
  }

  private static Command snapshotsCreate(CommandInput in) {
    String path = in.path();
    String typedId = in.optionalArg();
    SnapshotId id = typedId == null ? null : Values.snapshotId(path, typedId);
    if (in.flag("--include-credentials") && in.flag("--exclude-credentials")) {
      throw fail(
          path,
          "`--include-credentials` and `--exclude-credentials` contradict each other; pick one.");
    }
    if (in.flag("--legacy") && in.flag("--no-legacy")) {
      throw fail(path, "`--legacy` and `--no-legacy` contradict each other; pick one.");
    }
    Boolean legacy =
        in.flag("--legacy") ? Boolean.TRUE : in.flag("--no-legacy") ? Boolean.FALSE : null;
    String tempdir = in.value("--tempdir-path");
    if (tempdir != null) {
      Values.checkPath(path, "--tempdir-path", tempdir);
      if (!tempdir.startsWith("/")) {
        throw fail(
            path, "`--tempdir-path` must be an absolute path on the manager, e.g. `/var/tmp`.");
      }
    }
    Double listenerTimeout = null;
    String lt = in.value("--listener-timeout");
    if (lt != null) {
      if (!DECIMAL.matcher(lt).matches() || !(Double.parseDouble(lt) > 0)) {
        throw fail(
            path,
            "`--listener-timeout` must be a number of seconds greater than 0, e.g. `10` or `2.5`, not "
                + Truncate.echo(lt)
                + ".");
      }
      if (Boolean.TRUE.equals(legacy)) {
        throw fail(
            path,
            "`--listener-timeout` cannot be used with `--legacy`: legacy snapshots don't listen for"
                + " changes. Drop one of them.");
      }
      listenerTimeout = Double.parseDouble(lt);
    }
    return new SnapshotCommand.Create(
        id,
        !in.flag("--exclude-credentials"),
        !in.flag("--exclude-logs"),
        !in.flag("--exclude-events"),
        in.flag("--queue"),
        tempdir,
        legacy,
        listenerTimeout);
  }

  private static Command snapshotsDownload(CommandInput in) {
    SnapshotId id = Values.snapshotId(in.path(), in.requiredArg());
    String output = in.value("--output-path");
    if (output != null) {
      Values.checkPath(in.path(), "--output-path", output);
    }
    return new SnapshotCommand.Download(id, output);
  }

  private static Command snapshotsUpload(CommandInput in) {
    String path = in.path();
    String source = in.requiredArg();
    if (source.isBlank()) {
      throw fail(path, "`snapshots upload` needs a SOURCE: a stored archive, a path or a URL.");
    }
    Values.checkPath(path, "SOURCE", source);
    String from = in.value("--from-manager");
    int scheme = source.indexOf("://");
    if (scheme >= 0) {
      String s = source.substring(0, scheme).toLowerCase(Locale.ROOT);
      if (!(s.equals("http") || s.equals("https") || s.equals("ftp"))) {
        throw fail(
            path,
            "The manager can only fetch `http`, `https` and `ftp` URLs, not "
                + Truncate.echo(source)
                + ".");
      }
      if (from != null) {
        throw fail(
            path,
            "`--from-manager` takes an archive name from our store, not a URL. Drop one of them.");
      }
    }
    if (from != null) {
      Values.managerName(path, from);
    }
    boolean offsite = in.flag("--from-offsite");
    if (offsite) {
      if (scheme >= 0) {
        throw fail(
            path,
            "`--from-offsite` takes a snapshot id from the off-site store, not a URL. Drop one of"
                + " them.");
      }
      Values.snapshotId(
          path, source.endsWith(".zip") ? source.substring(0, source.length() - 4) : source);
    }
    String id = in.value("--snapshot-id");
    return new SnapshotCommand.Upload(
        source, id == null ? null : Values.snapshotId(path, id), from, offsite);
  }

  private static Command snapshotsRestore(CommandInput in) {
    String path = in.path();
    SnapshotId id = Values.snapshotId(path, in.requiredArg());
    boolean certs = in.flag("--restore-certificates");
    boolean noReboot = in.flag("--no-reboot");
    if (noReboot && !certs) {
      throw fail(
          path,
          SnapshotCommand.Restore.NO_REBOOT_ERROR
              + ". Add `--restore-certificates` or drop `--no-reboot`.");
    }
    return new SnapshotCommand.Restore(
        id,
        in.flag("--force"),
        certs,
        noReboot,
        in.flag("--ignore-plugin-failure"),
        in.flag("--no-safety-snapshot"),
        in.flag("--encoding-alphabet-copied"));
  }

  private static Command maintenanceActivate(CommandInput in) {
    in.requireNoArgs();
    String path = in.path();
    boolean wait = in.flag("--wait");
    String t = in.value("--timeout");
    if (t != null && !wait) {
      throw fail(path, "`--timeout` is only valid with `--wait`.");
    }
    Integer timeout = t == null ? null : Values.whole(path, "--timeout", t, 0, 0, 86_400);
    return new MaintenanceCommand.Activate(wait, timeout);
  }

  private static Command help(CommandInput in) {
    if (in.args().isEmpty()) {
      return new BotCommand.Help(null);
    }
    String typed = String.join(" ", in.args());
    Optional<String> topic = HelpText.normaliseTopic(typed);
    if (topic.isPresent()) {
      return new BotCommand.Help(topic.get());
    }
    String guess =
        Suggest.closest(typed, HelpText.topics()).map(g -> " Did you mean `" + g + "`?").orElse("");
    throw fail(
        null, "There's no help on " + Truncate.echo(typed) + "." + guess + " Try `/cfy help`.");
  }

  private static Command backupsRetention(CommandInput in) {
    in.requireNoArgs();
    if (!in.flag("--dry-run")) {
      throw fail(
          in.path(),
          "Only a dry run of retention is available from chat: `/cfy backups retention --dry-run`"
              + " shows what would be deleted. Archives are deleted by the nightly schedule.");
    }
    return new BackupsCommand.Retention(true);
  }
}
