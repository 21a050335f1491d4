package io.cfychatops.core;

import io.cfychatops.approvals.ApprovalAction;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.command.MaintenanceCommand;
import io.cfychatops.command.OperationCommand;
import io.cfychatops.command.SnapshotCommand;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import io.cfychatops.ops.Runbooks;
import io.cfychatops.text.Redactor;
import io.cfychatops.text.Truncate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What happens to an operation command between "typed" and "asked for or started", per command:
 * generated and derived snapshot ids, the upload-source rule, the target read on the manager with
 * the checks chat can make before anyone approves (exists, restorable, the cluster step), and the
 * approval action that gates it, if any. A refusal changes nothing and says why. Manager failures
 * other than "not found" propagate to the caller, which reports them.
 */
final class Preflight implements OperationCommand.Visitor<Preflight.Outcome> {
  private static final DateTimeFormatter GENERATED_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** Where a command stands after its preflight. */
  sealed interface Outcome {}

  /**
   * Ready to ask for or start.
   *
   * @param command the command as it will run (with its generated or derived id)
   * @param target the snapshot it acts on as read now, or null
   * @param gate the approval action that gates it, or null: it runs without asking
   * @param notes lines for the requester's reply when it starts
   */
  record Ready(
      OperationCommand command,
      SnapshotInfo target,
      ApprovalAction gate,
      List<String> notes,
      @Nullable CompletableFuture<RestorePreviews.Result> preview)
      implements Outcome {
    Ready {
      notes = List.copyOf(notes);
    }

    Ready(OperationCommand command, SnapshotInfo target, ApprovalAction gate, List<String> notes) {
      this(command, target, gate, notes, null);
    }
  }

  /** Not asked for, not started: {@code reply} says why. */
  record Refused(Message reply) implements Outcome {}

  private final String manager;
  private final ManagerPort port;
  private final Clock clock;
  private final OperationRequests requests;
  private final @Nullable RestorePreviews previews;

  Preflight(String manager, ManagerPort port, Clock clock, OperationRequests requests) {
    this(manager, port, clock, requests, null);
  }

  /** With {@code previews}: a restore's archive is previewed and gated before it is asked for. */
  Preflight(
      String manager,
      ManagerPort port,
      Clock clock,
      OperationRequests requests,
      @Nullable RestorePreviews previews) {
    this.manager = manager;
    this.port = port;
    this.clock = clock;
    this.requests = requests;
    this.previews = previews;
  }

  @Override
  public Outcome create(SnapshotCommand.Create c) {
    SnapshotCommand.Create named =
        c.snapshotId() != null
            ? c
            : c.withSnapshotId(SnapshotId.of("snapshot-" + GENERATED_ID.format(clock.instant())));
    return new Ready(named, null, null, List.of());
  }

  @Override
  public Outcome download(SnapshotCommand.Download c) {
    List<String> notes =
        c.outputPath() == null
            ? List.of()
            : List.of(
                "`-o "
                    + c.outputPath()
                    + "` is not used from chat: the archive goes to the archive store"
                    + " (<archive_root>/"
                    + manager
                    + "/"
                    + c.snapshotId()
                    + ".zip).");
    return new Ready(c, null, null, notes);
  }

  @Override
  public Outcome upload(SnapshotCommand.Upload c) {
    SnapshotCommand.Upload named = c;
    if (c.snapshotId() == null) {
      String derived = uploadIdFromSource(c.source());
      if (derived == null) {
        return new Refused(
            Message.text(
                Status.WARNING,
                "Name the snapshot to create with `-s/--snapshot-id ID`: `"
                    + Redactor.forDisplay(c.source())
                    + "` does not give a valid snapshot id."));
      }
      named = c.withSnapshotId(SnapshotId.of(derived));
    }
    var problem = requests.sourceProblem(named);
    if (problem.isPresent()) {
      return new Refused(
          Message.builder(Status.WARNING, "Nothing was started").line(problem.get()).build());
    }
    Optional<SnapshotInfo> target = snapshot(named.snapshotId());
    return target.isPresent()
        ? new Ready(
            named, target.get(), gate(c), List.of()) // the id exists: its archive is replaced
        : new Ready(named, null, null, List.of());
  }

