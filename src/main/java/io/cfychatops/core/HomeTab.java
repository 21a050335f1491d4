package io.cfychatops.core;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cfychatops.access.AccessControl;
import io.cfychatops.access.GroupLookupException;
import io.cfychatops.access.Role;
import io.cfychatops.approvals.ApprovalService;
import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.backup.NightlyService;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The App Home tab of one user: the managers that user may view (viewer role or better) and nothing
 * of the others, each with its version and maintenance state, newest verified backup and its age
 * (the RPO; older than the dead-man age is a warning), running operations and pending approvals;
 * with off-site copies configured, the off-site target's self-test result.
 *
 * <p>Version and maintenance state come from the manager and are cached per manager for {@link
 * #STATUS_TTL} (also when the manager did not answer), so opening the tab again and again, by one
 * user or many, costs at most two REST calls per manager every 30 s. Thread-safe.
 */
public final class HomeTab implements AppHome {
  /** How long a manager's version and maintenance state are reused. */
  static final Duration STATUS_TTL = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(HomeTab.class);

  /** What the tab shows of a manager's own state. */
  record ManagerState(String version, String maintenance) {
    static final ManagerState UNREACHABLE = new ManagerState("unreachable", "unknown");
  }

  /**
   * Plain inputs for one manager; null version/maintenance render as "unknown".
   *
   * @param newestVerified null: no verified backup on record
   * @param runningOperations one short line per running operation
   * @param pendingApprovals one short line per pending approval
   */
  record ManagerHome(
      String manager,
      String version,
      String maintenance,
      CatalogEntry newestVerified,
      List<String> runningOperations,
      List<String> pendingApprovals,
      String drill) {
    ManagerHome {
      Objects.requireNonNull(manager, "manager");
      runningOperations = List.copyOf(runningOperations == null ? List.of() : runningOperations);
      pendingApprovals = List.copyOf(pendingApprovals == null ? List.of() : pendingApprovals);
    }

    /** A manager with no restore drill. */
    ManagerHome(
        String manager,
        String version,
        String maintenance,
        CatalogEntry newestVerified,
        List<String> runningOperations,
        List<String> pendingApprovals) {
      this(
          manager, version, maintenance, newestVerified, runningOperations, pendingApprovals, null);
    }
  }

  private final Managers managers;
  private final AccessControl access;
  private final OperationEngine engine;
  private final ApprovalService approvals;
  private final NightlyService nightly;
  private final io.cfychatops.drill.DrillService drills;
  private final Clock clock;
  private final Duration deadManAfter;
  private final LoadingCache<String, ManagerState> states;

  /**
   * The status cache's time follows {@code s.clock()}, so tests that move the bot's clock move the
   * cache too.
   *
   * @param deadManAfter the age from which the newest verified backup is shown as too old
   */
  public HomeTab(CoreServices s, Duration deadManAfter) {
    this.managers = s.managers();
    this.access = s.access();
    this.engine = s.engine();
    this.approvals = s.approvals();
    this.nightly = s.nightly();
    this.drills = s.drills();
    this.clock = s.clock();
    this.deadManAfter = Objects.requireNonNull(deadManAfter);
    Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    this.states =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(STATUS_TTL)
            .maximumSize(1_000)
            .build(this::probe);
  }

  /** The tab for {@code userId}. */
  @Override
  public Message home(String userId) {
    List<String> visible;
    try {
      visible = access.managers(userId, Role.VIEWER, managers.names());
    } catch (GroupLookupException e) {
      return Message.text(Status.WARNING, e.getMessage());
    }
    if (visible.isEmpty()) {
      return Message.builder(Status.INFO, "cfy-chatops")
          .line(access.refusalOnEveryManager(userId, Role.VIEWER, "see managers here"))
          .line("`/cfy help` lists the commands.")
          .build();
    }
    var running =
        engine.recent(50).stream()
            .filter(op -> !op.status().isFinal() && visible.contains(op.manager()))
            .toList();
    var pending = approvals.pending().stream().filter(a -> visible.contains(a.manager())).toList();
    var backups = nightly.status().only(visible).managers();
    List<ManagerHome> homes = new ArrayList<>();
    for (String m : visible) {
      ManagerState state = states.get(m);
      homes.add(
          new ManagerHome(
              m,
              state.version(),
              state.maintenance(),
              backups.stream()
                  .filter(x -> x.manager().equals(m))
                  .findFirst()
                  .map(x -> x.newestVerified())
                  .orElse(null),
              running.stream()
                  .filter(op -> op.manager().equals(m))
                  .map(op -> op.id() + " " + op.kind().label())
                  .toList(),
              pending.stream()
                  .filter(a -> a.manager().equals(m))
                  .map(a -> a.id() + " " + Redactor.forDisplay(a.commandText()))
                  .toList(),
              drills == null || drills.config(m).isEmpty()
                  ? null
                  : io.cfychatops.drill.DrillReport.summary(
                      drills.latest(m).orElse(null), clock.instant())));
    }
    Message page = page(clock.instant(), deadManAfter, homes);
    // the off-site target's start-up self-test: ready, or which check failed and why
    return nightly
        .offsite()
        .map(o -> page.toBuilder().context(o.statusLine()).build())
        .orElse(page);
  }

  private ManagerState probe(String manager) {
    try {
      var port = managers.port();
      return new ManagerState(port.version(manager), port.getMaintenance(manager).status());
    } catch (RuntimeException e) {
      log.debug("home: {} unreachable: {}", manager, e.toString());
      return ManagerState.UNREACHABLE;
    }
  }

  /**
   * The whole tab as one message: the header, then per manager a block of rows (status line, newest
   * verified backup, each running operation, each pending approval) kept together, so a transport
   * that shows one message per view loses nothing and mixes no two managers' fields.
   *
   * @param maxAge the dead-man age: older newest copies render as a warning
   */
  static Message page(Instant now, Duration maxAge, List<ManagerHome> managers) {
    Message.Builder b =
        Message.builder(Status.INFO, "Cloudify managers")
            .context("Updated " + now + ". RPO = age of the newest verified backup.");
    if (managers.isEmpty()) {
      b.line("No manager to show.");
    }
    for (ManagerHome m : managers) {
      Message one = card(now, maxAge, m);
      b.row(
          one.status().tag()
              + " "
              + m.manager()
              + " — version "
              + value(one, "Version")
              + " · maintenance "
              + value(one, "Maintenance"));
      String newest = value(one, "Newest verified backup");
      b.row(
          "    newest verified backup: "
              + newest
              + (m.newestVerified() == null
                  ? ""
                  : " (age " + value(one, "Backup age (RPO)") + ")"));
      b.row("    running operations: " + value(one, "Running operations"));
      m.runningOperations().forEach(o -> b.row("    ▶ " + o));
      b.row("    pending approvals: " + value(one, "Pending approvals"));
      if (m.drill() != null) {
        b.row("    newest restore drill: " + m.drill());
      }
      m.pendingApprovals().forEach(a -> b.row("    ✋ " + a));
    }
    return b.build();
  }

  private static String value(Message m, String label) {
    return m.fields().stream()
        .filter(f -> f.label().equals(label))
        .map(f -> String.valueOf(f.value()))
        .findFirst()
        .orElse("");
  }

  /** One manager as a message of its own: status, fields, and a row per operation and approval. */
  static Message card(Instant now, Duration maxAge, ManagerHome m) {
    Duration age =
        m.newestVerified() == null ? null : Duration.between(m.newestVerified().createdAt(), now);
    boolean stale = age == null || age.compareTo(maxAge) > 0;
    boolean maintenance = m.maintenance() != null && !m.maintenance().equals("deactivated");
    Status status =
        stale ? Status.WARNING : !m.runningOperations().isEmpty() ? Status.RUNNING : Status.OK;
    Message.Builder b = Message.builder(status, m.manager());
    b.field("Version", m.version() == null ? "unknown" : m.version());
    b.field(
        "Maintenance",
        m.maintenance() == null ? "unknown" : m.maintenance() + (maintenance ? " ⚠" : ""));
    if (m.newestVerified() == null) {
      b.field("Newest verified backup", "none");
    } else {
      b.code("Newest verified backup", m.newestVerified().snapshotId());
      b.field(
          "Backup age (RPO)",
          Durations.format(age) + (stale ? " ⚠ over " + Durations.format(maxAge) : ""));
    }
    b.field(
        "Running operations",
        m.runningOperations().isEmpty() ? "none" : String.valueOf(m.runningOperations().size()));
    m.runningOperations().forEach(o -> b.row("▶ " + o));
    b.field(
        "Pending approvals",
        m.pendingApprovals().isEmpty() ? "none" : String.valueOf(m.pendingApprovals().size()));
    m.pendingApprovals().forEach(a -> b.row("✋ " + a));
    if (m.drill() != null) {
      b.field("Newest restore drill", m.drill());
    }
    return b.build();
  }
}
