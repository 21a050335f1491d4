package io.cfychatops.app;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cfychatops.access.AccessControl;
import io.cfychatops.access.GroupLookupException;
import io.cfychatops.access.Role;
import io.cfychatops.approvals.ApprovalService;
import io.cfychatops.backup.HomeView;
import io.cfychatops.backup.NightlyService;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Redactor;
import io.cfychatops.core.Managers;
import io.cfychatops.ops.OperationEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The App Home tab of one user: the managers that user may view (viewer role or better) and
 * nothing of the others, each with its version and maintenance state, newest verified backup,
 * running operations and pending approvals.
 *
 * <p>Version and maintenance state come from the manager and are cached per manager for {@link
 * #STATUS_TTL} (also when the manager did not answer), so opening the tab again and again, by one
 * user or many, costs at most two REST calls per manager every 30 s. Thread-safe.
 */
final class AppHome {
  /** How long a manager's version and maintenance state are reused. */
  static final Duration STATUS_TTL = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(AppHome.class);

  /** What the tab shows of a manager's own state. */
  record ManagerState(String version, String maintenance) {
    static final ManagerState UNREACHABLE = new ManagerState("unreachable", "unknown");
  }

  private final Managers managers;
  private final AccessControl access;
  private final OperationEngine engine;
  private final ApprovalService approvals;
  private final NightlyService nightly;
  private final Clock clock;
  private final Duration deadManAfter;
  private final LoadingCache<String, ManagerState> states;

  /** @param ticker the status cache's time source (the bot passes one that follows its clock) */
  AppHome(Managers managers, AccessControl access, OperationEngine engine, ApprovalService approvals,
      NightlyService nightly, Clock clock, Duration deadManAfter, Ticker ticker) {
    this.managers = Objects.requireNonNull(managers);
    this.access = Objects.requireNonNull(access);
    this.engine = Objects.requireNonNull(engine);
    this.approvals = Objects.requireNonNull(approvals);
    this.nightly = Objects.requireNonNull(nightly);
    this.clock = Objects.requireNonNull(clock);
    this.deadManAfter = Objects.requireNonNull(deadManAfter);
    this.states = Caffeine.newBuilder()
        .ticker(ticker)
        .expireAfterWrite(STATUS_TTL)
        .maximumSize(1_000)
        .build(this::probe);
  }

  /** A ticker that follows {@code clock}, so tests that move the bot's clock move the cache too. */
  static Ticker tickerOf(Clock clock) {
    return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
  }

  /** The tab for {@code userId}. */
  Message render(String userId) {
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
    HomeView view = HomeView.builder(clock.instant(), deadManAfter);
    var running = engine.recent(50).stream()
        .filter(op -> !op.status().isFinal() && visible.contains(op.manager())).toList();
    var pending = approvals.pending().stream().filter(a -> visible.contains(a.manager())).toList();
    var backups = nightly.status().only(visible).managers();
    for (String m : visible) {
      ManagerState state = states.get(m);
      view.manager(new HomeView.ManagerHome(m, state.version(), state.maintenance(),
          backups.stream().filter(x -> x.manager().equals(m)).findFirst().map(x -> x.newestVerified()).orElse(null),
          running.stream().filter(op -> op.manager().equals(m)).map(op -> op.id() + " " + op.kind().label()).toList(),
          pending.stream().filter(a -> a.manager().equals(m))
              .map(a -> a.id() + " " + Redactor.forDisplay(a.commandText())).toList()));
    }
    return view.page();
  }

  private ManagerState probe(String manager) {
    try {
      var client = managers.client(manager).orElseThrow();
      return new ManagerState(client.version().version(), client.getMaintenance().status().name().toLowerCase());
    } catch (RuntimeException e) {
      log.debug("home: {} unreachable: {}", manager, e.toString());
      return ManagerState.UNREACHABLE;
    }
  }
}
