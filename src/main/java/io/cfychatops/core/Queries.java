package io.cfychatops.core;

import io.cfychatops.chat.Button;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.command.SnapshotCommand;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.MaintenanceInfo;
import io.cfychatops.ops.ManagerPort.ManagerVersion;
import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import io.cfychatops.ops.ManagerPort.SnapshotPage;
import io.cfychatops.ops.ManagerPort.SnapshotQuery;
import io.cfychatops.ops.ManagerPort.StatusInfo;
import io.cfychatops.text.Truncate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Read-only commands: they call the manager and answer with one message. */
final class Queries {
  /** Rows per chat page; a "Next page" button asks for the following ones. */
  static final int PAGE_ROWS = 25;

  private Queries() {}

  static Message snapshotsList(
      String manager, ManagerPort port, SnapshotCommand.List c, String globalsSuffix) {
    int shown = Math.min(c.size(), PAGE_ROWS);
    SnapshotPage res =
        port.snapshotPage(
            manager,
            new SnapshotQuery(
                c.sortBy(), c.descending(), c.search(), c.allTenants(), c.offset(), shown));
    var items = res.items();
    Message.Builder m =
        Message.builder(Status.INFO, "Snapshots on " + manager)
            .context(
                items.isEmpty()
                    ? "Showing 0 of " + res.total()
                    : "Showing "
                        + (c.offset() + 1)
                        + "–"
                        + (c.offset() + items.size())
                        + " of "
                        + res.total()
                        + ", sorted by "
                        + c.sortBy()
                        + (c.descending() ? " (descending)" : ""));
    if (items.isEmpty()) {
      m.line(
          c.search() == null
              ? "No snapshots yet. Create one with `/cfy snapshots create`."
              : "No snapshot id contains `" + c.search() + "`.");
    }
    for (SnapshotInfo s : items) {
      m.row(row(s));
    }
    long next = (long) c.offset() + items.size();
    if (next < res.total() && items.size() == shown) {
      SnapshotCommand.List more =
          new SnapshotCommand.List(
              c.sortBy(), c.descending(), c.search(), (int) next, c.size(), c.allTenants());
      m.nextPage(
          Button.of(
              "Next page",
              "page.next",
              (more.canonical() + globalsSuffix).replaceFirst("^cfy ", "")));
    }
    return m.build();
  }

  static String row(SnapshotInfo s) {
    Instant created = s.createdInstant();
    String when =
        created == null
            ? "-"
            : DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.SECONDS));
    String err = s.error().isBlank() ? "" : "  error: " + Truncate.oneLine(s.error(), 120);
    return s.id()
        + "  "
        + s.status().name().toLowerCase()
        + "  "
        + when
        + "  "
        + (s.createdBy() == null ? "" : s.createdBy())
        + err;
  }

  static Message snapshotsStatus(String manager, ManagerPort port) {
    return port.restoreRunning(manager)
        ? Message.builder(Status.RUNNING, "Snapshot restore in progress on " + manager)
            .line("This may take a while, depending on the snapshot size.")
            .build()
        : Message.text(Status.OK, "No snapshot restore is running on " + manager);
  }

  static Message maintenanceStatus(String manager, ManagerPort port) {
    MaintenanceInfo st = port.getMaintenance(manager);
    Status s =
        switch (st.status()) {
          case "activated" -> Status.WARNING;
          case "activating" -> Status.RUNNING;
          default -> Status.OK;
        };
    Message.Builder m = Message.builder(s, "Maintenance mode on " + manager + ": " + st.status());
    if (st.requestedBy() != null && !st.requestedBy().isBlank()) {
      m.field("Requested by", st.requestedBy());
    }
    if (st.requestedAt() != null) {
      m.field("Requested at", st.requestedAt());
    }
    if (st.activatedAt() != null) {
      m.field("Activated at", st.activatedAt());
    }
    var unfinished = st.unfinished();
    if (!unfinished.isEmpty()) {
      m.line(
          "The manager currently has "
              + unfinished.size()
              + " running or pending executions; maintenance mode activates when they end:");
      unfinished.forEach(
          e -> m.row(e.id() + "  " + e.workflowId() + "  " + e.status().name().toLowerCase()));
    }
    return m.build();
  }

  static Message status(String manager, ManagerPort port) {
    StatusInfo st = port.status(manager);
    ManagerVersion v = port.managerVersion(manager);
    Message.Builder m =
        Message.builder(
                st.ok() ? Status.OK : Status.FAILED,
                "Manager " + manager + ": " + st.health().name())
            .field("Version", v.version() + " (" + v.edition() + ")");
    for (Map.Entry<String, Boolean> e : st.services().entrySet()) {
      m.row((e.getValue() ? "active    " : "INACTIVE  ") + e.getKey());
    }
    return m.build();
  }
}
