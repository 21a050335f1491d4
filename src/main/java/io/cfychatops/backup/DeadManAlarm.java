package io.cfychatops.backup;

import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.ScheduledMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-man alarm Slack posts for us: per manager, one message scheduled with the chat transport
 * ({@code chat.scheduleMessage}) in the reports channel, {@code dead_man_after} after the manager's
 * newest verified copy. Each verified copy moves it on ({@link #onVerified}); if the bot or its
 * host dies, nobody moves it and Slack posts it on time. The text is the dead-man alert's ({@link
 * BackupMessages#deadManAlarm}), with a fixed marker ({@link #marker}) by which the alarm is found
 * again in Slack's list of scheduled messages; no {@code metadata} is attached (Slack drops
 * scheduled messages that carry it).
 *
 * <p><b>Exactly one per manager.</b> The alarm's id lives in a {@link DeadManAlarmStore} shared by
 * all replicas; a replacement is "schedule the new one → compare-and-set it into the store → delete
 * the old one". A process that loses the compare-and-set deletes the message it has just scheduled.
 * That order is the crash-safe one: a crash between the steps leaves at worst a second alarm
 * (removed by the next {@link #reconcile}) and never none, whereas "delete, then schedule" leaves
 * no alarm at all if the process dies in between — the very case the alarm exists for. A store
 * failure after scheduling deletes nothing either (the new id may have been stored).
 *
 * <p><b>With the live check.</b> While the bot lives, {@link DeadManCheck} posts the alerts (it
 * knows the current state and repeats every {@link DeadManCheck#repeatEvery()}); Slack must not
 * post the same alert again. So {@link #tick()}, run right after each live check, moves an alarm
 * that is due within {@link #lead()} further ahead: to one repeat interval after the live check's
 * last alert of that manager (the alarm then stands in for the repeat a dead bot cannot post), or,
 * before the live check has alerted, by {@link #hop()}. A bot that dies while its manager is
 * overdue is therefore followed by Slack's alarm at the latest one repeat interval after the last
 * live alert (or one hop after it died, if it died just before the first one).
 *
 * <p><b>Slack's limits.</b> An alarm is at most {@link #MAX_AHEAD} ahead (Slack: 120 days); a later
 * time is clamped, and the alarm is moved on as it nears. At most {@link #BUDGET} messages are
 * scheduled per {@link #BUDGET_WINDOW} by this process (Slack allows 30 per 5 minutes per channel);
 * what does not fit, or meets a rate limit, waits for the next {@link #tick()}: nothing here
 * retries in a loop.
 *
 * <p>No method throws: failures are logged, and the next {@link #tick()} (or {@link #reconcile()})
 * brings Slack and the store back to the wanted state. Thread-safe; calls for one manager are
 * serialised. Time comes from the injected {@link Clock}.
 */
public final class DeadManAlarm {
  private static final Logger log = LoggerFactory.getLogger(DeadManAlarm.class);

  /** Slack schedules at most 120 days ahead; an hour less leaves room for clock skew. */
  public static final Duration MAX_AHEAD = Duration.ofDays(120).minusHours(1);

  /** Messages this process schedules per {@link #BUDGET_WINDOW} (Slack: 30 per channel). */
  public static final int BUDGET = 20;

  public static final Duration BUDGET_WINDOW = Duration.ofMinutes(5);

  /** A listed message of ours younger than this may be another replica's replacement in flight. */
  public static final Duration ORPHAN_GRACE = Duration.ofMinutes(2);

  /** {@link #tick()} lists Slack's scheduled messages again after this. */
  public static final Duration RECONCILE_EVERY = Duration.ofMinutes(10);

  /** Snooze interval when there is no live check to align with. */
  public static final Duration DEFAULT_REPEAT = Duration.ofHours(6);

  private static final String MARKER_PREFIX = "cfy-chatops-dead-man-alarm:";
  private static final Pattern MARKER =
      Pattern.compile(Pattern.quote(MARKER_PREFIX) + "([A-Za-z][A-Za-z0-9._-]{0,255})");

  /** What one attempt to bring a manager's alarm to its wanted state did. */
  public enum Outcome {
    /** The alarm was already as wanted. */
    UNCHANGED,
    /** A new alarm was scheduled and stored (the old one, if any, deleted or queued for it). */
    SCHEDULED,
    /** Another process stored its alarm first; ours was deleted again. */
    LOST,
    /** Over the scheduling budget or rate limited: the next tick tries again. */
    DEFERRED,
    /** Scheduling or storing failed (logged); the next tick tries again. */
    FAILED,
    /** The chat transport cannot schedule messages: the alarm is off. */
    OFF;
  }

  /** What {@link #reconcile()} found and did. */
  public record Reconciliation(
      int listed,
      int recreated,
      int orphansDeleted,
      int unconfiguredRemoved,
      Map<String, Outcome> outcomes) {}

  private final BackupConfig config;
  private final BackupCatalog catalog;
  private final DeadManAlarmStore store;
  private final ChatPort chat;
  private final Clock clock;
  private final DeadManCheck liveCheck;
  private final Duration lead;
  private final Duration hop;
  private final String owner;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final ReentrantLock reconciling = new ReentrantLock();
  private final AlarmScheduleBudget budget = new AlarmScheduleBudget();
  private final AlarmDeletes deletes;
  private final AlarmPlanner planner;
  private final AlarmReconciler reconciler;
  private volatile Instant lastReconcile;
  private volatile boolean off;

  private DeadManAlarm(Builder b) {
    this.config = Objects.requireNonNull(b.config, "config");
    this.catalog = Objects.requireNonNull(b.catalog, "catalog");
    this.store = Objects.requireNonNull(b.store, "store");
    this.chat = Objects.requireNonNull(b.chat, "chat");
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.liveCheck = b.liveCheck;
    Duration every = Objects.requireNonNull(b.checkEvery, "checkEvery");
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("checkEvery must be positive, was " + every);
    }
    this.lead = every.multipliedBy(2).plusMinutes(1);
    this.hop = lead.multipliedBy(2);
    this.owner = b.owner == null ? "cfy-chatops" : b.owner;
    this.deletes = new AlarmDeletes(chat, clock, budget);
    this.planner = new AlarmPlanner(config, liveCheck, lead, hop);
    this.reconciler = new AlarmReconciler(this, config, store, chat, deletes);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The text that marks an alarm of {@code manager} as ours (its context line). */
  public static String marker(String manager) {
    return MARKER_PREFIX + manager;
  }

  /** The manager named by our marker in {@code text}, if any. */
  public static Optional<String> markedManager(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = MARKER.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** While the bot lives, an alarm due sooner than this is moved further ahead. */
  public Duration lead() {
    return lead;
  }

  /** How far an alarm is moved before the live check has posted its alert. */
  public Duration hop() {
    return hop;
  }

  /**
   * The hook: a copy of {@code manager} was verified at {@code verifiedAt} (and is in the catalog).
   * Schedules the alarm {@code dead_man_after} after the newest verified copy and deletes the
   * previous one. Never throws; what fails is retried by {@link #tick()}.
   */
  public Outcome onVerified(String manager, Instant verifiedAt) {
    Outcome o = ensureQuietly(manager, verifiedAt, false);
    if (o == Outcome.LOST) {
      // the winner may have stored an older copy's alarm: look once more (bounded)
      o = ensureQuietly(manager, verifiedAt, false);
    }
    return o;
  }

  /**
   * Run periodically, right after the live check: retries failed deletes, schedules what is missing
   * or stale, moves alarms due within {@link #lead()} ahead, and every {@link #RECONCILE_EVERY}
   * runs {@link #reconcile()}.
   */
  public void tick() {
    if (off) {
      return;
    }
    deletes.retry();
    Instant last = lastReconcile;
    if (last == null || !clock.instant().isBefore(last.plus(RECONCILE_EVERY))) {
      reconcile();
      return;
    }
    for (String m : config.schedules().keySet()) {
      ensureQuietly(m, null, false);
    }
  }

  /**
   * Makes Slack agree with the store; run at start-up (and by {@link #tick()}). Lists the scheduled
   * messages of the reports channel (and of every channel a stored alarm is in); deletes our marked
   * messages for configured managers that are not the stored alarm and older than {@link
   * #ORPHAN_GRACE}; re-creates stored alarms Slack no longer has (posted while the bot was down, or
   * deleted by hand) and every alarm that is missing or stale; deletes the alarms (and rows) of
   * managers no longer configured. Our marked messages of other managers are left alone. A call
   * while another reconcile of this instance runs returns at once (nothing done).
   */
  public Reconciliation reconcile() {
    if (off || !reconciling.tryLock()) {
      return new Reconciliation(0, 0, 0, 0, Map.of()); // off, or the same pass is running already
    }
    try {
      Instant now = clock.instant();
      lastReconcile = now;
      return reconciler.run(now);
    } finally {
      reconciling.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------

  Outcome ensureQuietly(String manager, Instant verifiedAt, boolean missing) {
    if (off) {
      return Outcome.OFF;
    }
    ReentrantLock lock = lock(manager);
    lock.lock();
    try {
      return ensure(manager, verifiedAt, missing);
    } catch (RuntimeException e) {
      log.warn("Dead-man alarm of {}: {}; the next pass tries again", manager, e.toString());
      return Outcome.FAILED;
    } finally {
      lock.unlock();
    }
  }

  private Outcome ensure(String manager, Instant verifiedAt, boolean missing) {
    Instant now = clock.instant();
    DeadManAlarmStore.Alarm cur = store.find(manager).orElse(null);
    Optional<CatalogEntry> newest = catalog.newestVerified(manager);
    Instant basis = AlarmPlanner.basis(newest, verifiedAt);
    AlarmPlanner.Plan plan = planner.plan(manager, cur, basis, missing, now);
    if (plan == null) {
      return Outcome.UNCHANGED;
    }
    if (!budget.take(now)) {
      log.info(
          "Dead-man alarm of {} waits ({}): scheduling budget used up until {}",
          manager,
          plan.why(),
          budget.blockedUntil().isAfter(now) ? budget.blockedUntil() : "the window moves");
      return Outcome.DEFERRED;
    }
    Message text =
        BackupMessages.deadManAlarm(
            alert(manager, newest, plan.postAt()), config.onCallHandle(), marker(manager));
    ScheduledMessage sent;
    try {
      sent = chat.scheduleMessage(config.reportsChannel(), text, plan.postAt());
    } catch (ChatException e) {
      if (turnOffIfUnsupported(e)) {
        return Outcome.OFF;
      }
      if (AlarmScheduleBudget.isRateLimit(e)) {
        budget.block(now, e);
        log.warn(
            "Dead-man alarm of {} not scheduled: {}; the next tick tries again",
            manager,
            e.getMessage());
        return Outcome.DEFERRED;
      }
      log.warn(
          "Dead-man alarm of {} not scheduled ({}): {}; the next tick tries again",
          manager,
          plan.why(),
          e.getMessage());
      return Outcome.FAILED;
    }
    DeadManAlarmStore.Alarm next =
        new DeadManAlarmStore.Alarm(
            manager,
            config.reportsChannel(),
            sent.channel(),
            sent.id(),
            sent.postAt(),
            plan.basis(),
            0,
            now,
            owner);
    Optional<DeadManAlarmStore.Alarm> won;
    try {
      won = store.compareAndSet(cur == null ? 0 : cur.version(), next);
    } catch (RuntimeException e) {
      // unknown whether it was stored: delete nothing (two alarms until reconciled, never none)
      log.error(
          "Dead-man alarm {} of {} scheduled but not recorded ({}); keeping both it and the old one"
              + " until the next reconcile",
          sent.id(),
          manager,
          e.getMessage());
      return Outcome.FAILED;
    }
    if (won.isEmpty()) {
      log.info(
          "Dead-man alarm of {}: another instance stored its alarm first; deleting ours ({})",
          manager,
          sent.id());
      deletes.delete(manager, sent.channel(), sent.id(), sent.postAt(), "lost the race");
      return Outcome.LOST;
    }
    log.info(
        "Dead-man alarm of {} scheduled for {} in {} ({}, {})",
        manager,
        sent.postAt(),
        sent.channel(),
        sent.id(),
        plan.why());
    if (cur != null && !cur.scheduledMessageId().equals(sent.id())) {
      // also when it seemed missing: a listing can miss an id another replica stored meanwhile
      deletes.delete(
          manager,
          cur.channelId(),
          cur.scheduledMessageId(),
          cur.postAt(),
          missing ? "re-created" : "replaced");
    }
    return Outcome.SCHEDULED;
  }

  private DeadManCheck.Alert alert(String manager, Optional<CatalogEntry> newest, Instant postAt) {
    return newest
        .map(
            c ->
                new DeadManCheck.Alert(
                    manager, c, Duration.between(c.createdAt(), postAt), config.deadManAge()))
        .orElseGet(() -> new DeadManCheck.Alert(manager, null, null, config.deadManAge()));
  }

  ReentrantLock lock(String manager) {
    return locks.computeIfAbsent(manager, m -> new ReentrantLock());
  }

  boolean turnOffIfUnsupported(ChatException e) {
    if (!"not_supported".equals(e.code())) {
      return false;
    }
    if (!off) {
      off = true;
      log.info(
          "The chat transport cannot schedule messages: the dead-man alarm is off (the live dead-man"
              + " check still runs)");
    }
    return true;
  }

  /** Collects the alarm's collaborators; config, catalog, store, chat and checkEvery are needed. */
  public static final class Builder {
    private BackupConfig config;
    private BackupCatalog catalog;
    private DeadManAlarmStore store;
    private ChatPort chat;
    private Clock clock;
    private DeadManCheck liveCheck;
    private Duration checkEvery;
    private String owner;

    private Builder() {}

    /** Managers, reports channel, on-call group and {@code dead_man_after}. */
    public Builder config(BackupConfig c) {
      this.config = c;
      return this;
    }

    public Builder catalog(BackupCatalog c) {
      this.catalog = c;
      return this;
    }

    public Builder store(DeadManAlarmStore s) {
      this.store = s;
      return this;
    }

    public Builder chat(ChatPort c) {
      this.chat = c;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    /** The in-process check whose alerts the alarm must not repeat while the bot lives. */
    public Builder liveCheck(DeadManCheck c) {
      this.liveCheck = c;
      return this;
    }

    /** How often {@link #tick()} runs (the dead-man task's interval); sets {@link #lead()}. */
    public Builder checkEvery(Duration d) {
      this.checkEvery = d;
      return this;
    }

    /** This instance's name, stored with each alarm. */
    public Builder owner(String o) {
      this.owner = o;
      return this;
    }

    public DeadManAlarm build() {
      return new DeadManAlarm(this);
    }
  }
}
