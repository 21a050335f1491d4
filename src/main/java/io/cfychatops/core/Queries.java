package io.cfychatops.core;

import io.cfychatops.chat.Button;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.ListQuery;
import io.cfychatops.cloudify.ListResult;
import io.cfychatops.cloudify.MaintenanceState;
import io.cfychatops.cloudify.ManagerStatus;
import io.cfychatops.cloudify.RestoreStatus;
import io.cfychatops.cloudify.Snapshot;
import io.cfychatops.cloudify.VersionInfo;
import io.cfychatops.command.SnapshotCommand;
import io.cfychatops.text.Truncate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Read-only commands: they call the manager and answer with one message. */
final class Queries {
  /** Rows per chat page; a "Next page" button asks for the following ones. */
  static final int PAGE_ROWS = 25;

  private Queries() {}

  static Message snapshotsList(String manager, CloudifyClient client, SnapshotCommand.List c, String globalsSuffix) {
    ListQuery.Builder q = ListQuery.builder().allTenants(c.allTenants());
    if (c.descending()) {
      q.sortDescending(c.sortBy());
    } else {
      q.sortAscending(c.sortBy());
    }
    if (c.search() != null) {
      q.search(c.search());
    }
    int shown = Math.min(c.size(), PAGE_ROWS);
    ListResult<Snapshot> res = client.listSnapshots(q.limit(c.offset() + shown).build());
    var items = res.items().stream().skip(c.offset()).limit(shown).toList();
    Message.Builder m =
        Message.builder(Status.INFO, "Snapshots on " + manager)
            .context(
                items.isEmpty()
                    ? "Showing 0 of " + res.total()
                    : "Showing " + (c.offset() + 1) + "–" + (c.offset() + items.size()) + " of " + res.total()
                        + ", sorted by " + c.sortBy() + (c.descending() ? " (descending)" : ""));
    if (items.isEmpty()) {
      m.line(c.search() == null ? "No snapshots yet. Create one with `/cfy snapshots create`." : "No snapshot id contains `" + c.search() + "`.");
    }
    for (Snapshot s : items) {
      m.row(row(s));
    }
    long next = (long) c.offset() + items.size();
    if (next < res.total() && items.size() == shown) {
      SnapshotCommand.List more =
          new SnapshotCommand.List(c.sortBy(), c.descending(), c.search(), (int) next, c.size(), c.allTenants());
      m.nextPage(Button.of("Next page", "page.next", (more.canonical() + globalsSuffix).replaceFirst("^cfy ", "")));
    }
    return m.build();
  }

  static String row(Snapshot s) {
    String when = s.createdAt() == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(s.createdAt().truncatedTo(ChronoUnit.SECONDS));
    String err = s.error().isBlank() ? "" : "  error: " + Truncate.oneLine(s.error(), 120);
    return s.id() + "  " + s.status().name().toLowerCase() + "  " + when + "  " + (s.createdBy() == null ? "" : s.createdBy()) + err;
  }

  static Message snapshotsStatus(String manager, CloudifyClient client) {
    RestoreStatus st = client.snapshotStatus();
    return st == RestoreStatus.RUNNING
        ? Message.builder(Status.RUNNING, "Snapshot restore in progress on " + manager)
            .line("This may take a while, depending on the snapshot size.")
            .build()
        : Message.text(Status.OK, "No snapshot restore is running on " + manager);
  }

  static Message maintenanceStatus(String manager, CloudifyClient client) {
    MaintenanceState st = client.getMaintenance();
    Status s =
        switch (st.status()) {
          case ACTIVATED -> Status.WARNING;
          case ACTIVATING -> Status.RUNNING;
          default -> Status.OK;
        };
    Message.Builder m =
        Message.builder(s, "Maintenance mode on " + manager + ": " + st.status().name().toLowerCase());
    if (st.requestedBy() != null && !st.requestedBy().isBlank()) {
      m.field("Requested by", st.requestedBy());
    }
    if (st.activationRequestedAt() != null) {
      m.field("Requested at", st.activationRequestedAt());
    }
    if (st.activatedAt() != null) {
      m.field("Activated at", st.activatedAt());
    }
    var unfinished = st.unfinishedExecutions();
    if (!unfinished.isEmpty()) {
      m.line("The manager currently has " + unfinished.size()
          + " running or pending executions; maintenance mode activates when they end:");
      unfinished.forEach(e -> m.row(e.id() + "  " + e.workflowId() + "  " + e.status().name().toLowerCase()));
    }
    return m.build();
  }

  static Message status(String manager, CloudifyClient client) {
    ManagerStatus st = client.status();
    VersionInfo v = client.version();
    Message.Builder m =
        Message.builder(st.isHealthy() ? Status.OK : Status.FAILED, "Manager " + manager + ": " + st.status().name())
            .field("Version", v.version() + " (" + v.edition() + ")");
    for (Map.Entry<String, Boolean> e : st.services().entrySet()) {
      m.row((e.getValue() ? "active    " : "INACTIVE  ") + e.getKey());
    }
    return m.build();
  }
}
