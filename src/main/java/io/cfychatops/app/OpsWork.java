package io.cfychatops.app;

import io.cfychatops.backup.BackupMessages;
import io.cfychatops.backup.BackupReport;
import io.cfychatops.backup.NightReport;
import io.cfychatops.backup.NightlyService;
import io.cfychatops.backup.RunRefusedException;
import io.cfychatops.backup.UnknownManagerException;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.command.Command;
import io.cfychatops.core.ChatOps;
import io.cfychatops.ops.ClusterDiagnosis;
import io.cfychatops.ops.ManagerApi;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationRequest;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link ChatOps.Work} over the {@code ops} engine and the nightly {@code backup} service. */
final class OpsWork implements ChatOps.Work {
  private final OperationEngine engine;
  private final ManagerApi api;
  private final NightlyService nightly;
  private final String defaultIncidentChannel;
  private final Path archiveRoot;
  private final ZoneId zone;

  OpsWork(OperationEngine engine, ManagerApi api, NightlyService nightly, String defaultIncidentChannel, Path archiveRoot, ZoneId zone) {
    this.engine = engine;
    this.api = api;
    this.nightly = nightly;
    this.defaultIncidentChannel = defaultIncidentChannel;
    this.archiveRoot = archiveRoot;
    this.zone = zone;
  }

  @Override
  public String start(ChatOps.OperationOrder o) {
    Map<String, String> params = new LinkedHashMap<>();
    OpKind kind;
    Command c = o.command();
    if (c instanceof Command.SnapshotsCreate x) {
      kind = OpKind.CREATE;
      params.put("snapshot", x.snapshotId());
      params.put("includeCredentials", String.valueOf(x.includeCredentials()));
      params.put("includeLogs", String.valueOf(x.includeLogs()));
      params.put("includeEvents", String.valueOf(x.includeEvents()));
      params.put("queue", String.valueOf(x.queue()));
      if (x.tempdirPath() != null) {
        params.put("tempdirPath", x.tempdirPath());
      }
      if (x.legacy() != null) {
        params.put("legacy", x.legacy().toString());
      }
      if (x.listenerTimeout() != null) {
        params.put("listenerTimeout", x.listenerTimeout().toString());
      }
    } else if (c instanceof Command.SnapshotsDownload x) {
      kind = OpKind.DOWNLOAD;
      params.put("snapshot", x.snapshotId());
    } else if (c instanceof Command.SnapshotsUpload x) {
      kind = OpKind.UPLOAD;
      params.put("snapshot", x.snapshotId()); // the core names it after the file when -s is absent
      if (x.sourceIsUrl()) {
        params.put("url", x.source());
      } else {
        params.put("archive", storedArchive(x).toString());
      }
      if (o.approvalId() != null) {
        params.put("overwrite", "true"); // approved: the id exists and replacing its archive was the request
      }
    } else if (c instanceof Command.SnapshotsDelete x) {
      kind = OpKind.DELETE;
      params.put("snapshot", x.snapshotId());
    } else if (c instanceof Command.SnapshotsRestore x) {
      kind = OpKind.RESTORE;
      params.put("snapshot", x.snapshotId());
      params.put("safety", String.valueOf(!x.skipSafetySnapshot()));
      params.put("encodingAlphabetCopied", String.valueOf(x.encodingAlphabetConfirmed()));
      params.put("force", String.valueOf(x.force()));
      params.put("restoreCertificates", String.valueOf(x.restoreCertificates()));
      params.put("noReboot", String.valueOf(x.noReboot()));
      params.put("ignorePluginFailure", String.valueOf(x.ignorePluginFailure()));
    } else if (c instanceof Command.MaintenanceActivate x) {
      kind = OpKind.MAINTENANCE_ON;
      if (x.waitForActivation() && x.timeoutSeconds() != null) {
        params.put("waitTimeout", x.timeoutSeconds().toString()); // --wait --timeout S bounds the wait
      }
    } else if (c instanceof Command.MaintenanceDeactivate) {
      kind = OpKind.MAINTENANCE_OFF;
    } else {
      throw new IllegalArgumentException("not an operation: " + c.canonical());
    }
    if (o.approvalId() != null) {
      params.put("approval", o.approvalId());
    }
    String incident = ChatOps.incidentTarget(o.globals());
    if (incident == null) {
      incident = defaultIncidentChannel != null ? defaultIncidentChannel : o.channel();
    }
    OperationRequest req = new OperationRequest(kind, o.manager(), params, o.requester().id(), o.approvers(), incident);
    if (o.approvalId() != null) {
      // one approval, one operation: a second start (after a crash, from another replica) is a no-op
      String id = OperationEngine.idForApproval(o.approvalId());
      engine.submitOnce(id, req);
      return id;
    }
    return engine.submit(req);
  }

