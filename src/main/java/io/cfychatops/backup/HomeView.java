package io.cfychatops.backup;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * App Home content: one message per manager with its version, maintenance state, newest verified
 * backup and its age, running operations and pending approvals. The composition root supplies the
 * plain inputs; this class only renders.
 *
 * <pre>{@code
 * List<Message> home = HomeView.builder(clock.instant(), Duration.ofHours(26))
 *     .manager(new HomeView.ManagerHome("default", "7.0.4", "deactivated",
 *         catalog.newestVerified("default").orElse(null), List.of("restore nightly-… (step 3/6)"),
 *         List.of("delete pre-upgrade, asked by @ann")))
 *     .build();
 * }</pre>
 */
public final class HomeView {

  /**
   * Plain inputs for one manager; null version/maintenance render as "unknown".
   *
   * @param runningOperations one short line per running operation
   * @param pendingApprovals one short line per pending approval
   */
  public record ManagerHome(String manager, String version, String maintenance,
      CatalogEntry newestVerified, List<String> runningOperations, List<String> pendingApprovals) {
    public ManagerHome {
      Objects.requireNonNull(manager, "manager");
      runningOperations = List.copyOf(runningOperations == null ? List.of() : runningOperations);
      pendingApprovals = List.copyOf(pendingApprovals == null ? List.of() : pendingApprovals);
    }
  }

  private final Instant now;
  private final Duration maxAge;
  private final List<ManagerHome> managers = new ArrayList<>();

  private HomeView(Instant now, Duration maxAge) {
    this.now = Objects.requireNonNull(now, "now");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
  }

  /** {@code maxAge} is the dead-man age: older newest copies render as a warning. */
  public static HomeView builder(Instant now, Duration maxAge) {
    return new HomeView(now, maxAge);
  }

  public HomeView manager(ManagerHome m) {
    managers.add(Objects.requireNonNull(m));
    return this;
  }

  /** A header message followed by one message per manager. */
  public List<Message> build() {
    List<Message> out = new ArrayList<>();
    out.add(Message.builder(Status.INFO, "Cloudify managers")
        .context("Updated " + now + ". RPO = age of the newest verified backup.")
        .build());
    for (ManagerHome m : managers) {
      out.add(render(m));
    }
    return out;
  }

  /**
   * The whole App Home as one message: the header, then per manager a block of rows (status line,
   * newest verified backup, each running operation, each pending approval) kept together, so a
   * transport that shows one message per view loses nothing and mixes no two managers' fields.
   */
  public Message page() {
    Message.Builder b = Message.builder(Status.INFO, "Cloudify managers")
        .context("Updated " + now + ". RPO = age of the newest verified backup.");
    if (managers.isEmpty()) {
      b.line("No manager to show.");
    }
    for (ManagerHome m : managers) {
      Message one = render(m);
      b.row(one.status().tag() + " " + m.manager() + " — version " + value(one, "Version") + " · maintenance "
          + value(one, "Maintenance"));
      String newest = value(one, "Newest verified backup");
      b.row("    newest verified backup: " + newest
          + (m.newestVerified() == null ? "" : " (age " + value(one, "Backup age (RPO)") + ")"));
      b.row("    running operations: " + value(one, "Running operations"));
      m.runningOperations().forEach(o -> b.row("    ▶ " + o));
      b.row("    pending approvals: " + value(one, "Pending approvals"));
      m.pendingApprovals().forEach(a -> b.row("    ✋ " + a));
    }
    return b.build();
  }

  private static String value(Message m, String label) {
    return m.fields().stream().filter(f -> f.label().equals(label)).map(f -> String.valueOf(f.value()))
        .findFirst().orElse("");
  }

  private Message render(ManagerHome m) {
    Duration age = m.newestVerified() == null ? null
        : Duration.between(m.newestVerified().createdAt(), now);
    boolean stale = age == null || age.compareTo(maxAge) > 0;
    boolean maintenance = m.maintenance() != null && !m.maintenance().equals("deactivated");
    Status status = stale ? Status.WARNING : !m.runningOperations().isEmpty() ? Status.RUNNING
        : Status.OK;
    Message.Builder b = Message.builder(status, m.manager());
    b.field("Version", m.version() == null ? "unknown" : m.version());
    b.field("Maintenance", m.maintenance() == null ? "unknown"
        : m.maintenance() + (maintenance ? " ⚠" : ""));
    if (m.newestVerified() == null) {
      b.field("Newest verified backup", "none");
    } else {
      b.code("Newest verified backup", m.newestVerified().snapshotId());
      b.field("Backup age (RPO)", Durations.format(age) + (stale ? " ⚠ over "
          + Durations.format(maxAge) : ""));
    }
    b.field("Running operations", m.runningOperations().isEmpty() ? "none"
        : String.valueOf(m.runningOperations().size()));
    m.runningOperations().forEach(o -> b.row("▶ " + o));
    b.field("Pending approvals", m.pendingApprovals().isEmpty() ? "none"
        : String.valueOf(m.pendingApprovals().size()));
    m.pendingApprovals().forEach(a -> b.row("✋ " + a));
    return b.build();
  }
}