  @Override
  public Outcome restore(SnapshotCommand.Restore c) {
    Optional<SnapshotInfo> found = snapshot(c.snapshotId());
    if (found.isEmpty()) {
      return missing(c.snapshotId());
    }
    SnapshotInfo target = found.get();
    if (!c.encodingAlphabetConfirmed() && isCluster()) {
      // the guide's step must happen before the restore: say so now, not after an approval
      return new Refused(
          Message.builder(Status.WARNING, "Restore onto a cluster: one step first")
              .line(Runbooks.ENCODING_ALPHABET_STEPS)
              .context("Nothing was requested.")
              .build());
    }
    if (!target.status().isRestorable()) {
      return new Refused(
          Message.builder(
                  Status.WARNING,
                  "Snapshot `"
                      + c.snapshotId()
                      + "` cannot be restored: its status is "
                      + target.status().name().toLowerCase(Locale.ROOT))
              .line(
                  target.error().isBlank()
                      ? "Only created or uploaded snapshots can be restored."
                      : "Error: " + Truncate.oneLine(target.error(), 300))
              .build());
    }
    if (previews == null || !previews.enabled()) {
      return new Ready(c, target, gate(c), List.of());
    }
    // the archive gate: what Cloudify does not check on 7.x archives, before anyone is asked
    CompletableFuture<RestorePreviews.Result> preview =
        previews.start(
            manager,
            port,
            c.snapshotId().value(),
            new ManagerPort.RestoreFlags(
                c.force(), c.restoreCertificates(), c.noReboot(), c.ignorePluginFailure()));
    Optional<RestorePreviews.Result> now = RestorePreviews.await(preview);
    if (now.isPresent()
        && now.get() instanceof RestorePreviews.Ready ok
        && ok.view().verdict().refused()) {
      return new Refused(
          Message.builder(Status.WARNING, "Restore of `" + c.snapshotId() + "` refused")
              .line(capitalised(ok.view().verdict().refusal()) + ".")
              .line(PreviewText.head(ok.view()))
              .context("Nothing was requested.")
              .build());
    }
    return new Ready(c, target, gate(c), List.of(), preview);
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  @Override
  public Outcome delete(SnapshotCommand.Delete c) {
    return snapshot(c.snapshotId())
        .<Outcome>map(s -> new Ready(c, s, gate(c), List.of()))
        .orElseGet(() -> missing(c.snapshotId()));
  }

  @Override
  public Outcome maintenanceOn(MaintenanceCommand.Activate c) {
    return new Ready(c, null, gate(c), List.of());
  }

  @Override
  public Outcome maintenanceOff(MaintenanceCommand.Deactivate c) {
    return new Ready(c, null, gate(c), List.of());
  }

  /**
   * {@code cfy snapshots upload} names the snapshot after the file when no id is given: {@code
   * a/b/x.zip} → {@code x}.
   */
  static String uploadIdFromSource(String source) {
    String name = source.replaceAll("[?#].*$", "");
    name = name.substring(name.lastIndexOf('/') + 1);
    if (name.endsWith(".zip")) {
      name = name.substring(0, name.length() - 4);
    }
    return SnapshotId.isValid(name) ? name : null;
  }

  private static ApprovalAction gate(OperationCommand c) {
    return c.action().approvalKey().orElseThrow();
  }

  private Refused missing(SnapshotId id) {
    return new Refused(
        Message.builder(Status.WARNING, "There is no snapshot `" + id + "` on " + manager)
            .line(
                "Nothing was requested. `/cfy snapshots list -m "
                    + manager
                    + "` shows what exists.")
            .build());
  }

  /** The snapshot as the manager has it now; empty when there is none. */
  private Optional<SnapshotInfo> snapshot(SnapshotId id) {
    return port.getSnapshot(manager, id.value());
  }

  /** More than one manager node in {@code /cluster-status}. */
  private boolean isCluster() {
    return port.clusterStatus(manager).managers().size() > 1;
  }
}
