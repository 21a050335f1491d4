package io.cfychatops.core;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.Responder;
import io.cfychatops.chat.Status;
import io.cfychatops.command.SnapshotCommand;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.RestoreFlags;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /cfy snapshots inspect ID}: the restore preview of one snapshot, answered to its asker
 * only. When the archive must be downloaded first and that takes longer than {@link
 * RestorePreviews#WAIT}, the asker is told so and gets the preview when it is read.
 */
final class Inspections {
  /** Tenants and ids per tenant {@code inspect} lists (a card lists fewer). */
  static final int TENANTS = 20;

  static final int IDS = 50;

  private final RestorePreviews previews;

  Inspections(RestorePreviews previews) {
    this.previews = Objects.requireNonNull(previews);
  }

  void inspect(String manager, ManagerPort port, SnapshotCommand.Inspect c, Responder r) {
    String id = c.snapshotId().value();
    if (!previews.enabled()) {
      r.ephemeral(
          Message.text(
              Status.WARNING, "No archive store is configured: snapshots cannot be inspected"));
      return;
    }
    CompletableFuture<RestorePreviews.Result> f =
        previews.start(manager, port, id, RestoreFlags.DEFAULT);
    Optional<RestorePreviews.Result> now = RestorePreviews.await(f);
    if (now.isPresent()) {
      r.ephemeral(reply(manager, id, now.get()));
      return;
    }
    r.ephemeral(
        Message.text(
            Status.RUNNING,
            "Reading `"
                + id
                + "` on "
                + manager
                + ": its archive is being downloaded into the archive store first; the preview"
                + " follows here."));
    f.thenAccept(res -> r.ephemeral(reply(manager, id, res)));
  }

  static Message reply(String manager, String id, RestorePreviews.Result res) {
    if (res instanceof RestorePreviews.Unavailable u) {
      return Message.builder(Status.WARNING, "No preview of `" + id + "` on " + manager)
          .line(u.reason())
          .build();
    }
    RestorePreviews.View v = ((RestorePreviews.Ready) res).view();
    Message.Builder m =
        Message.builder(
            v.verdict().refused() ? Status.FAILED : Status.INFO,
            "Snapshot `" + id + "` on " + manager + ": what a restore would bring back");
    if (v.verdict().refused()) {
      m.line("A restore would be REFUSED: " + v.verdict().refusal() + ".");
    }
    v.verdict().warnings().forEach(w -> m.line("Warning: " + w));
    m.rows(PreviewText.rows(v, TENANTS, IDS));
    m.context(
        "Counted from the stored archive as the restore counts (duplicates once); the manager's"
            + " side over REST. Nothing else from inside the archive is shown.");
    return m.build();
  }
}
