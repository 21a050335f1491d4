package io.cfychatops.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.command.ParseResult.ParseError;
import io.cfychatops.command.ParseResult.Parsed;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CommandParserTest {

  static Parsed parsed(String text) {
    ParseResult r = CommandParser.parse(text);
    assertThat(r).as("parse(%s)", text).isInstanceOf(Parsed.class);
    return (Parsed) r;
  }

  static ParseError error(String text) {
    ParseResult r = CommandParser.parse(text);
    assertThat(r).as("parse(%s)", text).isInstanceOf(ParseError.class);
    return (ParseError) r;
  }

  private static SnapshotId sid(String id) {
    return id == null ? null : SnapshotId.of(id);
  }

  private static SnapshotCommand.List list(
      String sort, boolean desc, String search, int offset, int size, boolean all) {
    return new SnapshotCommand.List(sort, desc, search, offset, size, all);
  }

  private static SnapshotCommand.Create create(
      String id,
      boolean creds,
      boolean logs,
      boolean events,
      boolean queue,
      String tmp,
      Boolean legacy,
      Double lt) {
    return new SnapshotCommand.Create(sid(id), creds, logs, events, queue, tmp, legacy, lt);
  }

  private static SnapshotCommand.Restore restore(
      String id,
      boolean force,
      boolean certs,
      boolean noReboot,
      boolean ignore,
      boolean noSafety,
      boolean alphabet) {
    return new SnapshotCommand.Restore(sid(id), force, certs, noReboot, ignore, noSafety, alphabet);
  }

  static Stream<Arguments> commands() {
    return Stream.of(
        // snapshots list: every flag, both spellings
        Arguments.of("snapshots list", SnapshotCommand.List.defaults()),
        Arguments.of("/cfy snapshots list", SnapshotCommand.List.defaults()),
        Arguments.of("cfy snapshots list", SnapshotCommand.List.defaults()),
        Arguments.of("Snapshots LIST", SnapshotCommand.List.defaults()),
        Arguments.of("snapshots list --sort-by id", list("id", false, null, 0, 1000, false)),
        Arguments.of(
            "snapshots list --sort-by=status --descending",
            list("status", true, null, 0, 1000, false)),
        Arguments.of(
            "snapshots list --search nightly",
            list("created_at", false, "nightly", 0, 1000, false)),
        Arguments.of("snapshots list -o 10 -s 5", list("created_at", false, null, 10, 5, false)),
        Arguments.of(
            "snapshots list --pagination-offset=3 --pagination-size=1000",
            list("created_at", false, null, 3, 1000, false)),
        Arguments.of("snapshots list -a", list("created_at", false, null, 0, 1000, true)),
        Arguments.of(
            "snapshots list --all-tenants -x", list("created_at", false, null, 0, 1000, true)),
        Arguments.of("snapshots list --extended-view", SnapshotCommand.List.defaults()),
        // snapshots create
        Arguments.of("snapshots create", SnapshotCommand.Create.defaults(null)),
        Arguments.of(
            "snapshots create nightly-2024-08-12",
            SnapshotCommand.Create.defaults(sid("nightly-2024-08-12"))),
        Arguments.of(
            "snapshots create --include-credentials snap1",
            SnapshotCommand.Create.defaults(sid("snap1"))),
        Arguments.of(
            "snapshots create —include-credentials snap1",
            SnapshotCommand.Create.defaults(sid("snap1"))),
        Arguments.of(
            "cfy snapshots create —include-credentials SNAP_1.a",
            SnapshotCommand.Create.defaults(sid("SNAP_1.a"))),
        Arguments.of(
            "snapshots create s --exclude-credentials",
            create("s", false, true, true, false, null, null, null)),
        Arguments.of(
            "snapshots create s --exclude-logs",
            create("s", true, false, true, false, null, null, null)),
        Arguments.of(
            "snapshots create s --exclude-events",
            create("s", true, true, false, false, null, null, null)),
        Arguments.of(
            "snapshots create s --queue", create("s", true, true, true, true, null, null, null)),
        Arguments.of(
            "snapshots create s --tempdir-path /var/tmp",
            create("s", true, true, true, false, "/var/tmp", null, null)),
        Arguments.of(
            "snapshots create s --tempdir-path=/var/tmp/x",
            create("s", true, true, true, false, "/var/tmp/x", null, null)),
        Arguments.of(
            "snapshots create s --legacy", create("s", true, true, true, false, null, true, null)),
        Arguments.of(
            "snapshots create s --no-legacy",
            create("s", true, true, true, false, null, false, null)),
        Arguments.of(
            "snapshots create s --listener-timeout 2.5",
            create("s", true, true, true, false, null, null, 2.5)),
        Arguments.of(
            "snapshots create s --no-legacy --listener-timeout=10",
            create("s", true, true, true, false, null, false, 10.0)),
        Arguments.of("snapshots create s -w", SnapshotCommand.Create.defaults(sid("s"))),
        Arguments.of(
            "snapshots create s --wait-for-status", SnapshotCommand.Create.defaults(sid("s"))),
        Arguments.of(
            "snapshots create --exclude-logs --exclude-events --queue",
            create(null, true, false, false, true, null, null, null)),
        // download / upload
        Arguments.of("snapshots download s1", new SnapshotCommand.Download(sid("s1"), null)),
        Arguments.of(
            "snapshots download s1 -o s1-copy.zip",
            new SnapshotCommand.Download(sid("s1"), "s1-copy.zip")),
        Arguments.of(
            "snapshots download --output-path=archive.zip s1",
            new SnapshotCommand.Download(sid("s1"), "archive.zip")),
        Arguments.of(
            "snapshots upload /tmp/s1.zip", new SnapshotCommand.Upload("/tmp/s1.zip", null, null)),
        Arguments.of(
            "snapshots upload s1.zip -s s1", new SnapshotCommand.Upload("s1.zip", sid("s1"), null)),
        Arguments.of(
            "snapshots upload s1.zip --snapshot-id=s1 --from-manager prod",
            new SnapshotCommand.Upload("s1.zip", sid("s1"), "prod")),
        Arguments.of(
            "snapshots upload https://files.example.com/s1.zip",
            new SnapshotCommand.Upload("https://files.example.com/s1.zip", null, null)),
        Arguments.of(
            "snapshots upload <https://files.example.com/s1.zip?a=1&amp;b=2|files.example.com/s1.zip>",
            new SnapshotCommand.Upload("https://files.example.com/s1.zip?a=1&b=2", null, null)),
        // restore: every flag
        Arguments.of("snapshots restore s1", SnapshotCommand.Restore.of(sid("s1"))),
        Arguments.of(
            "snapshots restore s1 -f", restore("s1", true, false, false, false, false, false)),
        Arguments.of(
            "snapshots restore s1 --force", restore("s1", true, false, false, false, false, false)),
        Arguments.of(
            "snapshots restore s1 –force", restore("s1", true, false, false, false, false, false)),
        Arguments.of(
            "snapshots restore s1 —force", restore("s1", true, false, false, false, false, false)),
        Arguments.of(
            "snapshots restore s1 –f", restore("s1", true, false, false, false, false, false)),
        Arguments.of(
            "snapshots restore s1 --restore-certificates",
            restore("s1", false, true, false, false, false, false)),
        Arguments.of(
            "snapshots restore s1 --restore-certificates --no-reboot",
            restore("s1", false, true, true, false, false, false)),
        Arguments.of(
            "snapshots restore s1 -i", restore("s1", false, false, false, true, false, false)),
        Arguments.of(
            "snapshots restore s1 --ignore-plugin-failure",
            restore("s1", false, false, false, true, false, false)),
        Arguments.of(
            "snapshots restore s1 --no-safety-snapshot",
            restore("s1", false, false, false, false, true, false)),
        Arguments.of(
            "snapshots restore s1 --encoding-alphabet-copied",
            restore("s1", false, false, false, false, false, true)),
        Arguments.of(
            "snapshots restore --force -- s1",
            restore("s1", true, false, false, false, false, false)),
        // delete, status
        Arguments.of("snapshots delete s1", new SnapshotCommand.Delete(sid("s1"))),
        Arguments.of("snapshots delete `s1`", new SnapshotCommand.Delete(sid("s1"))),
        Arguments.of("snapshots status", new SnapshotCommand.Status()),
        // maintenance
        Arguments.of("maintenance-mode status", new MaintenanceCommand.Status()),
        Arguments.of("maintenance status -x", new MaintenanceCommand.Status()),
        Arguments.of("maintenance-mode activate", new MaintenanceCommand.Activate(false, null)),
        Arguments.of(
            "maintenance-mode activate --wait", new MaintenanceCommand.Activate(true, null)),
        Arguments.of(
            "maintenance-mode activate --wait --timeout 600",
            new MaintenanceCommand.Activate(true, 600)),
        Arguments.of(
            "maintenance activate --timeout=0 --wait", new MaintenanceCommand.Activate(true, 0)),
        Arguments.of("maintenance-mode deactivate", new MaintenanceCommand.Deactivate()),
        // status
        Arguments.of("status", new ManagerCommand.Status()),
        Arguments.of("cluster status", new ManagerCommand.ClusterStatus()),
        Arguments.of("cluster-status", new ManagerCommand.ClusterStatus()),
        Arguments.of("Cluster-Status", new ManagerCommand.ClusterStatus()),
        // help
        Arguments.of("", new BotCommand.Help(null)),
        Arguments.of("   ", new BotCommand.Help(null)),
        Arguments.of("/cfy", new BotCommand.Help(null)),
        Arguments.of("help", new BotCommand.Help(null)),
        Arguments.of("-h", new BotCommand.Help(null)),
        Arguments.of("--help", new BotCommand.Help(null)),
        Arguments.of("help snapshots", new BotCommand.Help("snapshots")),
        Arguments.of("help snapshots restore", new BotCommand.Help("snapshots restore")),
        Arguments.of("help maintenance activate", new BotCommand.Help("maintenance-mode activate")),
        Arguments.of("help cluster-status", new BotCommand.Help("cluster status")),
        Arguments.of("snapshots --help", new BotCommand.Help("snapshots")),
        Arguments.of("snapshots", new BotCommand.Help("snapshots")),
        Arguments.of("snapshots restore -h", new BotCommand.Help("snapshots restore")),
        Arguments.of("snapshots restore s1 --forse -h", new BotCommand.Help("snapshots restore")),
        Arguments.of("backups", new BotCommand.Help("backups")),
        // audit, approvals, ops, backups
        Arguments.of("audit", new BotCommand.Audit(20)),
        Arguments.of("audit 50", new BotCommand.Audit(50)),
        Arguments.of("audit 200 -m prod", new BotCommand.Audit(200)),
        Arguments.of("approve apr-7f3k2q", new ApprovalCommand.Approve("apr-7f3k2q")),
        Arguments.of("deny apr-7f3k2q", new ApprovalCommand.Deny("apr-7f3k2q")),
        Arguments.of("cancel apr-7f3k2q", new ApprovalCommand.Cancel("apr-7f3k2q")),
        Arguments.of("ops", new OpsCommand.List()),
        Arguments.of("ops list", new OpsCommand.List()),
        Arguments.of("ops show op-4d2x9a", new OpsCommand.Show("op-4d2x9a")),
        Arguments.of("ops cancel op-4d2x9a", new OpsCommand.Cancel("op-4d2x9a")),
        Arguments.of("backups status", new BackupsCommand.Status()),
        Arguments.of("backups history", new BackupsCommand.History(14)),
        Arguments.of("backups history 30", new BackupsCommand.History(30)),
        Arguments.of("backups run", new BackupsCommand.Run()),
        Arguments.of("backups retention --dry-run", new BackupsCommand.Retention(true)));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("commands")
  void parsesEveryCommandAndFlag(String text, Command expected) {
    assertThat(parsed(text).command()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("commands")
  void canonicalLineParsesBackToTheSameCommand(String text, Command expected) {
    Parsed first = parsed(text);
    assertThat(first.command().canonical()).startsWith("cfy " + first.command().path());
    assertThat(parsed(first.command().canonical()).command()).isEqualTo(expected);
    assertThat(parsed(first.canonical())).isEqualTo(first);
  }

  @Test
  void canonicalLeavesDefaultsOutAndUsesAFixedOrder() {
    assertThat(
            parsed("snapshots restore s1 -i --force --restore-certificates").command().canonical())
        .isEqualTo(
            "cfy snapshots restore s1 --force --restore-certificates --ignore-plugin-failure");
    assertThat(parsed("snapshots create —include-credentials s1").command().canonical())
        .isEqualTo("cfy snapshots create s1");
    assertThat(parsed("snapshots list -s 1000 --sort-by created_at -o 0").command().canonical())
        .isEqualTo("cfy snapshots list");
    assertThat(parsed("snapshots list -s 5 --descending --search 'a b'").command().canonical())
        .isEqualTo("cfy snapshots list --descending --search \"a b\" --pagination-size 5");
    assertThat(parsed("snapshots upload -- -odd.zip").command().canonical())
        .isEqualTo("cfy snapshots upload -- -odd.zip");
    assertThat(
            parsed("--reason \"x y\" -m prod snapshots delete s1 --incident new -t t1").canonical())
        .isEqualTo("cfy snapshots delete s1 -m prod -t t1 --reason \"x y\" --incident new");
  }

  // ------------------------------------------------------------------ globals

  static Stream<Arguments> globals() {
    Incident.Channel warRoom = new Incident.Channel(null, "war-room");
    return Stream.of(
        Arguments.of("snapshots list -m prod", new Globals("prod", null, null, null)),
        Arguments.of("-m prod snapshots list", new Globals("prod", null, null, null)),
        Arguments.of("snapshots -m prod list", new Globals("prod", null, null, null)),
        Arguments.of("snapshots list --manager=prod", new Globals("prod", null, null, null)),
        Arguments.of("snapshots list —manager prod", new Globals("prod", null, null, null)),
        Arguments.of(
            "snapshots list -t default_tenant", new Globals(null, "default_tenant", null, null)),
        Arguments.of("snapshots list --tenant-name=t1 -m m1", new Globals("m1", "t1", null, null)),
        Arguments.of(
            "snapshots list --reason \"nightly failed\"",
            new Globals(null, null, "nightly failed", null)),
        Arguments.of(
            "snapshots list --reason “nightly failed”",
            new Globals(null, null, "nightly failed", null)),
        Arguments.of(
            "snapshots list --reason ‘nightly failed’",
            new Globals(null, null, "nightly failed", null)),
        Arguments.of("snapshots list --reason 'it''s' ", new Globals(null, null, "its", null)),
        Arguments.of("snapshots list --reason don’t", new Globals(null, null, "don’t", null)),
        Arguments.of(
            "snapshots list --reason \"R&amp;D &lt;3\"", new Globals(null, null, "R&D <3", null)),
        Arguments.of("snapshots list --reason=\"a b\"", new Globals(null, null, "a b", null)),
        Arguments.of(
            "snapshots list --reason \"say \\\"hi\\\"\"",
            new Globals(null, null, "say \"hi\"", null)),
        Arguments.of(
            "snapshots list --incident new",
            new Globals(null, null, null, new Incident.NewChannel())),
        Arguments.of(
            "snapshots list --incident NEW",
            new Globals(null, null, null, new Incident.NewChannel())),
        Arguments.of("snapshots list --incident #war-room", new Globals(null, null, null, warRoom)),
        Arguments.of("snapshots list --incident war-room", new Globals(null, null, null, warRoom)),
        Arguments.of(
            "snapshots list --incident <#C123ABC|war-room>",
            new Globals(null, null, null, new Incident.Channel("C123ABC", "war-room"))),
        Arguments.of(
            "snapshots list --incident <#C123ABC>",
            new Globals(null, null, null, new Incident.Channel("C123ABC", null))),
        Arguments.of(
            "snapshots list --incident=<#C123ABC|war-room>",
            new Globals(null, null, null, new Incident.Channel("C123ABC", "war-room"))),
        Arguments.of(
            "snapshots\u00A0restore\u00A0s1 -m\u00A0prod", new Globals("prod", null, null, null)),
        Arguments.of(
            "snapshots restore s1 -f -m prod -t t --reason \"upgrade broke it\" --incident new",
            new Globals("prod", "t", "upgrade broke it", new Incident.NewChannel())));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("globals")
  void globalsAreAcceptedAnywhere(String text, Globals expected) {
    Parsed p = parsed(text);
    assertThat(p.globals()).isEqualTo(expected);
    assertThat(parsed(p.canonical())).isEqualTo(p);
  }

  @Test
  void globalsDoNotChangeTheCommand() {
    assertThat(parsed("-m prod --reason \"x\" snapshots restore -t t s1 --force").command())
        .isEqualTo(new SnapshotCommand.Restore(sid("s1"), true, false, false, false, false, false));
  }

  // ------------------------------------------------------------------ mangling

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "snapshots create —exclude-logs s|--exclude-logs",
        "snapshots create –exclude-logs s|--exclude-logs",
        "snapshots create ——exclude-logs s|--exclude-logs",
        "snapshots create -–exclude-logs s|--exclude-logs",
        "snapshots create –-exclude-logs s|--exclude-logs",
        "snapshots create —queue s|--queue",
        "snapshots create s —tempdir-path=/tmp|--tempdir-path /tmp",
        "snapshots create s —tempdir-path “/tmp/a b”|--tempdir-path \"/tmp/a b\"",
        "snapshots create s —listener-timeout 5|--listener-timeout 5",
        "snapshots create s\u2003--queue|--queue",
        "snapshots\u200B create s --queue|--queue",
        "snapshots create s\t--queue|--queue",
      })
  void slackMangledTextParsesLikeTheOriginal(String text, String expectedCanonicalSuffix) {
    assertThat(parsed(text).command().canonical()).endsWith(expectedCanonicalSuffix);
  }

  // ------------------------------------------------------------------ errors

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "snapshot list",
            "Unknown command `snapshot`. Did you mean `snapshots`? Try `/cfy help`."),
        Arguments.of(
            "snapshots lst",
            "Unknown command `snapshots lst`. Did you mean `snapshots list`? Try `/cfy help snapshots`."),
        Arguments.of(
            "restore s1",
            "Unknown command `restore`. Did you mean `snapshots restore`? Try `/cfy help`."),
        Arguments.of("stauts", "Unknown command `stauts`. Did you mean `status`? Try `/cfy help`."),
        Arguments.of(
            "maint status",
            "Unknown command `maint`. Did you mean `maintenance-mode`? Try `/cfy help`."),
        Arguments.of("frobnicate", "Unknown command `frobnicate`. Try `/cfy help`."),
        Arguments.of(
            "snapshots restore s1 --forse",
            "Unknown option `--forse` for `snapshots restore`. Did you mean `--force`?"),
        Arguments.of(
            "snapshots restore s1 -force",
            "Unknown option `-force` for `snapshots restore`. Did you mean `--force`?"),
        Arguments.of(
            "snapshots restore s1 --restore-cert",
            "Unknown option `--restore-cert` for `snapshots restore`. Did you mean `--restore-certificates`?"),
        Arguments.of(
            "snapshots create s1 --force",
            "Unknown option `--force` for `snapshots create`. See `/cfy help snapshots create`."),
        Arguments.of(
            "snapshots list --desc",
            "Unknown option `--desc` for `snapshots list`. Did you mean `--descending`?"),
        Arguments.of(
            "snapshots restore s1 --force=yes", "`--force` doesn't take a value; drop `=yes`."),
        Arguments.of(
            "snapshots restore",
            "`snapshots restore` needs a SNAPSHOT_ID, e.g. `/cfy snapshots restore nightly-2024-08-12`."),
        Arguments.of(
            "snapshots restore a b",
            "`snapshots restore` takes one SNAPSHOT_ID, so `b` is one too many. Put text with spaces in quotes."),
        Arguments.of(
            "snapshots delete",
            "`snapshots delete` needs a SNAPSHOT_ID, e.g. `/cfy snapshots delete nightly-2024-08-12`."),
        Arguments.of(
            "snapshots upload",
            "`snapshots upload` needs a SOURCE, e.g. `/cfy snapshots upload nightly-2024-08-12.zip`."),
        Arguments.of("approve", "`approve` needs a REQUEST_ID, e.g. `/cfy approve apr-7f3k2q`."),
        Arguments.of("status now", "`status` takes no arguments; `now` was not expected."),
        Arguments.of(
            "snapshots list -s -5",
            "`--pagination-size` must be a whole number from 1 to 1000, not `-5`."),
        Arguments.of(
            "snapshots list -s 0",
            "`--pagination-size` must be a whole number from 1 to 1000, not `0`."),
        Arguments.of(
            "snapshots list -s 1001",
            "`--pagination-size` must be a whole number from 1 to 1000, not `1001`."),
        Arguments.of(
            "snapshots list -o -1",
            "`--pagination-offset` must be a whole number 0 or more, not `-1`."),
        Arguments.of(
            "snapshots list -o x",
            "`--pagination-offset` must be a whole number 0 or more, not `x`."),
        Arguments.of("snapshots list -s", "`--pagination-size` needs a value (N)."),
        Arguments.of(
            "snapshots list -s 1 -s 2", "`--pagination-size` was given twice; give it once."),
        Arguments.of(
            "snapshots list --sort-by creatd_at",
            "Can't sort by `creatd_at`. Did you mean `created_at`? Sort by one of: id, created_at, status, error, visibility, tenant_name, created_by."),
        Arguments.of(
            "audit 0", "The number of entries must be a whole number from 1 to 200, not `0`."),
        Arguments.of(
            "audit 201", "The number of entries must be a whole number from 1 to 200, not `201`."),
        Arguments.of(
            "audit -3", "The number of entries must be a whole number from 1 to 200, not `-3`."),
        Arguments.of(
            "backups history 0",
            "The number of nights must be a whole number from 1 to 365, not `0`."),
        Arguments.of(
            "snapshots restore s1 --no-reboot",
            "`no_reboot` is only relevant when `restore_certificates` is activated. Add `--restore-certificates` or drop `--no-reboot`."),
        Arguments.of(
            "maintenance-mode activate --timeout 60", "`--timeout` is only valid with `--wait`."),
        Arguments.of(
            "maintenance-mode activate --wait --timeout -1",
            "`--timeout` must be a whole number from 0 to 86400, not `-1`."),
        Arguments.of(
            "snapshots create s --legacy --listener-timeout 5",
            "`--listener-timeout` cannot be used with `--legacy`: legacy snapshots don't listen for changes. Drop one of them."),
        Arguments.of(
            "snapshots create s --listener-timeout 0",
            "`--listener-timeout` must be a number of seconds greater than 0, e.g. `10` or `2.5`, not `0`."),
        Arguments.of(
            "snapshots create s --listener-timeout abc",
            "`--listener-timeout` must be a number of seconds greater than 0, e.g. `10` or `2.5`, not `abc`."),
        Arguments.of(
            "snapshots create s --legacy --no-legacy",
            "`--legacy` and `--no-legacy` contradict each other; pick one."),
        Arguments.of(
            "snapshots create s --include-credentials --exclude-credentials",
            "`--include-credentials` and `--exclude-credentials` contradict each other; pick one."),
        Arguments.of(
            "snapshots create s --tempdir-path tmp",
            "`--tempdir-path` must be an absolute path on the manager, e.g. `/var/tmp`."),
        Arguments.of(
            "snapshots download s -o ../../etc/passwd", "`--output-path` must not contain `..`."),
        Arguments.of(
            "snapshots upload file:///etc/passwd",
            "The manager can only fetch `http`, `https` and `ftp` URLs, not `file:///etc/passwd`."),
        Arguments.of(
            "snapshots upload https://x/a.zip --from-manager prod",
            "`--from-manager` takes an archive name from our store, not a URL. Drop one of them."),
        Arguments.of(
            "backups retention",
            "Only a dry run of retention is available from chat: `/cfy backups retention --dry-run` shows what would be deleted. Archives are deleted by the nightly schedule."),
        Arguments.of(
            "help snapshot",
            "There's no help on `snapshot`. Did you mean `snapshots`? Try `/cfy help`."),
        Arguments.of(
            "snapshots list --incident @bob",
            "`--incident` takes a channel (`#name`) or `new`, not `@bob`."),
        Arguments.of(
            "snapshots list -m 'prod manager'",
            "`prod manager` is not a manager name: names start with a letter or digit and use only letters, digits, `-`, `.` and `_` (max 64 characters)."),
        Arguments.of(
            "snapshots list --reason \"  \"",
            "`--reason` needs some text, e.g. `--reason \"restore after failed upgrade\"`."),
        Arguments.of("snapshots list -m", "`--manager` needs a value (NAME)."),
        Arguments.of(
            "-m prod", "Which command? Try `/cfy snapshots list`, or `/cfy help` for all of them."),
        Arguments.of(
            "snapshots restore \"s1",
            "There's an unclosed double quote (\") at character 19. Close it, or put a backslash before it if you meant it literally."),
        Arguments.of(
            "snapshots restore 's1",
            "There's an unclosed single quote (') at character 19. Close it, or put a backslash before it if you meant it literally."),
        Arguments.of(
            "approve apr_1",
            "`apr_1` is not a valid request id: ids use only letters, digits and `-` (max 64 characters)."),
        Arguments.of(
            "ops show op/1",
            "`op/1` is not a valid operation id: ids use only letters, digits and `-` (max 64 characters)."));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("errors")
  void errorsSayWhatWasWrongAndWhatToDo(String text, String message) {
    ParseError e = error(text);
    assertThat(e.message()).isEqualTo(message);
    assertThat(e.usage()).startsWith("Usage: /cfy");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "snapshots restore s1 --forse|snapshots restore",
        "snapshots lst|snapshots",
        "snapshot list|",
        "snapshots restore|snapshots restore",
        "maintenance activate --timeout 1|maintenance-mode activate",
      })
  void usageIsTheRelevantHelp(String text, String topic) {
    assertThat(error(text).usage()).isEqualTo(HelpText.usage(topic));
  }

  static Stream<String> invalidSnapshotIds() {
    return Stream.of(
        "9abc", "'a b'", "a".repeat(257), "ab/c", "..", "_a", "a@b", "snäp", "a:b", "\"\"");
  }

  @ParameterizedTest
  @MethodSource("invalidSnapshotIds")
  void invalidSnapshotIdsAreRejectedWithTheRule(String id) {
    for (String cmd :
        new String[] {
          "snapshots restore ",
          "snapshots delete ",
          "snapshots download ",
          "snapshots create ",
          "snapshots upload a.zip -s "
        }) {
      ParseError e = error(cmd + id);
      assertThat(e.message())
          .as(cmd + id)
          .contains("is not a valid snapshot id")
          .contains(SnapshotId.RULE);
    }
  }

  @Test
  void theSpecExampleErrorTextForAnInvalidId() {
    assertThat(error("snapshots restore 9abc").message())
        .isEqualTo(
            "`9abc` is not a valid snapshot id: ids must start with a letter and use only letters, digits,"
                + " `-`, `.` and `_` (max 256 characters).");
    assertThat(error("snapshots restore " + "a".repeat(257)).message())
        .contains("(it has 257 characters)");
  }

  @Test
  void longestValidIdIsAccepted() {
    String id = "a".repeat(256);
    assertThat(parsed("snapshots restore " + id).command())
        .isEqualTo(SnapshotCommand.Restore.of(sid(id)));
  }

  @Test
  void tooLongInputIsRefusedBeforeTokenizing() {
    ParseError e = error("snapshots list --search " + "x".repeat(5000));
    assertThat(e.message()).startsWith("That's too long for a command");
  }

  @Test
  void upperCaseLongOptionsWithoutAValueDoNotConfuseTheParser() {
    // Found by CommandParserProperties: the inline value was cut from the lower-cased name.
    assertThat(error("status --sort-bySNAP").message())
        .isEqualTo("Unknown option `--sort-bysnap` for `status`. See `/cfy help status`.");
    assertThat(parsed("snapshots list --Sort-By=ID -s 3").command())
        .isEqualTo(list("id", false, null, 0, 3, false));
  }

  @Test
  void nullIsHelp() {
    assertThat(parsed(null).command()).isEqualTo(new BotCommand.Help(null));
  }

  @Test
  void echoedInputIsShortenedAndCannotBreakMarkup() {
    ParseError e = error("snapshots restore " + "`x`".repeat(1) + "y".repeat(100) + "`");
    assertThat(e.message()).doesNotContain("y".repeat(61)).contains("…");
  }
}
