package io.cfychatops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.ScheduledMessage;
import io.cfychatops.console.ConsoleChatPort;
import io.cfychatops.slack.BlockKitRenderer;
import io.cfychatops.slack.SlackApp;
import io.cfychatops.slack.SlackChatPort;
import io.cfychatops.slack.SlackSettings;
import io.cfychatops.store.Database;
import io.cfychatops.store.EachDatabase;
import io.cfychatops.store.JdbcDeadManAlarmStore;
import io.cfychatops.store.TestDatabases;
import io.cfychatops.store.TestDb;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-man alarm against the fake Slack Web API (through the real {@link SlackChatPort}) and
 * the real store: scheduled once per manager {@code dead_man_after} after the newest verified copy,
 * replaced new-first after the next one, exactly one across restarts and across two instances on
 * one database, Slack's limits respected, and no double post with the live check while the bot
 * lives — while Slack posts it when the bot is gone. Time is a {@link SettableClock} shared by the
 * bot side and the fake's schedule.
 */
class DeadManAlarmTest {
  static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");
  static final String REPORTS = "C0REPORTS";
  static final String ONCALL = "S0ONCALL";
  static final Duration AFTER = Duration.ofHours(26);
  static final Duration CHECK_EVERY = Duration.ofMinutes(15);
  static final String SHA = "a".repeat(64);

