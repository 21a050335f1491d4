package io.cfychatops.core;

import io.cfychatops.text.Redactor;
import io.cfychatops.command.Command;
import io.cfychatops.config.ManagerConfig;
import java.util.ArrayList;
import java.util.List;

/** What a runbook will do, in the words an approver needs before clicking Approve. */
final class Plans {
  private Plans() {}

  static List<String> plan(Command c, String manager, ManagerConfig mc) {
    List<String> p = new ArrayList<>();
    // the approved operation's first step (ops.Runbooks approval-check)
    p.add("Re-check: manager, tenant" + (c.targetSnapshotId().isPresent() ? " and snapshot" : "")
        + " still as approved, else nothing runs (manager errors are retried, not taken as a change)");
    if (c instanceof Command.SnapshotsRestore r) {
        p.add("Preflight: snapshot `" + r.snapshotId() + "` exists and is created/uploaded; manager version; cluster status; no running executions");
        if (mc.cluster()) {
          p.add("Cluster: the source manager's encoding_alphabet must already be in /etc/cloudify/config.yaml"
              + (r.encodingAlphabetConfirmed() ? " (requester confirmed)" : " (requester has NOT confirmed: the preflight will stop)"));
        }
        p.add(r.skipSafetySnapshot() ? "No safety snapshot (--no-safety-snapshot)" : "Safety snapshot of the current state first");
        p.add("Maintenance mode ON on " + manager + " (waits for running executions)");
        p.add("Restore `" + r.snapshotId() + "`" + (r.force() ? " with --force (manager need not be clean)" : "")
            + (r.restoreCertificates() ? ", restoring certificates" + (r.noReboot() ? " (no reboot)" : " (the VM REBOOTS)") : ""));
        p.add("The REST service restarts: expect a few minutes of 502s while `snapshot-status` is polled");
        p.add("Maintenance mode OFF (also if the restore fails), then /status and version checks");
        p.add("After-effects: the snapshot may vanish from the list; tokens and the admin password may change");
    } else if (c instanceof Command.SnapshotsDelete d) {
        p.add("Delete snapshot `" + d.snapshotId() + "` and its archive from " + manager);
        p.add("Off-manager copies in the archive store are kept");
    } else if (c instanceof Command.SnapshotsUpload u) {
        p.add("Upload " + (u.sourceIsUrl() ? "from " + Redactor.forDisplay(u.source()) : "archive " + u.source()) + " to " + manager);
        p.add("The snapshot id already exists: its archive is REPLACED (the manager keeps the row)");
    } else if (c instanceof Command.MaintenanceActivate) {
        p.add("Maintenance mode ON on " + manager + ": every API call except snapshots/status is refused (503)");
        p.add("Waits until running executions end (activating → activated)");
    } else if (c instanceof Command.MaintenanceDeactivate) {
      p.add("Maintenance mode OFF on " + manager + "; queued executions start");
    } else {
      p.add("Run `" + Redactor.forDisplay(c.canonical()) + "` on " + manager);
    }
    return p;
  }
}
