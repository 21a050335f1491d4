package io.cfychatops.core;

import io.cfychatops.command.Incident;
import io.cfychatops.command.MaintenanceCommand;
import io.cfychatops.command.OperationCommand;
import io.cfychatops.command.SnapshotCommand;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * From an {@link OperationOrder} to a durable operation on the {@code ops} engine: the command's
 * flags become the operation's parameters (one {@link OperationCommand.Visitor}, so every operation
 * command has its mapping), and an approved order starts under an id derived from its approval, so
 * it starts at most once whoever starts it. Also the rule for where an upload may read the bot's disk.
 */
final class OperationRequests {
  private final OperationEngine engine;
  private final String defaultIncidentChannel;
  private final Path archiveRoot;

  /** @param defaultIncidentChannel where progress goes when the command names no channel; null: the requester's */
  OperationRequests(OperationEngine engine, String defaultIncidentChannel, Path archiveRoot) {
    this.engine = Objects.requireNonNull(engine);
    this.defaultIncidentChannel = defaultIncidentChannel;
    this.archiveRoot = archiveRoot.toAbsolutePath().normalize();
  }

  /** Starts the operation of {@code o} (once per approval); returns its id. Progress goes to chat. */
  String start(OperationOrder o) {
    Map<String, String> params = new LinkedHashMap<>();
    OpKind kind = o.command().accept(new Params(o, params));
    if (o.approvalId() != null) {
      params.put("approval", o.approvalId());
    }
    String incident = incidentTarget(o.globals().incident());
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

  /** True when an operation with this id exists (running or finished). */
  boolean exists(String operationId) {
    return engine.find(operationId).isPresent();
  }

  /**
   * Why {@code upload} may not read its source, or empty. Uploads read the bot's disk only inside
   * the archive store: a chat user must not be able to send an arbitrary file of the bot's host to
   * a manager. URLs are the manager's to fetch.
   */
  Optional<String> sourceProblem(SnapshotCommand.Upload upload) {
    if (upload.sourceIsUrl()) {
      return Optional.empty();
    }
    Path file = storedArchive(upload);
    if (!file.startsWith(archiveRoot)) {
      return Optional.of("Uploads from the bot's disk read only the archive store (" + archiveRoot + "). Name a stored"
          + " archive with `--from-manager NAME` (e.g. `snapshots upload nightly-prod-20261124-0200 --from-manager prod`)"
          + " or give an http(s) URL the manager can fetch.");
    }
    if (!Files.isRegularFile(file)) {
      return Optional.of("There is no stored archive " + archiveRoot.relativize(file) + " in the archive store.");
    }
    return Optional.empty();
  }

  /**
   * The absolute, normalized path of an upload's stored archive: {@code <root>/<from>/<id>.zip} with
   * {@code --from-manager}, else the source resolved against the archive root (an absolute source
   * stays as given; {@link #sourceProblem} refuses anything outside the root).
   */
  private Path storedArchive(SnapshotCommand.Upload x) {
    if (x.fromManager() != null) {
      String name = x.source().endsWith(".zip") ? x.source().substring(0, x.source().length() - 4) : x.source();
      return archiveRoot.resolve(x.fromManager()).resolve(name + ".zip").normalize();
    }
    return archiveRoot.resolve(x.source()).normalize();
  }

  /** Incident target of a command, as ops understands it: a channel id/name, {@code new}, or null. */
  private static String incidentTarget(Incident i) {
    if (i == null) {
      return null;
    }
    if (i instanceof Incident.Channel ch) {
      return ch.id() != null ? ch.id() : ch.name();
    }
    return "new";
  }

  /** Fills the parameters of one order and names its kind. */
  private final class Params implements OperationCommand.Visitor<OpKind> {
    private final OperationOrder order;
    private final Map<String, String> params;

    Params(OperationOrder order, Map<String, String> params) {
      this.order = order;
      this.params = params;
    }

    @Override
    public OpKind create(SnapshotCommand.Create x) {
      params.put("snapshot", x.snapshotId().value()); // the core generated one when none was given
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
      return OpKind.CREATE;
    }

    @Override
    public OpKind download(SnapshotCommand.Download x) {
      params.put("snapshot", x.snapshotId().value());
      return OpKind.DOWNLOAD;
    }

    @Override
    public OpKind upload(SnapshotCommand.Upload x) {
      params.put("snapshot", x.snapshotId().value()); // the core names it after the file when -s is absent
      if (x.sourceIsUrl()) {
        params.put("url", x.source());
      } else {
        params.put("archive", storedArchive(x).toString());
      }
      if (order.approvalId() != null) {
        params.put("overwrite", "true"); // approved: the id exists and replacing its archive was the request
      }
      return OpKind.UPLOAD;
    }

    @Override
    public OpKind restore(SnapshotCommand.Restore x) {
      params.put("snapshot", x.snapshotId().value());
      params.put("safety", String.valueOf(!x.skipSafetySnapshot()));
      params.put("encodingAlphabetCopied", String.valueOf(x.encodingAlphabetConfirmed()));
      params.put("force", String.valueOf(x.force()));
      params.put("restoreCertificates", String.valueOf(x.restoreCertificates()));
      params.put("noReboot", String.valueOf(x.noReboot()));
      params.put("ignorePluginFailure", String.valueOf(x.ignorePluginFailure()));
      return OpKind.RESTORE;
    }

    @Override
    public OpKind delete(SnapshotCommand.Delete x) {
      params.put("snapshot", x.snapshotId().value());
      return OpKind.DELETE;
    }

    @Override
    public OpKind maintenanceOn(MaintenanceCommand.Activate x) {
      if (x.waitForActivation() && x.timeoutSeconds() != null) {
        params.put("waitTimeout", x.timeoutSeconds().toString()); // --wait --timeout S bounds the wait
      }
      return OpKind.MAINTENANCE_ON;
    }

    @Override
    public OpKind maintenanceOff(MaintenanceCommand.Deactivate x) {
      return OpKind.MAINTENANCE_OFF;
    }
  }
}
