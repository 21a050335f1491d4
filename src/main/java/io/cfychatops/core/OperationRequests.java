package io.cfychatops.core;

import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.command.Incident;
import io.cfychatops.command.MaintenanceCommand;
import io.cfychatops.command.OperationCommand;
import io.cfychatops.command.SnapshotCommand;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationRequest;
import io.cfychatops.ops.OperationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * From an {@link OperationOrder} to a durable operation on the {@code ops} engine: the command's
 * flags become the operation's typed {@link OperationSpec} (one {@link OperationCommand.Visitor},
 * so every operation command has its mapping), and an approved order starts under an id derived
 * from its approval, so it starts at most once whoever starts it. Also the rule for where an upload
 * may read the bot's disk.
 */
final class OperationRequests {
  private final OperationEngine engine;
  private final String defaultIncidentChannel;
  private final Path archiveRoot;

  /**
   * @param defaultIncidentChannel where progress goes when the command names no channel; null: the
   *     requester's
   */
  OperationRequests(OperationEngine engine, String defaultIncidentChannel, Path archiveRoot) {
    this.engine = Objects.requireNonNull(engine);
    this.defaultIncidentChannel = defaultIncidentChannel;
    this.archiveRoot = archiveRoot.toAbsolutePath().normalize();
  }

  /**
   * Starts the operation of {@code o} (once per approval); returns its id. Progress goes to chat.
   */
  String start(OperationOrder o) {
    OperationSpec spec = o.command().accept(new Specs(o));
    String incident = incidentTarget(o.globals().incident());
    if (incident == null) {
      incident = defaultIncidentChannel != null ? defaultIncidentChannel : o.channel();
    }
    OperationRequest req =
        new OperationRequest(
            spec, o.manager(), o.requester().id(), o.approvers(), incident, o.approvalId());
    if (o.approvalId() != null) {
      // one approval, one operation: a second start (after a crash, from another replica) is a
      // no-op
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
    if (upload.sourceIsUrl() || upload.fromOffsite()) {
      return Optional.empty(); // an off-site object is looked up when the operation fetches it
    }
    Path file = storedArchive(upload);
    if (!file.startsWith(archiveRoot)) {
      return Optional.of(
          "Uploads from the bot's disk read only the archive store ("
              + archiveRoot
              + "). Name a stored"
              + " archive with `--from-manager NAME` (e.g. `snapshots upload nightly-prod-20261124-0200 --from-manager prod`)"
              + " or give an http(s) URL the manager can fetch.");
    }
    if (!Files.isRegularFile(file)) {
      return Optional.of(
          "There is no stored archive " + archiveRoot.relativize(file) + " in the archive store.");
    }
    return Optional.empty();
  }

  /**
   * The absolute, normalized path of an upload's stored archive: {@code <root>/<from>/<id>.zip}
   * with {@code --from-manager}, else the source resolved against the archive root (an absolute
   * source stays as given; {@link #sourceProblem} refuses anything outside the root).
   */
  private Path storedArchive(SnapshotCommand.Upload x) {
    if (x.fromManager() != null) {
      String name =
          x.source().endsWith(".zip")
              ? x.source().substring(0, x.source().length() - 4)
              : x.source();
      return archiveRoot.resolve(x.fromManager()).resolve(name + ".zip").normalize();
    }
    return archiveRoot.resolve(x.source()).normalize();
  }

  /**
   * Incident target of a command, as ops understands it: a channel id/name, {@code new}, or null.
   */
  private static String incidentTarget(Incident i) {
    if (i == null) {
      return null;
    }
    if (i instanceof Incident.Channel ch) {
      return ch.id() != null ? ch.id() : ch.name();
    }
    return "new";
  }

  /** The typed spec of one order: every operation command has its mapping. */
  private final class Specs implements OperationCommand.Visitor<OperationSpec> {
    private final OperationOrder order;

    Specs(OperationOrder order) {
      this.order = order;
    }

    @Override
    public OperationSpec create(SnapshotCommand.Create x) {
      // the core generated the id when none was given
      return new OperationSpec.CreateSpec(
          x.snapshotId(),
          new ManagerPort.CreateFlags(
              x.includeCredentials(),
              x.includeLogs(),
              x.includeEvents(),
              x.queue(),
              x.tempdirPath(),
              x.legacy(),
              x.listenerTimeout()));
    }

    @Override
    public OperationSpec download(SnapshotCommand.Download x) {
      return new OperationSpec.DownloadSpec(x.snapshotId());
    }

    @Override
    public OperationSpec upload(SnapshotCommand.Upload x) {
      // the core names it after the file when -s is absent
      OperationSpec.UploadSpec spec =
          x.sourceIsUrl()
              ? OperationSpec.UploadSpec.fromUrl(x.snapshotId(), x.source())
              : x.fromOffsite()
                  ? OperationSpec.UploadSpec.fromOffsite(
                      x.snapshotId(),
                      x.fromManager() != null ? x.fromManager() : order.manager(),
                      SnapshotId.of(
                          x.source().endsWith(".zip")
                              ? x.source().substring(0, x.source().length() - 4)
                              : x.source()))
                  : OperationSpec.UploadSpec.fromArchive(x.snapshotId(), storedArchive(x));
      // approved: the id exists and replacing its archive was the request
      return spec.withOverwrite(order.approvalId() != null);
    }

    @Override
    public OperationSpec restore(SnapshotCommand.Restore x) {
      return new OperationSpec.RestoreSpec(
          x.snapshotId(),
          !x.skipSafetySnapshot(),
          x.encodingAlphabetConfirmed(),
          new ManagerPort.RestoreFlags(
              x.force(), x.restoreCertificates(), x.noReboot(), x.ignorePluginFailure()));
    }

    @Override
    public OperationSpec delete(SnapshotCommand.Delete x) {
      return new OperationSpec.DeleteSpec(x.snapshotId());
    }

    @Override
    public OperationSpec maintenanceOn(MaintenanceCommand.Activate x) {
      // --wait --timeout S bounds the wait (0: no limit)
      return new OperationSpec.MaintenanceOnSpec(
          x.waitForActivation() && x.timeoutSeconds() != null
              ? Duration.ofSeconds(x.timeoutSeconds())
              : null);
    }

    @Override
    public OperationSpec maintenanceOff(MaintenanceCommand.Deactivate x) {
      return new OperationSpec.MaintenanceOffSpec();
    }
  }
}
