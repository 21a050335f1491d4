package io.cfychatops.command;

import io.cfychatops.command.Grammar.Group;
import io.cfychatops.command.Grammar.Option;
import io.cfychatops.command.Grammar.Spec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command table {@link Grammar} looks commands up in, and the builders that fill it. */
final class GrammarTable {

  static final Map<String, Spec> SPECS = new LinkedHashMap<>();
  static final Map<ActionKind, Spec> BY_KIND = new EnumMap<>(ActionKind.class);
  static final Map<String, Group> GROUPS = new LinkedHashMap<>();

  static {
    group("snapshots", "Handle manager snapshots");
    spec(
        ActionKind.LIST,
        "",
        "List all snapshots on the manager",
        "List all snapshots on the manager.",
        opt("--sort-by", null, "FIELD", "Key for sorting the list (default: created_at)"),
        opt("--descending", null, null, "Sort list in descending order"),
        opt("--search", null, "TEXT", "List only snapshots whose id contains TEXT"),
        opt("--pagination-offset", "-o", "N", "The number of snapshots to skip (default: 0)"),
        opt(
            "--pagination-size",
            "-s",
            "N",
            "The max number of results to retrieve (default: 1000)"),
        opt(
            "--all-tenants",
            "-a",
            null,
            "Include snapshots from all tenants associated with the user"),
        opt(
                "--extended-view",
                "-x",
                null,
                "Accepted for compatibility; chat shows the same columns")
            .botSide("accepted for compatibility; chat shows the same columns"));
    spec(
        ActionKind.CREATE,
        "[SNAPSHOT_ID]",
        "Create a snapshot on the manager",
        "Create a snapshot on the manager. The snapshot will contain the relevant data to restore a"
            + " manager to its previous state. Without SNAPSHOT_ID an id is generated.",
        opt("--exclude-credentials", null, null, "Exclude credentials from the snapshot"),
        opt(
            "--include-credentials",
            null,
            null,
            "Include credentials (the default; older spelling)"),
        opt("--exclude-logs", null, null, "Exclude logs from the snapshot"),
        opt("--exclude-events", null, null, "Exclude events from the snapshot"),
        opt(
            "--queue",
            null,
            null,
            "If the snapshot can't start now, queue it and run it when possible"),
        opt(
            "--tempdir-path",
            null,
            "PATH",
            "Temp dir on the manager to build the snapshot in (6.4+)"),
        opt("--legacy", null, null, "Create a legacy-format snapshot (7.0+)"),
        opt("--no-legacy", null, null, "Create a new-format snapshot (7.0+)"),
        opt(
            "--listener-timeout",
            null,
            "SECONDS",
            "How long to capture changes made meanwhile (not with --legacy)"),
        opt(
                "--wait-for-status",
                "-w",
                null,
                "Accepted; the bot always waits and reports the result")
            .botSide("accepted; the bot always waits for the snapshot and reports the result"));
    spec(
        ActionKind.DOWNLOAD,
        "SNAPSHOT_ID",
        "Download a snapshot from the manager",
        "Download a snapshot from the manager into the bot's archive store.",
        opt("--output-path", "-o", "NAME", "The name to store the archive under")
            .botSide(
                "not used from chat: the archive goes to the archive store, and the reply says so"));
    spec(
        ActionKind.INSPECT,
        "SNAPSHOT_ID",
        "Show what a restore of a snapshot would bring back",
        "Show what a restore of a snapshot would bring back: format, version against the manager's,"
            + " per tenant the counts after the restore's de-duplication against the manager now,"
            + " overdue schedules, users to create, secrets (count only) and the pre-restore checks."
            + " Read from the archive store (downloaded into it first if needed), never extracted.");
    spec(
        ActionKind.UPLOAD,
        "SOURCE",
        "Upload a snapshot to the manager",
        "Upload a snapshot to the manager. SOURCE is an archive in the bot's store, a path, or an"
            + " http(s)/ftp URL the manager fetches itself. Overwriting an existing id needs approval.",
        opt(
            "--snapshot-id",
            "-s",
            "SNAPSHOT_ID",
            "The unique identifier for the snapshot (default: generated)"),
        opt("--from-manager", null, "NAME", "Take SOURCE from the archive store of that manager")
            .botSide("picks the stored archive whose bytes the bot uploads"),
        opt(
                "--from-offsite",
                null,
                null,
                "SOURCE is a snapshot id in the off-site store (of --from-manager, else of -m):"
                    + " fetched and hash-checked into the archive store first")
            .botSide("the bot fetches the off-site copy into its archive store and uploads that"));
    spec(
        ActionKind.RESTORE,
        "SNAPSHOT_ID",
        "Restore a manager to its previous state",
        "Restore a manager to its previous state. Needs approval; activate maintenance mode first.",
        opt(
            "--force",
            "-f",
            null,
            "Force restoring the snapshot on a manager with existing blueprints or deployments"),
        opt(
            "--restore-certificates",
            null,
            null,
            "Restore the certificates from the snapshot; the manager then reboots"),
        opt(
            "--no-reboot",
            null,
            null,
            "Do not reboot after restoring certificates (not recommended; only with --restore-certificates)"),
        opt(
            "--ignore-plugin-failure",
            "-i",
            null,
            "Log plugin installation errors as warnings instead of failing the restore"),
        opt(
                "--no-safety-snapshot",
                null,
                null,
                "Skip the safety snapshot the bot takes of the target first")
            .botSide("the bot skips its own safety snapshot (one create fewer)"),
        opt(
                "--encoding-alphabet-copied",
                null,
                null,
                "Confirm the encoding alphabet was copied to the target (clusters)")
            .botSide("the requester's confirmation, which the bot's preflight checks"));
    spec(
        ActionKind.DELETE,
        "SNAPSHOT_ID",
        "Delete a snapshot from the manager",
        "Delete a snapshot from the manager. Needs approval.");
    spec(
        ActionKind.SNAPSHOTS_STATUS,
        "",
        "Show whether a snapshot restore is running",
        "Show whether a snapshot restore is running on the manager.");

    group("maintenance-mode", "Handle the manager's maintenance mode");
    spec(
        ActionKind.MAINTENANCE_STATUS,
        "",
        "Show the manager's maintenance-mode status",
        "Show the manager's maintenance-mode status.",
        opt("--extended-view", "-x", null, "Accepted for compatibility")
            .botSide("accepted for compatibility"));
    spec(
        ActionKind.MAINTENANCE_ACTIVATE,
        "",
        "Activate maintenance-mode on the manager",
        "Activate maintenance-mode on the manager. Needs approval.",
        opt("--wait", null, null, "Wait until maintenance mode is activated")
            .botSide("the bot always waits for `activated` (within the configured timeout)"),
        opt(
                "--timeout",
                null,
                "SECONDS",
                "Stop waiting after SECONDS (0 = forever); only with --wait")
            .botSide("how long the bot waits for `activated`"));
    spec(
        ActionKind.MAINTENANCE_DEACTIVATE,
        "",
        "Deactivate maintenance-mode on the manager",
        "Deactivate maintenance-mode on the manager. Needs approval.");

    spec(
        ActionKind.STATUS,
        "",
        "Show the status of the manager's services",
        "Show the status of the manager's services.");
    group("cluster", "Show the manager cluster");
    spec(
        ActionKind.CLUSTER_STATUS,
        "",
        "Show the status of the manager cluster",
        "Show the status of the manager cluster (also typed `cluster-status`).");

    spec(
        ActionKind.HELP,
        "[TOPIC]",
        "Show help for a command or group",
        "Show help, e.g. `/cfy help snapshots restore`.");
    spec(
        ActionKind.AUDIT,
        "[N]",
        "Show the last N audit entries",
        "Show the last N audit log entries (default 20, max 200). Pick the manager with -m.");
    spec(
        ActionKind.APPROVE,
        "REQUEST_ID",
        "Approve a pending request",
        "Approve a pending request, e.g. `/cfy approve apr-7f3k2q`. Where typed confirmation is on"
            + " (a `production` manager or a `confirm: typed` rule), the vote that completes the"
            + " request must repeat the snapshot id (the manager name for maintenance mode).",
        opt(
                "--confirm",
                null,
                "SNAPSHOT_ID",
                "Type the request's snapshot id to confirm the vote that completes it")
            .botSide("the typed confirmation the bot compares with the request's snapshot id"));
    spec(ActionKind.DENY, "REQUEST_ID", "Deny a pending request", "Deny a pending request.");
    spec(
        ActionKind.CANCEL,
        "REQUEST_ID",
        "Cancel your own pending request",
        "Cancel your own pending request.");

    group("ops", "Follow the bot's operations");
    spec(
        ActionKind.OPS_LIST,
        "",
        "List running and recent operations",
        "List running and recent operations (also just `ops`).");
    spec(
        ActionKind.OPS_SHOW,
        "OP_ID",
        "Show an operation and its steps",
        "Show an operation and its steps.");
    spec(
        ActionKind.OPS_TIMELINE,
        "OP_ID",
        "Export an operation's incident timeline",
        "Export an operation's incident timeline from the bot's own records (audit log and steps):"
            + " one row per event, milestones with durations, the downtime. In Slack the file is"
            + " uploaded to the operation's thread; the console prints it.",
        opt("--format", null, "md|csv|json", "The file format (default: md)")
            .botSide("the format of the timeline file the bot writes"));
    spec(
        ActionKind.OPS_CANCEL,
        "OP_ID",
        "Cancel a running operation",
        "Cancel a running operation.");

    group("backups", "Nightly backups and their archives");
    spec(
        ActionKind.BACKUPS_STATUS,
        "",
        "Show the last nightly backup of each manager",
        "Show the last nightly backup of each manager.");
    spec(
        ActionKind.BACKUPS_HISTORY,
        "[NIGHTS]",
        "Show nightly backup results",
        "Show nightly backup results for the last NIGHTS nights (default 14, max 365).");
    spec(ActionKind.BACKUPS_RUN, "", "Run the nightly backup now", "Run the nightly backup now.");
    spec(
        ActionKind.BACKUPS_RETENTION,
        "--dry-run",
        "Show which archives retention would delete",
        "Show which archives the retention policy would delete. Only dry runs can be asked for from chat.",
        opt("--dry-run", null, null, "Only report; delete nothing")
            .botSide("the bot's own retention report"));
    spec(
        ActionKind.BACKUPS_OFFSITE,
        "push SNAPSHOT_ID",
        "Copy a stored archive to the off-site store",
        "Copy an archive from the bot's store (verified) to the off-site S3 store, read it back and"
            + " lock it when object lock is configured. The nightly run does this by itself.");

    group("drills", "Restore drills onto a scratch manager");
    spec(
        ActionKind.DRILLS_RUN,
        "",
        "Run the manager's restore drill now",
        "Restore the manager's newest verified stored copy (or as `drill.pick` says) onto its"
            + " scratch manager, validate it and report the verdict with the RTO by phase. Never"
            + " touches the manager itself; needs no approval.");
    spec(
        ActionKind.DRILLS_HISTORY,
        "",
        "Show the manager's restore drills",
        "Show the manager's recent restore drills: verdict, snapshot, RTO and the reason of a"
            + " failure.");
  }

  private GrammarTable() {}

  private static Option opt(String longName, String shortName, String metavar, String help) {
    return new Option(longName, shortName, metavar, help);
  }

  private static void group(String name, String summary) {
    GROUPS.put(name, new Group(name, summary, new ArrayList<>()));
  }

  private static void spec(
      ActionKind kind, String args, String summary, String description, Option... options) {
    Spec spec = new Spec(kind, args, summary, description, List.of(options));
    String path = kind.path();
    SPECS.put(path, spec);
    BY_KIND.put(kind, spec);
    int space = path.indexOf(' ');
    if (space > 0) {
      GROUPS.get(path.substring(0, space)).subcommands().add(path.substring(space + 1));
    }
  }
}