  final SettableClock clock = new SettableClock(T0);
  final InMemoryBackupCatalog catalog = new InMemoryBackupCatalog();
  final List<AutoCloseable> closeLater = new ArrayList<>();
  FakeSlackApi fake;
  SlackChatPort slack;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeSlackApi();
    fake.clock(clock);
    SlackSettings s = SlackSettings.ephemeral(FakeSlackApi.BOT_TOKEN, null, null, fake.apiUrl());
    slack = new SlackChatPort(SlackApp.newSlack(s).methods(s.botToken()), new BlockKitRenderer());
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeLater) {
      c.close();
    }
    fake.close();
  }

  // ---- fixtures ---------------------------------------------------------------------------------

  static BackupConfig config(Duration after, String... managers) {
    BackupConfig.Builder b =
        BackupConfig.builder().reportsChannel(REPORTS).onCall(ONCALL).deadManAge(after);
    for (String m : managers) {
      b.manager(m, ZoneId.of("UTC"));
    }
    return b.build();
  }

  DeadManAlarm keeper(
      BackupConfig cfg, DeadManAlarmStore store, ChatPort chat, DeadManCheck live, String owner) {
    return DeadManAlarm.builder()
        .config(cfg)
        .catalog(catalog)
        .store(store)
        .chat(chat)
        .clock(clock)
        .liveCheck(live)
        .checkEvery(CHECK_EVERY)
        .owner(owner)
        .build();
  }

  DeadManAlarm keeper(BackupConfig cfg, DeadManAlarmStore store) {
    return keeper(cfg, store, slack, null, "bot-a");
  }

  DeadManAlarmStore hsqldbStore() {
    TestDb t = TestDatabases.hsqldb();
    closeLater.add(t);
    return new JdbcDeadManAlarmStore(t.db());
  }

  /**
   * A nightly copy of {@code manager} created now and verified {@code verifyTook} later (the clock
   * moves).
   */
  Instant verifiedCopy(String manager, Duration verifyTook) {
    Instant created = clock.instant();
    clock.advance(verifyTook);
    Instant verified = clock.instant();
    catalog.upsert(
        new CatalogEntry(
            manager,
            "nightly-" + manager + "-" + created.getEpochSecond(),
            1,
            CatalogEntry.Origin.NIGHTLY,
            created,
            10,
            SHA,
            true,
            verified,
            "/x",
            "7.0.4",
            true,
            true,
            null));
    return verified;
  }

  List<FakeSlackApi.Scheduled> alarmsOf(String manager) {
    return fake.scheduled(REPORTS).stream()
        .filter(m -> DeadManAlarm.markedManager(m.text()).filter(manager::equals).isPresent())
        .toList();
  }

  FakeSlackApi.Scheduled onlyAlarmOf(String manager) {
    List<FakeSlackApi.Scheduled> a = alarmsOf(manager);
    assertThat(a).as("scheduled alarms of %s", manager).hasSize(1);
    return a.get(0);
  }

  // ---- schedule and replace
  // -----------------------------------------------------------------------

  @Test
  void aVerifiedNightlySchedulesOneAlarmDeadManAfterAheadWithTheAlertTextThePingAndNoMetadata() {
    DeadManAlarmStore store = hsqldbStore();
    DeadManAlarm alarm = keeper(config(AFTER, "prod"), store);
    Instant verified = verifiedCopy("prod", Duration.ofMinutes(5));

    assertThat(alarm.onVerified("prod", verified)).isEqualTo(DeadManAlarm.Outcome.SCHEDULED);

    FakeSlackApi.Scheduled m = onlyAlarmOf("prod");
    assertThat(m.postAtInstant()).isEqualTo(verified.plus(AFTER));
    assertThat(m.params()).doesNotContainKey("metadata");
    assertThat(m.text())
        .startsWith("<!subteam^" + ONCALL + "> ")
        .contains("No verified backup of prod for 26h 05m") // as it will read when Slack posts it
        .contains("Since: 2025-03-01 02:00 UTC")
        .contains("Slack posted this alarm by itself")
        .contains(DeadManAlarm.marker("prod"));
    assertThat(fake.calls("chat.scheduleMessage").get(0).json("blocks").toString())
        .contains("<!subteam^" + ONCALL + ">");
    DeadManAlarmStore.Alarm row = store.find("prod").orElseThrow();
    assertThat(row.scheduledMessageId()).isEqualTo(m.id());
    assertThat(row.channelId()).isEqualTo(REPORTS);
    assertThat(row.postAt()).isEqualTo(m.postAtInstant());
    assertThat(row.basis()).isEqualTo(verified);
    assertThat(row.version()).isEqualTo(1);
    assertThat(fake.violations()).isEmpty();

    // the same news again changes nothing
    assertThat(alarm.onVerified("prod", verified)).isEqualTo(DeadManAlarm.Outcome.UNCHANGED);
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(1);
  }

  @Test
  void theNextVerifiedNightlySchedulesTheNewAlarmFirstThenDeletesTheOld() {
    DeadManAlarmStore store = hsqldbStore();
    DeadManAlarm alarm = keeper(config(AFTER, "prod"), store);
    alarm.onVerified("prod", verifiedCopy("prod", Duration.ofMinutes(5)));
    String first = onlyAlarmOf("prod").id();

    clock.advance(Duration.ofHours(24).minusMinutes(5));
    Instant verified = verifiedCopy("prod", Duration.ofMinutes(7));
    assertThat(alarm.onVerified("prod", verified)).isEqualTo(DeadManAlarm.Outcome.SCHEDULED);

    FakeSlackApi.Scheduled m = onlyAlarmOf("prod");
    assertThat(m.id()).isNotEqualTo(first);
    assertThat(m.postAtInstant()).isEqualTo(verified.plus(AFTER));
    List<String> order =
        fake.calls().stream()
            .map(FakeSlackApi.Call::method)
            .filter(x -> x.startsWith("chat."))
            .toList();
    assertThat(order)
        .containsExactly(
            "chat.scheduleMessage", "chat.scheduleMessage", "chat.deleteScheduledMessage");
    assertThat(fake.calls("chat.deleteScheduledMessage"))
        .singleElement()
        .satisfies(c -> assertThat(c.param("scheduled_message_id")).isEqualTo(first));
    assertThat(store.find("prod").orElseThrow())
        .satisfies(
            r -> {
              assertThat(r.scheduledMessageId()).isEqualTo(m.id());
              assertThat(r.version()).isEqualTo(2);
            });
  }

  @Test
  void
      aManagerWithNoVerifiedCopyGetsAnAlarmCountingFromItsFirstSchedulingThatARestartDoesNotPushOut() {
    DeadManAlarmStore store = hsqldbStore();
    keeper(config(AFTER, "fresh"), store).reconcile();
    FakeSlackApi.Scheduled m = onlyAlarmOf("fresh");
    assertThat(m.postAtInstant()).isEqualTo(T0.plus(AFTER));
    assertThat(m.text()).contains("No verified backup of fresh on record");

    clock.advance(Duration.ofHours(3)); // restart: the alarm still counts from the first start
    keeper(config(AFTER, "fresh"), store).reconcile();
    assertThat(onlyAlarmOf("fresh").id()).isEqualTo(m.id());
  }

  @Test
  void aChangedDeadManAfterMovesTheAlarmOnTheNextPassAndOnlyOnce() {
    DeadManAlarmStore store = hsqldbStore();
    Instant verified = verifiedCopy("prod", Duration.ofMinutes(5));
    keeper(config(AFTER, "prod"), store).onVerified("prod", verified);

    DeadManAlarm longer = keeper(config(Duration.ofHours(48), "prod"), store);
    longer.reconcile();
    assertThat(onlyAlarmOf("prod").postAtInstant()).isEqualTo(verified.plus(Duration.ofHours(48)));
    longer.tick();
    clock.advance(CHECK_EVERY);
    longer.tick();
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(2);
  }

  // ---- restarts
  // -----------------------------------------------------------------------------------

  @Test
  void aRestartFindsTheStoredAlarmInSlackAndSchedulesNothing() {
    DeadManAlarmStore store = hsqldbStore();
    keeper(config(AFTER, "prod"), store)
        .onVerified("prod", verifiedCopy("prod", Duration.ofMinutes(5)));
    String id = onlyAlarmOf("prod").id();

    clock.advance(Duration.ofMinutes(10));
    DeadManAlarm.Reconciliation r = keeper(config(AFTER, "prod"), store).reconcile();

    assertThat(r.outcomes()).containsEntry("prod", DeadManAlarm.Outcome.UNCHANGED);
    assertThat(r.recreated()).isZero();
    assertThat(onlyAlarmOf("prod").id()).isEqualTo(id);
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(1);
    assertThat(fake.calls("chat.scheduledMessages.list")).hasSize(1);
  }

  @Test
  void anAlarmSlackPostedWhileTheBotWasDownIsScheduledAgainOnStart() {
    DeadManAlarmStore store = hsqldbStore();
    keeper(config(AFTER, "prod"), store)
        .onVerified("prod", verifiedCopy("prod", Duration.ofMinutes(5)));
    FakeSlackApi.Scheduled first = onlyAlarmOf("prod");

    // the bot is down: nobody moves the alarm, Slack posts it on time
    clock.set(first.postAtInstant().plusSeconds(1));
    List<FakeSlackApi.Call> posted = fake.advanceTo(clock.instant());
    assertThat(posted)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.param("channel")).isEqualTo(REPORTS);
              assertThat(c.param("text"))
                  .contains("No verified backup of prod")
                  .contains("<!subteam^" + ONCALL + ">");
            });
    assertThat(fake.scheduled()).isEmpty();

    clock.advance(Duration.ofHours(2)); // back up two hours later
    DeadManAlarm alarm = keeper(config(AFTER, "prod"), store);
    DeadManAlarm.Reconciliation r = alarm.reconcile();

    assertThat(r.recreated()).isEqualTo(1);
    FakeSlackApi.Scheduled again = onlyAlarmOf("prod");
    assertThat(again.id()).isNotEqualTo(first.id());
    // overdue: the live check alerts now; Slack's alarm waits one hop (nobody has alerted yet)
    assertThat(again.postAtInstant()).isEqualTo(clock.instant().plus(alarm.hop()));
    assertThat(store.find("prod").orElseThrow().scheduledMessageId()).isEqualTo(again.id());
  }

  @Test
  void onStartOrphansOfConfiguredManagersAreDeletedButYoungOnesAndOtherManagersAreLeftAlone() {
    DeadManAlarmStore store = hsqldbStore();
    BackupConfig cfg = config(AFTER, "prod", "dev");
    keeper(cfg, store).onVerified("prod", verifiedCopy("prod", Duration.ofMinutes(5)));
    String stored = onlyAlarmOf("prod").id();
    // a crash between scheduling and storing left an alarm nobody knows of; another deployment's
    // alarm of a manager this bot does not have shares the channel
    ScheduledMessage orphan =
        slack.scheduleMessage(
            REPORTS,
            BackupMessages.deadManAlarm(
                new DeadManCheck.Alert("prod", null, null, AFTER),
                ONCALL,
                DeadManAlarm.marker("prod")),
            clock.instant().plus(AFTER));
    ScheduledMessage foreign =
        slack.scheduleMessage(
            REPORTS,
            BackupMessages.deadManAlarm(
                new DeadManCheck.Alert("staging", null, null, AFTER),
                ONCALL,
                DeadManAlarm.marker("staging")),
            clock.instant().plus(AFTER));

    Instant firstStart = clock.instant();
    DeadManAlarm.Reconciliation young = keeper(cfg, store).reconcile();
    assertThat(young.orphansDeleted())
        .as("may be another replica's replacement in flight")
        .isZero();
    assertThat(alarmsOf("prod"))
        .extracting(FakeSlackApi.Scheduled::id)
        .containsExactlyInAnyOrder(stored, orphan.id());

    clock.advance(DeadManAlarm.ORPHAN_GRACE.plusSeconds(1));
    DeadManAlarm.Reconciliation r = keeper(cfg, store).reconcile();

    assertThat(r.orphansDeleted()).isEqualTo(1);
    assertThat(onlyAlarmOf("prod").id()).isEqualTo(stored);
    assertThat(onlyAlarmOf("staging").id()).isEqualTo(foreign.id());
    assertThat(onlyAlarmOf("dev").postAtInstant())
        .as("dev has no copy: its first alarm")
        .isEqualTo(firstStart.plus(AFTER));
  }

  @Test
  void theAlarmOfAManagerNoLongerConfiguredIsDeletedWithItsRow() {
    DeadManAlarmStore store = hsqldbStore();
    keeper(config(AFTER, "prod", "old"), store)
        .onVerified("old", verifiedCopy("old", Duration.ofMinutes(5)));
    assertThat(alarmsOf("old")).hasSize(1);

    DeadManAlarm.Reconciliation r = keeper(config(AFTER, "prod"), store).reconcile();

    assertThat(r.unconfiguredRemoved()).isEqualTo(1);
    assertThat(alarmsOf("old")).isEmpty();
    assertThat(store.find("old")).isEmpty();
    assertThat(alarmsOf("prod")).hasSize(1);
  }

  // ---- replicas
  // -----------------------------------------------------------------------------------

  /** Runs {@code before} once, just before the first compare-and-set of the wrapped store. */
  static class RacingStore implements DeadManAlarmStore {
    private final DeadManAlarmStore d;
    private final AtomicReference<Runnable> before;

    RacingStore(DeadManAlarmStore d, Runnable before) {
      this.d = d;
      this.before = new AtomicReference<>(before);
    }

    @Override
    public Optional<Alarm> find(String manager) {
      return d.find(manager);
    }

    @Override
    public List<Alarm> all() {
      return d.all();
    }

    @Override
    public Optional<Alarm> compareAndSet(long expectedVersion, Alarm next) {
      Runnable r = before.getAndSet(null);
      if (r != null) {
        r.run();
      }
      return d.compareAndSet(expectedVersion, next);
    }

    @Override
    public boolean remove(String manager, long expectedVersion) {
      return d.remove(manager, expectedVersion);
    }
  }

  @EachDatabase
  void twoInstancesOnOneDatabaseKeepExactlyOneAndTheLoserDeletesItsOwn(TestDb t) {
    Database dbA = t.db();
    Database dbB = t.openUnmigrated();
    BackupConfig cfg = config(AFTER, "prod");
    DeadManAlarm b = keeper(cfg, new JdbcDeadManAlarmStore(dbB), slack, null, "bot-b");
    AtomicReference<DeadManAlarm.Outcome> bSaw = new AtomicReference<>();
    Instant verified = verifiedCopy("prod", Duration.ofMinutes(5));
    // A schedules, then B does the whole replacement before A's compare-and-set
    DeadManAlarm a =
        keeper(
            cfg,
            new RacingStore(
                new JdbcDeadManAlarmStore(dbA), () -> bSaw.set(b.onVerified("prod", verified))),
            slack,
            null,
            "bot-a");

    DeadManAlarm.Outcome aSaw = a.onVerified("prod", verified);

    assertThat(bSaw.get()).isEqualTo(DeadManAlarm.Outcome.SCHEDULED);
    assertThat(aSaw)
        .as("after losing, A looked again and found B's alarm right")
        .isEqualTo(DeadManAlarm.Outcome.UNCHANGED);
    List<FakeSlackApi.Call> schedules = fake.calls("chat.scheduleMessage");
    assertThat(schedules).hasSize(2);
    FakeSlackApi.Scheduled left = onlyAlarmOf("prod");
    DeadManAlarmStore.Alarm row = new JdbcDeadManAlarmStore(dbA).find("prod").orElseThrow();
    assertThat(row.scheduledMessageId()).isEqualTo(left.id());
    assertThat(row.updatedBy()).isEqualTo("bot-b");
    assertThat(fake.calls("chat.deleteScheduledMessage"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.param("scheduled_message_id"))
                    .as("A deleted the one it scheduled")
                    .isNotEqualTo(left.id()));
  }

  @EachDatabase
  void twoInstancesRacingNightAfterNightLeaveExactlyOneAlarm(TestDb t) throws Exception {
    BackupConfig cfg = config(AFTER, "prod");
    DeadManAlarm a = keeper(cfg, new JdbcDeadManAlarmStore(t.db()), slack, null, "bot-a");
    DeadManAlarm b =
        keeper(cfg, new JdbcDeadManAlarmStore(t.openUnmigrated()), slack, null, "bot-b");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int night = 0; night < 4; night++) {
        clock.advance(Duration.ofHours(24));
        Instant verified = verifiedCopy("prod", Duration.ofMinutes(5));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<DeadManAlarm.Outcome>> f = new ArrayList<>();
        for (DeadManAlarm k : List.of(a, b)) {
          f.add(
              pool.submit(
                  () -> {
                    go.await();
                    return k.onVerified("prod", verified);
                  }));
        }
        go.countDown();
        for (Future<DeadManAlarm.Outcome> x : f) {
          assertThat(x.get(30, TimeUnit.SECONDS))
              .isIn(DeadManAlarm.Outcome.SCHEDULED, DeadManAlarm.Outcome.UNCHANGED);
        }
        FakeSlackApi.Scheduled left = onlyAlarmOf("prod");
        assertThat(left.postAtInstant()).isEqualTo(verified.plus(AFTER));
        assertThat(
                new JdbcDeadManAlarmStore(t.db()).find("prod").orElseThrow().scheduledMessageId())
            .isEqualTo(left.id());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- failures and limits
  // ------------------------------------------------------------------------

  @Test
  void aFailedDeleteOfTheOldAlarmIsToleratedAndTheNextTickDeletesIt() {
    DeadManAlarmStore store = hsqldbStore();
    DeadManAlarm alarm = keeper(config(AFTER, "prod"), store);
    alarm.onVerified("prod", verifiedCopy("prod", Duration.ofMinutes(5)));
    String old = onlyAlarmOf("prod").id();
    clock.advance(Duration.ofHours(24));
    fake.failNext("chat.deleteScheduledMessage", "internal_error");

    assertThat(alarm.onVerified("prod", verifiedCopy("prod", Duration.ofMinutes(5))))
        .isEqualTo(DeadManAlarm.Outcome.SCHEDULED);
    String current = store.find("prod").orElseThrow().scheduledMessageId();
    assertThat(alarmsOf("prod"))
        .extracting(FakeSlackApi.Scheduled::id)
        .containsExactlyInAnyOrder(old, current);

    clock.advance(CHECK_EVERY);
    alarm.tick();

    assertThat(onlyAlarmOf("prod").id()).isEqualTo(current);
    assertThat(fake.calls("chat.deleteScheduledMessage"))
        .extracting(c -> c.param("scheduled_message_id"))
        .containsExactly(old, old);
  }

  @Test
  void aStoreFailureAfterSchedulingDeletesNothingAndTheNextReconcileLeavesOne() {
    DeadManAlarmStore real = hsqldbStore();
    AtomicBoolean broken = new AtomicBoolean();
    DeadManAlarmStore flaky =
        new RacingStore(real, () -> {}) {
          @Override
          public Optional<Alarm> compareAndSet(long expectedVersion, Alarm next) {
            if (broken.get()) {
              throw new IllegalStateException("connection reset");
            }
            return real.compareAndSet(expectedVersion, next);
          }
        };
    DeadManAlarm alarm = keeper(config(AFTER, "prod"), flaky);
    alarm.onVerified("prod", verifiedCopy("prod", Duration.ofMinutes(5)));
    clock.advance(Duration.ofHours(24));
    broken.set(true);

    assertThat(alarm.onVerified("prod", verifiedCopy("prod", Duration.ofMinutes(5))))
        .isEqualTo(DeadManAlarm.Outcome.FAILED);
    assertThat(alarmsOf("prod")).as("never none: both kept").hasSize(2);

    broken.set(false);
    clock.advance(DeadManAlarm.ORPHAN_GRACE.plusSeconds(1));
    keeper(config(AFTER, "prod"), real).reconcile();
    FakeSlackApi.Scheduled left = onlyAlarmOf("prod");
    assertThat(real.find("prod").orElseThrow().scheduledMessageId()).isEqualTo(left.id());
    assertThat(left.postAtInstant())
        .isEqualTo(catalog.newestVerified("prod").orElseThrow().verifiedAt().plus(AFTER));
  }

  @Test
  void aDeadManAfterBeyondSlacks120DaysIsClampedAndMovedOnAsItNears() {
    Duration after = Duration.ofDays(200);
    DeadManAlarmStore store = hsqldbStore();
    DeadManAlarm alarm = keeper(config(after, "prod"), store);
    Instant verified = verifiedCopy("prod", Duration.ofMinutes(5));

    assertThat(alarm.onVerified("prod", verified)).isEqualTo(DeadManAlarm.Outcome.SCHEDULED);
    Instant clamped = onlyAlarmOf("prod").postAtInstant();
    assertThat(clamped).isEqualTo(verified.plus(DeadManAlarm.MAX_AHEAD));
    assertThat(Duration.between(clock.instant(), clamped))
        .isLessThanOrEqualTo(Duration.ofDays(120));

    alarm.tick(); // far from due: nothing to do
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(1);

    clock.set(clamped.minus(Duration.ofMinutes(20))); // within the lead of 31 minutes
    alarm.tick();
    FakeSlackApi.Scheduled moved = onlyAlarmOf("prod");
    assertThat(moved.postAtInstant()).as("now within reach").isEqualTo(verified.plus(after));
    assertThat(fake.advanceTo(clamped.plusSeconds(1)))
        .as("the clamped alarm never posted")
        .isEmpty();
  }

  @Test
  void neverLoops_aBurstOfVerifiedCopiesStaysWithinTheSchedulingBudgetAndRateLimitsWait() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add("m" + i);
    }
    DeadManAlarmStore store = hsqldbStore();
    DeadManAlarm alarm = keeper(config(AFTER, names.toArray(String[]::new)), store);
    List<DeadManAlarm.Outcome> outcomes = new ArrayList<>();
    for (String m : names) {
      outcomes.add(alarm.onVerified(m, verifiedCopy(m, Duration.ofSeconds(1))));
    }
    assertThat(outcomes.stream().filter(o -> o == DeadManAlarm.Outcome.SCHEDULED))
        .hasSize(DeadManAlarm.BUDGET);
    assertThat(outcomes.stream().filter(o -> o == DeadManAlarm.Outcome.DEFERRED))
        .hasSize(40 - DeadManAlarm.BUDGET);
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(DeadManAlarm.BUDGET);

    clock.advance(DeadManAlarm.BUDGET_WINDOW);
    alarm.tick();
    for (String m : names) {
      assertThat(alarmsOf(m)).as(m).hasSize(1);
    }
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(40);

    // HTTP 429 with Retry-After: one call, then quiet until the wait is over
    clock.advance(Duration.ofHours(24));
    fake.rateLimitNext("chat.scheduleMessage", 30);
    assertThat(alarm.onVerified("m0", verifiedCopy("m0", Duration.ofSeconds(1))))
        .isEqualTo(DeadManAlarm.Outcome.DEFERRED);
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(41);
    clock.advance(Duration.ofSeconds(10));
    alarm.tick();
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(41);
    clock.advance(Duration.ofSeconds(21));
    alarm.tick();
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(42);
    assertThat(alarmsOf("m0"))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.postAtInstant())
                    .isEqualTo(
                        catalog.newestVerified("m0").orElseThrow().verifiedAt().plus(AFTER)));
    assertThat(fake.calls(c -> c.method().equals("chat.scheduleMessage"))).hasSize(42);
  }

  // ---- with the live check
  // ------------------------------------------------------------------------

  @Test
  void whileTheBotLivesOnlyTheLiveCheckPostsAndWhenItDiesSlackPostsInItsPlace() {
    BackupConfig cfg = config(AFTER, "prod");
    DeadManAlarmStore store = hsqldbStore();
    DeadManCheck live = new DeadManCheck(cfg, catalog, slack, Duration.ofHours(6), clock);
    DeadManAlarm alarm = keeper(cfg, store, slack, live, "bot-a");
    alarm.onVerified("prod", verifiedCopy("prod", Duration.ofMinutes(5)));
    Instant created = catalog.newestVerified("prod").orElseThrow().createdAt();

    // no nightly succeeds any more; the bot lives for 40 hours: Slack's timer and the dead-man task
    // run
    Instant until = created.plus(Duration.ofHours(40));
    while (clock.instant().isBefore(until)) {
      clock.advance(CHECK_EVERY);
      fake.advanceTo(clock.instant());
      live.runOnce();
      alarm.tick();
    }
    List<FakeSlackApi.Call> alerts =
        fake.calls(
            c ->
                c.method().equals("chat.postMessage")
                    && c.param("text").contains("No verified backup of prod"));
    assertThat(alerts)
        .as("the live check: at 26 h, then every 6 h")
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.params()).doesNotContainKey("scheduled_message_id"));
    Instant lastLive = live.lastAlerted("prod").orElseThrow();
    assertThat(lastLive).isAfter(created.plus(Duration.ofHours(38)));

    // the bot dies: nothing moves the alarm; Slack posts it when the live check would have repeated
    List<FakeSlackApi.Call> bySlack = fake.advanceTo(until.plus(Duration.ofHours(12)));
    assertThat(bySlack)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.param("channel")).isEqualTo(REPORTS);
              assertThat(c.param("text"))
                  .contains("No verified backup of prod")
                  .contains("<!subteam^" + ONCALL + ">")
                  .contains("Slack posted this alarm by itself");
            });
    assertThat(store.find("prod").orElseThrow().postAt())
        .isEqualTo(lastLive.plus(Duration.ofHours(6)));
    assertThat(fake.violations()).isEmpty();
  }

  // ---- the hook, other transports ---------------------------------------------------------------

  @Test
  void theNightlyRunTellsTheAlarmOfTheCopyItVerified(@TempDir Path root) {
    DeadManAlarmStore store = hsqldbStore();
    BackupConfig cfg = config(AFTER, "prod");
    DeadManAlarm alarm = keeper(cfg, store);
    try (NightlyService nightly =
        ManualNightly.builder(clock, clock.sleeper(), new FakeManager(clock, "7.0.4"))
            .config(cfg)
            .store(new ArchiveStore(root))
            .catalog(catalog)
            .runs(new InMemoryNightlyRunLog())
            .deadManAlarm(alarm)
            .build()) {
      NightReport report = nightly.runNow("prod");
      assertThat(report.rows())
          .singleElement()
          .satisfies(r -> assertThat(r.run().verified()).isTrue());
    }
    CatalogEntry copy = catalog.newestVerified("prod").orElseThrow();
    FakeSlackApi.Scheduled m = onlyAlarmOf("prod");
    assertThat(m.postAtInstant()).isEqualTo(copy.verifiedAt().plus(AFTER));
    assertThat(m.text()).contains(copy.snapshotId());
  }

  @Test
  void theConsolePrintsWhatItWouldScheduleAndKeepsTheListInMemory() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsoleChatPort console =
        new ConsoleChatPort(new PrintStream(out, true, StandardCharsets.UTF_8), clock);
    DeadManAlarmStore store = hsqldbStore();
    DeadManAlarm alarm = keeper(config(AFTER, "prod"), store, console, null, "console");
    Instant first = verifiedCopy("prod", Duration.ofMinutes(5));
    alarm.onVerified("prod", first);
    clock.advance(Duration.ofHours(24));
    Instant second = verifiedCopy("prod", Duration.ofMinutes(5));
    alarm.onVerified("prod", second);

    assertThat(console.scheduledMessages(REPORTS))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.postAt()).isEqualTo(second.plus(AFTER));
              assertThat(DeadManAlarm.markedManager(m.text())).contains("prod");
            });
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("(scheduled Q1 for " + first.plus(AFTER))
        .contains("(deleted scheduled Q1)")
        .contains("No verified backup of prod");
    assertThat(
            keeper(config(AFTER, "prod"), store, console, null, "console").reconcile().outcomes())
        .containsEntry("prod", DeadManAlarm.Outcome.UNCHANGED);
  }

  @Test
  void aTransportThatCannotScheduleTurnsTheAlarmOffQuietly() {
    DeadManAlarm alarm =
        keeper(config(AFTER, "prod"), hsqldbStore(), new RecordingChatPort(), null, "x");
    assertThat(alarm.onVerified("prod", verifiedCopy("prod", Duration.ofMinutes(5))))
        .isEqualTo(DeadManAlarm.Outcome.OFF);
    alarm.tick();
    assertThat(alarm.reconcile().outcomes()).isEmpty();
  }

  @Test
  void theMarkerNamesTheManagerAndNothingElse() {
    assertThat(DeadManAlarm.markedManager("x " + DeadManAlarm.marker("prod-1.eu_west") + " y"))
        .contains("prod-1.eu_west");
    assertThat(DeadManAlarm.markedManager("cfy-chatops-dead-man-alarm: prod")).isEmpty();
    assertThat(DeadManAlarm.markedManager("No verified backup of prod")).isEmpty();
    assertThat(DeadManAlarm.markedManager(null)).isEmpty();
    assertThat(Set.of(DeadManAlarm.marker("a"), DeadManAlarm.marker("b"))).hasSize(2);
  }
}