  /**
   * Uploads read the bot's disk only inside the archive store: a chat user must not be able to send
   * an arbitrary file of the bot's host to a manager.
   */
  @Override
  public java.util.Optional<String> check(Command command, String manager) {
    if (!(command instanceof Command.SnapshotsUpload x) || x.sourceIsUrl()) {
      return java.util.Optional.empty();
    }
    Path root = archiveRoot.toAbsolutePath().normalize();
    Path file = storedArchive(x);
    if (!file.startsWith(root)) {
      return java.util.Optional.of("Uploads from the bot's disk read only the archive store (" + root + "). Name a stored"
          + " archive with `--from-manager NAME` (e.g. `snapshots upload nightly-prod-20261124-0200 --from-manager prod`)"
          + " or give an http(s) URL the manager can fetch.");
    }
    if (!java.nio.file.Files.isRegularFile(file)) {
      return java.util.Optional.of("There is no stored archive " + root.relativize(file) + " in the archive store.");
    }
    return java.util.Optional.empty();
  }

  /**
   * The absolute, normalized path of an upload's stored archive: {@code <root>/<from>/<id>.zip} with
   * {@code --from-manager}, else the source resolved against the archive root (an absolute source
   * stays as given; {@link #check} refuses anything outside the root).
   */
  private Path storedArchive(Command.SnapshotsUpload x) {
    Path root = archiveRoot.toAbsolutePath().normalize();
    if (x.fromManager() != null) {
      return root.resolve(x.fromManager()).resolve(stripZip(x.source()) + ".zip").normalize();
    }
    return root.resolve(x.source()).normalize();
  }

  private static String stripZip(String s) {
    return s.endsWith(".zip") ? s.substring(0, s.length() - 4) : s;
  }

  @Override
  public java.util.Optional<String> operationManager(String opId) {
    return engine.find(opId).map(op -> op.manager());
  }

  @Override
  public java.util.Optional<String> operationRequester(String opId) {
    return engine.find(opId).map(op -> op.requester());
  }

  @Override
  public Message opsList(java.util.List<String> managers) {
    return engine.renderList(20, managers);
  }

  @Override
  public Message opsShow(String id, java.util.List<String> managers) {
    return engine.renderShow(id, managers);
  }

  @Override
  public Message backupsStatus(java.util.List<String> managers) {
    return BackupMessages.status(nightly.status().only(managers));
  }

  @Override
  public Message opsCancel(String id, ChatUser who) {
    return Message.text(Status.INFO, engine.cancel(id, who.id()));
  }

  @Override
  public Message clusterStatus(String manager) {
    return ClusterDiagnosis.run(api, manager);
  }

  @Override
  public Message backups(Command command, String manager, ChatUser who) {
    try {
      if (command instanceof Command.BackupsHistory h) {
        String m = manager != null ? manager : nightly.config().schedules().keySet().iterator().next();
        return BackupMessages.history(m, h.nights(), nightly.history(m, h.nights()), zone);
      }
      if (command instanceof Command.BackupsRetention) {
        String m = manager != null ? manager : nightly.config().schedules().keySet().iterator().next();
        return BackupMessages.retentionDryRun(nightly.retentionDryRun(m));
      }
      if (command instanceof Command.BackupsRun) {
        if (manager == null && nightly.config().schedules().size() == 1) {
          manager = nightly.config().schedules().keySet().iterator().next();
        }
        if (manager == null) {
          return Message.text(Status.WARNING, "Name the manager to back up now: `/cfy backups run -m NAME` ("
              + String.join(", ", nightly.config().schedules().keySet()) + ").");
        }
        NightReport report = nightly.runNow(manager);
        return BackupReport.render(report);
      }
    } catch (RunRefusedException | UnknownManagerException e) {
      return Message.text(Status.WARNING, e.getMessage());
    }
    throw new IllegalArgumentException("not a backups command: " + command.canonical());
  }

  @Override
  public boolean idle() {
    return engine.recent(50).stream().allMatch(op -> op.status().isFinal()) && engine.progressDue() == null;
  }
}
