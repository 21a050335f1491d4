package io.cfychatops.backup;

import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.ScheduledMessage;
import io.cfychatops.text.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-man alarm Slack posts for us: per manager, one message scheduled with the chat
 * transport ({@code chat.scheduleMessage}) in the reports channel, {@code dead_man_after} after the
 * manager's newest verified copy. Each verified copy moves it on ({@link #onVerified}); if the bot
 * or its host dies, nobody moves it and Slack posts it on time. The text is the dead-man alert's
 * ({@link BackupMessages#deadManAlarm}), with a fixed marker ({@link #marker}) by which the alarm is
 * found again in Slack's list of scheduled messages; no {@code metadata} is attached (Slack drops
 * scheduled messages that carry it).
 *
 * <p><b>Exactly one per manager.</b> The alarm's id lives in a {@link DeadManAlarmStore} shared by
 * all replicas; a replacement is "schedule the new one → compare-and-set it into the store →
 * delete the old one". A process that loses the compare-and-set deletes the message it has just
 * scheduled. That order is the crash-safe one: a crash between the steps leaves at worst a second
 * alarm (removed by the next {@link #reconcile}) and never none, whereas "delete, then schedule"
 * leaves no alarm at all if the process dies in between — the very case the alarm exists for. A
 * store failure after scheduling deletes nothing either (the new id may have been stored).
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
  private static final int MAX_PENDING_DELETES = 1_000;
  private static final int DELETE_ATTEMPTS = 5;

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
  public record Reconciliation(int listed, int recreated, int orphansDeleted, int unconfiguredRemoved,
      Map<String, Outcome> outcomes) {}

  private record PendingDelete(String channelId, String id, Instant postAt, int attempts) {}

  private record Plan(Instant postAt, Instant basis, String why) {}

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
  private final Map<String, PendingDelete> pendingDeletes = new ConcurrentHashMap<>();
  private final Deque<Instant> scheduledAt = new ArrayDeque<>();
  private Instant blockedUntil = Instant.MIN;
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
   * Run periodically, right after the live check: retries failed deletes, schedules what is
   * missing or stale, moves alarms due within {@link #lead()} ahead, and every {@link
   * #RECONCILE_EVERY} runs {@link #reconcile()}.
   */
  public void tick() {
    if (off) {
      return;
    }
    retryDeletes();
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
   * messages of the reports channel (and of every channel a stored alarm is in); deletes our
   * marked messages for configured managers that are not the stored alarm and older than {@link
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
      return reconcileNow();
    } finally {
      reconciling.unlock();
    }
  }

  private Reconciliation reconcileNow() {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    Instant now = clock.instant();
    lastReconcile = now;
    Set<String> configured = config.schedules().keySet();
    Set<String> channels = new LinkedHashSet<>();
    boolean reportsChannelKnown;
    try {
      List<DeadManAlarmStore.Alarm> before = store.all();
      before.forEach(a -> channels.add(a.channelId()));
      reportsChannelKnown = before.stream().anyMatch(a -> a.channel().equals(config.reportsChannel()));
    } catch (RuntimeException e) {
      log.warn("Dead-man alarm: cannot read the store ({}); reconciling later", e.getMessage());
      return new Reconciliation(0, 0, 0, 0, outcomes);
    }
    if (!reportsChannelKnown) {
      channels.add(config.reportsChannel()); // its id is not known yet (Slack may refuse a #name here)
    }
    Map<String, ScheduledMessage> listed = new LinkedHashMap<>();
    Set<String> listedChannels = new HashSet<>();
    for (String ch : channels) {
      try {
        for (ScheduledMessage m : chat.scheduledMessages(ch)) {
          listed.put(m.id(), m);
        }
        listedChannels.add(ch);
      } catch (ChatException e) {
        if (turnOffIfUnsupported(e)) {
          return new Reconciliation(0, 0, 0, 0, outcomes);
        }
        log.warn("Dead-man alarm: cannot list the scheduled messages of {}: {}", ch, e.getMessage());
      }
    }
    for (ScheduledMessage m : listed.values()) {
      listedChannels.add(m.channel());
    }

    // read after listing: an id stored by another replica since is then known and kept
    Map<String, DeadManAlarmStore.Alarm> stored = new HashMap<>();
    try {
      store.all().forEach(a -> stored.put(a.manager(), a));
    } catch (RuntimeException e) {
      log.warn("Dead-man alarm: cannot read the store ({}); reconciling later", e.getMessage());
      return new Reconciliation(listed.size(), 0, 0, 0, outcomes);
    }
    Set<String> storedIds = new HashSet<>();
    stored.values().forEach(a -> storedIds.add(a.scheduledMessageId()));

    int orphans = 0;
    for (ScheduledMessage m : listed.values()) {
      Optional<String> of = markedManager(m.text());
      if (of.isEmpty() || !configured.contains(of.get()) || storedIds.contains(m.id())) {
        continue;
      }
      if (m.createdAt() != null && m.createdAt().isAfter(now.minus(ORPHAN_GRACE))) {
        continue; // maybe another replica's new alarm, not yet stored: the next pass decides
      }
      if (deleteScheduled(of.get(), m.channel(), m.id(), m.postAt(), "orphan")) {
        orphans++;
      }
    }

    int unconfigured = 0;
    for (DeadManAlarmStore.Alarm a : stored.values()) {
      if (configured.contains(a.manager())) {
        continue;
      }
      ReentrantLock lock = lock(a.manager());
      lock.lock();
      try {
        deleteScheduled(a.manager(), a.channelId(), a.scheduledMessageId(), a.postAt(),
            "manager no longer configured");
        if (store.remove(a.manager(), a.version())) {
          unconfigured++;
        }
      } catch (RuntimeException e) {
        log.warn("Dead-man alarm: cannot remove the alarm of unconfigured manager {}: {}", a.manager(), e.getMessage());
      } finally {
        lock.unlock();
      }
    }

    int recreated = 0;
    for (String manager : configured) {
      DeadManAlarmStore.Alarm a = stored.get(manager);
      boolean missing = a != null && listedChannels.contains(a.channelId())
          && !listed.containsKey(a.scheduledMessageId());
      if (missing) {
        log.warn("The dead-man alarm {} of {} (due {}) is no longer scheduled in Slack: {}; scheduling the"
            + " next one", a.scheduledMessageId(), manager, a.postAt(), a.postAt().isAfter(now)
            ? "deleted by hand?" : "Slack posted it, the bot did not move it on in time");
      }
      Outcome o = ensureQuietly(manager, null, missing);
      if (missing && o == Outcome.SCHEDULED) {
        recreated++;
      }
      outcomes.put(manager, o);
    }
    log.info("Dead-man alarm reconciled: {} scheduled message(s) listed, {} re-created, {} orphan(s)"
        + " deleted, {} unconfigured removed", listed.size(), recreated, orphans, unconfigured);
    return new Reconciliation(listed.size(), recreated, orphans, unconfigured, outcomes);
  }

  // ---------------------------------------------------------------------------------------------

  private Outcome ensureQuietly(String manager, Instant verifiedAt, boolean missing) {
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
    Instant basis = basis(newest, verifiedAt);
    Plan plan = plan(manager, cur, basis, missing, now);
    if (plan == null) {
      return Outcome.UNCHANGED;
    }
    if (!takeBudget(now)) {
      log.info("Dead-man alarm of {} waits ({}): scheduling budget used up until {}", manager, plan.why(),
          blockedUntil.isAfter(now) ? blockedUntil : "the window moves");
      return Outcome.DEFERRED;
    }
    Message text = BackupMessages.deadManAlarm(alert(manager, newest, plan.postAt()), config.onCallHandle(),
        marker(manager));
    ScheduledMessage sent;
    try {
      sent = chat.scheduleMessage(config.reportsChannel(), text, plan.postAt());
    } catch (ChatException e) {
      if (turnOffIfUnsupported(e)) {
        return Outcome.OFF;
      }
      if (isRateLimit(e)) {
        block(now, e);
        log.warn("Dead-man alarm of {} not scheduled: {}; the next tick tries again", manager, e.getMessage());
        return Outcome.DEFERRED;
      }
      log.warn("Dead-man alarm of {} not scheduled ({}): {}; the next tick tries again", manager, plan.why(),
          e.getMessage());
      return Outcome.FAILED;
    }
    DeadManAlarmStore.Alarm next = new DeadManAlarmStore.Alarm(manager, config.reportsChannel(), sent.channel(),
        sent.id(), sent.postAt(), plan.basis(), 0, now, owner);
    Optional<DeadManAlarmStore.Alarm> won;
    try {
      won = store.compareAndSet(cur == null ? 0 : cur.version(), next);
    } catch (RuntimeException e) {
      // unknown whether it was stored: delete nothing (two alarms until reconciled, never none)
      log.error("Dead-man alarm {} of {} scheduled but not recorded ({}); keeping both it and the old one"
          + " until the next reconcile", sent.id(), manager, e.getMessage());
      return Outcome.FAILED;
    }
    if (won.isEmpty()) {
      log.info("Dead-man alarm of {}: another instance stored its alarm first; deleting ours ({})", manager,
          sent.id());
      deleteScheduled(manager, sent.channel(), sent.id(), sent.postAt(), "lost the race");
      return Outcome.LOST;
    }
    log.info("Dead-man alarm of {} scheduled for {} in {} ({}, {})", manager, sent.postAt(), sent.channel(),
        sent.id(), plan.why());
    if (cur != null && !cur.scheduledMessageId().equals(sent.id())) {
      // also when it seemed missing: a listing can miss an id another replica stored meanwhile
      deleteScheduled(manager, cur.channelId(), cur.scheduledMessageId(), cur.postAt(), missing ? "re-created" : "replaced");
    }
    return Outcome.SCHEDULED;
  }

  /** Null when the stored alarm is as wanted; else where the new one goes and why. */
  private Plan plan(String manager, DeadManAlarmStore.Alarm cur, Instant basis, boolean missing, Instant now) {
    String why;
    if (cur == null) {
      why = basis == null ? "first alarm, no verified copy yet" : "first alarm";
    } else if (missing) {
      why = "no longer scheduled in Slack";
    } else if (!cur.channel().equals(config.reportsChannel())) {
      why = "reports channel changed";
    } else if (basis != null && (cur.basis() == null || basis.isAfter(cur.basis()))) {
      why = "newer verified copy";
    } else if (cur.basis() != null && movedDeadline(cur, now)) {
      why = "not at basis + dead_man_after (setting changed, or clamped to 120 days before)";
    } else if (cur.postAt().isBefore(now.plus(lead))) {
      why = "due within " + Durations.format(lead) + " while the bot is alive";
    } else {
      return null;
    }
    Instant wanted = basis != null ? basis.plus(config.deadManAge())
        : cur != null ? cur.postAt() : now.plus(config.deadManAge());
    Instant at;
    if (!wanted.isBefore(now.plus(lead))) {
      at = wanted;
    } else {
      // overdue or nearly: the live check alerts while the bot lives; Slack stands in for its repeat
      Instant alerted = liveCheck == null ? null : liveCheck.lastAlerted(manager).orElse(null);
      Duration repeat = liveCheck == null ? DEFAULT_REPEAT : liveCheck.repeatEvery();
      Instant afterRepeat = alerted == null ? null : alerted.plus(repeat);
      at = afterRepeat != null && !afterRepeat.isBefore(now.plus(lead)) ? afterRepeat : now.plus(hop);
    }
    Instant max = now.plus(MAX_AHEAD);
    if (at.isAfter(max)) {
      log.info("Dead-man alarm of {} wanted at {}: clamped to {} (Slack schedules at most 120 days ahead;"
          + " it is moved on as that nears)", manager, at, max);
      at = max;
    }
    return new Plan(wholeSecondUp(at), basis, why);
  }

  /**
   * The stored alarm is not at basis + {@code dead_man_after} although that time is now within
   * reach (at least the lead ahead, at most {@link #MAX_AHEAD}): the setting changed, or the alarm
   * was clamped. Alarms moved ahead of an overdue deadline are not concerned (it is behind the lead).
   */
  private boolean movedDeadline(DeadManAlarmStore.Alarm cur, Instant now) {
    Instant due = wholeSecondUp(cur.basis().plus(config.deadManAge()));
    return !due.isBefore(now.plus(lead)) && !due.isAfter(now.plus(MAX_AHEAD)) && !due.equals(cur.postAt());
  }

  private static Instant basis(Optional<CatalogEntry> newest, Instant verifiedAt) {
    Instant b = newest.map(c -> c.verifiedAt() != null ? c.verifiedAt() : c.createdAt()).orElse(null);
    if (verifiedAt != null && (b == null || verifiedAt.isAfter(b))) {
      b = verifiedAt;
    }
    return b == null ? null : b.truncatedTo(ChronoUnit.MILLIS); // as stored
  }

  private DeadManCheck.Alert alert(String manager, Optional<CatalogEntry> newest, Instant postAt) {
    return newest.map(c -> new DeadManCheck.Alert(manager, c, Duration.between(c.createdAt(), postAt),
            config.deadManAge()))
        .orElseGet(() -> new DeadManCheck.Alert(manager, null, null, config.deadManAge()));
  }

  private static Instant wholeSecondUp(Instant t) {
    return t.getNano() == 0 ? t : Instant.ofEpochSecond(t.getEpochSecond() + 1);
  }

  /** Deletes one scheduled message; true when gone. A failure is queued for {@link #tick()}. */
  private boolean deleteScheduled(String manager, String channelId, String id, Instant postAt, String why) {
    try {
      boolean deleted = chat.deleteScheduledMessage(channelId, id);
      pendingDeletes.remove(id);
      if (!deleted && !postAt.isAfter(clock.instant()) && !"re-created".equals(why)) {
        log.warn("The dead-man alarm {} of {} ({}) was already posted by Slack at {}", id, manager, why, postAt);
      }
      return true;
    } catch (ChatException e) {
      PendingDelete before = pendingDeletes.get(id);
      int attempts = before == null ? 1 : before.attempts() + 1;
      if (attempts < DELETE_ATTEMPTS && pendingDeletes.size() < MAX_PENDING_DELETES) {
        pendingDeletes.put(id, new PendingDelete(channelId, id, postAt, attempts));
      } else {
        pendingDeletes.remove(id); // reconcile finds it by its marker
      }
      if (isRateLimit(e)) {
        block(clock.instant(), e);
      }
      log.warn("Could not delete the dead-man alarm {} of {} ({}): {}; it may post at {} unless a later"
          + " pass deletes it", id, manager, why, e.getMessage(), postAt);
      return false;
    }
  }

  private void retryDeletes() {
    for (PendingDelete p : List.copyOf(pendingDeletes.values())) {
      deleteScheduled("(retry)", p.channelId(), p.id(), p.postAt(), "retry");
    }
  }

  private ReentrantLock lock(String manager) {
    return locks.computeIfAbsent(manager, m -> new ReentrantLock());
  }

  private synchronized boolean takeBudget(Instant now) {
    if (now.isBefore(blockedUntil)) {
      return false;
    }
    while (!scheduledAt.isEmpty() && !scheduledAt.peekFirst().isAfter(now.minus(BUDGET_WINDOW))) {
      scheduledAt.pollFirst();
    }
    if (scheduledAt.size() >= BUDGET) {
      return false;
    }
    scheduledAt.addLast(now);
    return true;
  }

  private synchronized void block(Instant now, ChatException e) {
    Duration wait = "restricted_too_many".equals(e.code()) ? BUDGET_WINDOW
        : Duration.ofSeconds(Math.max(1, e.retryAfterSeconds()));
    Instant until = now.plus(wait);
    if (until.isAfter(blockedUntil)) {
      blockedUntil = until;
    }
  }

  private static boolean isRateLimit(ChatException e) {
    return e.isRateLimited() || "restricted_too_many".equals(e.code());
  }

  private boolean turnOffIfUnsupported(ChatException e) {
    if (!"not_supported".equals(e.code())) {
      return false;
    }
    if (!off) {
      off = true;
      log.info("The chat transport cannot schedule messages: the dead-man alarm is off (the live dead-man"
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
