package io.cfychatops.core;

import io.cfychatops.command.MaintenanceCommand;
import io.cfychatops.command.OperationCommand;
import io.cfychatops.command.SnapshotCommand;
import io.cfychatops.config.ManagerConfig;
import io.cfychatops.text.Redactor;
import java.util.ArrayList;
import java.util.List;

/**
 * What a runbook will do, in the words an approver needs before clicking Approve: one plan per
 * operation command (the visitor makes a new operation command without a plan a compile error).
 */
final class Plans implements OperationCommand.Visitor<List<String>> {
  private final String manager;
  private final ManagerConfig mc;

  private Plans(String manager, ManagerConfig mc) {
    this.manager = manager;
    this.mc = mc;
  }

  /** The plan of {@code c} on {@code manager}; never empty. */
  static List<String> plan(OperationCommand c, String manager, ManagerConfig mc) {
    List<String> p = new ArrayList<>();
    // the approved operation's first step (ops.Runbooks approval-check)
    p.add(
        "Re-check: manager, tenant"
            + (c.targetSnapshotId().isPresent() ? " and snapshot" : "")
            + " still as approved, else nothing runs (manager errors are retried, not taken as a change)");
    p.addAll(c.accept(new Plans(manager, mc)));
    return p;
  }

  @Override
  public List<String> restore(SnapshotCommand.Restore r) {
    List<String> p = new ArrayList<>();
    p.add(
        "Preflight: snapshot `"
            + r.snapshotId()
            + "` exists and is created/uploaded; manager version; cluster status; no running executions");
    if (mc.cluster()) {
      p.add(
          "Cluster: the source manager's encoding_alphabet must already be in /etc/cloudify/config.yaml"
              + (r.encodingAlphabetConfirmed()
                  ? " (requester confirmed)"
                  : " (requester has NOT confirmed: the preflight will stop)"));
    }
    p.add(
        r.skipSafetySnapshot()
            ? "No safety snapshot (--no-safety-snapshot)"
            : "Safety snapshot of the current state first");
    p.add("Maintenance mode ON on " + manager + " (waits for running executions)");
    p.add(
        "Restore `"
            + r.snapshotId()
            + "`"
            + (r.force() ? " with --force (manager need not be clean)" : "")
            + (r.restoreCertificates()
                ? ", restoring certificates" + (r.noReboot() ? " (no reboot)" : " (the VM REBOOTS)")
                : ""));
    p.add(
        "The REST service restarts: expect a few minutes of 502s while `snapshot-status` is polled");
    p.add("Maintenance mode OFF (also if the restore fails), then /status and version checks");
    p.add(
        "After-effects: the snapshot may vanish from the list; tokens and the admin password may change");
    return p;
  }

  @Override
  public List<String> delete(SnapshotCommand.Delete d) {
    return List.of(
        "Delete snapshot `" + d.snapshotId() + "` and its archive from " + manager,
        "Off-manager copies in the archive store are kept");
  }

  @Override
  public List<String> upload(SnapshotCommand.Upload u) {
    return List.of(
        "Upload "
            + (u.sourceIsUrl()
                ? "from " + Redactor.forDisplay(u.source())
                : "archive " + u.source())
            + " to "
            + manager,
        "The snapshot id already exists: its archive is REPLACED (the manager keeps the row)");
  }

  @Override
  public List<String> maintenanceOn(MaintenanceCommand.Activate c) {
    return List.of(
        "Maintenance mode ON on "
            + manager
            + ": every API call except snapshots/status is refused (503)",
        "Waits until running executions end (activating → activated)");
  }

  @Override
  public List<String> maintenanceOff(MaintenanceCommand.Deactivate c) {
    return List.of("Maintenance mode OFF on " + manager + "; queued executions start");
  }

  @Override
  public List<String> create(SnapshotCommand.Create c) {
    return generic(c);
  }

  @Override
  public List<String> download(SnapshotCommand.Download c) {
    return generic(c);
  }

  /** Operations no approval gates today (the policy may still ask for one in a future config). */
  private List<String> generic(OperationCommand c) {
    return List.of("Run `" + Redactor.forDisplay(c.canonical()) + "` on " + manager);
  }
}
