package io.cfychatops.app;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import io.cfychatops.access.AccessControl;
import io.cfychatops.approvals.ApprovalService;
import io.cfychatops.approvals.IdGenerator;
import io.cfychatops.archive.ArchiveLimits;
import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.ArchiveVerifier;
import io.cfychatops.backup.BackupCatalog;
import io.cfychatops.backup.BackupConfig;
import io.cfychatops.backup.DeadManAlarm;
import io.cfychatops.backup.DeadManCheck;
import io.cfychatops.backup.NightlySchedule;
import io.cfychatops.backup.NightlyService;
import io.cfychatops.backup.RetentionPolicy;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.DeliveryLog;
import io.cfychatops.chat.Message;
import io.cfychatops.concurrent.NamedThreads;
import io.cfychatops.config.BotConfig;
import io.cfychatops.config.ManagerConfig;
import io.cfychatops.config.RetentionConfig;
import io.cfychatops.core.AppHome;
import io.cfychatops.core.ChatOps;
import io.cfychatops.core.CoreServices;
import io.cfychatops.core.HomeTab;
import io.cfychatops.core.Managers;
import io.cfychatops.drill.DrillService;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OpsConfig;
import io.cfychatops.ops.StoredArchivePreviews;
import io.cfychatops.scheduling.BackupTasks;
import io.cfychatops.scheduling.DbSchedulerOperations;
import io.cfychatops.scheduling.SchedulerFactory;
import io.cfychatops.store.Database;
import io.cfychatops.store.JdbcApprovalRepository;
import io.cfychatops.store.JdbcAuditRepository;
import io.cfychatops.store.JdbcBackupCatalog;
import io.cfychatops.store.JdbcDeadManAlarmStore;
import io.cfychatops.store.JdbcDeliveryLog;
import io.cfychatops.store.JdbcNightlyRunLog;
import io.cfychatops.store.JdbcOperationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole bot, wired: store, managers, access, approvals, operations engine (on db-scheduler, so
 * another replica resumes an operation whose instance died), nightly backups, and the core. A
 * transport supplies the {@link ChatPort}; the core is {@link #core()}.
 */
public final class Bot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Bot.class);

  private final BotConfig config;
  private final Database db;
  private final ManagerClients clients;
  private final ChatOps core;
  private final OperationEngine engine;
  private final NightlyService nightly;
  private final DrillService drills;
  private final ApprovalService approvals;
  private final Scheduler scheduler;
  private final ScheduledExecutorService ticker;
  private final ExecutorService commands;
  private final Metrics metrics;
  private final Clock clock;
  private final DeliveryLog deliveries;
  private final AppHome home;
  private final DeadManAlarm deadManAlarm;
  private Thread alarmStartup;
  private final io.cfychatops.offsite.OffsiteStore offsiteStore;
  private Instant lastPurge = Instant.EPOCH;
  private Instant lastSweep = Instant.EPOCH;
  private final Duration sweepEvery;
  private final String instanceName;

  /**
   * Knobs the transports and tests set; defaults suit a production bot. {@code instanceName} null:
   * {@code store.instance_name} / {@code CFY_CHATOPS_INSTANCE}, else the host name.
   */
  public record Options(
      Duration schedulerPolling,
      Duration sweepEvery,
      String instanceName,
      boolean runNightlySchedule,
      boolean deadManAlarm) {
    /**
     * {@code deadManAlarm} follows {@code runNightlySchedule}: the alarm Slack posts if the bot
     * dies is kept wherever the recurring dead-man check runs.
     */
    public Options(
        Duration schedulerPolling,
        Duration sweepEvery,
        String instanceName,
        boolean runNightlySchedule) {
      this(schedulerPolling, sweepEvery, instanceName, runNightlySchedule, runNightlySchedule);
    }

    public static Options defaults() {
      return new Options(Duration.ofSeconds(1), Duration.ofSeconds(10), null, true);
    }
  }

  public Bot(BotConfig config, ChatPort transport, Clock clock, Options options) {
    this.config = config;
    this.instanceName = instanceName(options, config);
    this.clock = clock;
    this.sweepEvery = options.sweepEvery();
    this.metrics = Metrics.create();
    ChatPort chat = new MeteredChatPort(transport, metrics);
    this.db = openDatabase(config);
    this.clients = new ManagerClients(config.managers());
    // chat's reads: the retrying clients, failures not counted (as before the port)
    Managers managers =
        new Managers(
            config.managers(), new CloudifyManagerPort(name -> clients.client(name).orElse(null)));
    AccessControl access =
        new AccessControl(
            config.grants(),
            group -> {
              try {
                return chat.userGroupMembers(group);
              } catch (io.cfychatops.chat.ChatException e) {
                if ("usergroup_not_found".equals(e.code())) {
                  return java.util.Set
                      .of(); // a group that does not exist has no members; any other failure is no
                  // answer
                }
                throw e;
              }
            },
            config.slack().accessContact());
    if (config.grants().isEmpty()) {
      log.warn(
          "No access grants are configured: nobody can use the bot. Name the first admins with"
              + " CFY_CHATOPS_ADMINS=<user id>,... or list access.grants in the config file.");
    }
    this.approvals =
        new ApprovalService(
            new JdbcApprovalRepository(db),
            new JdbcAuditRepository(db),
            clock,
            IdGenerator.random());

    // operations: durable, ticked by db-scheduler (heartbeats + dead-execution revival = failover)
    CloudifyManagerPort api =
        new CloudifyManagerPort(name -> clients.opsClient(name).orElseThrow());
    // operations started with no channel (drills, scheduled work) post to the incident channel,
    // else the reports channel; "console" only when neither is configured (the console itself)
    String incident = config.slack().incidentChannel();
    String reports = config.slack().reportsChannel();
    String fallback = incident != null ? incident : reports != null ? reports : "console";
    OpsConfig opsConfig =
        OpsConfig.defaults(fallback, config.backup().archiveRoot())
            .withMaintenanceTimeout(config.ops().maintenanceTimeout())
            .withRestoreTimeout(config.ops().restoreTimeout())
            .withEditInterval(config.ops().progressEditInterval());
    this.engine = new OperationEngine(new JdbcOperationStore(db), api, chat, clock, opsConfig);
    DbSchedulerOperations opsTasks = new DbSchedulerOperations(engine);
    engine.onFinish(
        op -> {
          Duration took = op.elapsed(clock.instant());
          metrics.operationFinished(
              op.kind().name().toLowerCase(), op.status().name().toLowerCase(), took);
          approvals
              .auditLog()
              .record(
                  new io.cfychatops.chat.ChatUser(op.requester(), op.requester(), ""),
                  op.channel(),
                  op.manager(),
                  "operation",
                  "end",
                  op.id()
                      + " "
                      + op.subject()
                      + ": "
                      + op.status().name().toLowerCase()
                      + (op.failure() == null ? "" : " (" + op.failure() + ")")
                      + " after "
                      + took.toSeconds()
                      + " s");
        });

    // nightly backups
    ArchiveStore archives = new ArchiveStore(config.backup().archiveRoot());
    archives.prepare();
    BackupConfig.Builder bc =
        BackupConfig.builder()
            .reportsChannel(
                config.slack().reportsChannel() != null
                    ? config.slack().reportsChannel()
                    : opsConfig.defaultChannel())
            .onCall(config.slack().oncallGroup())
            .retention(retention(config.backup().retention()))
            .deadManAge(config.backup().deadManAfter())
            .parallelism(config.backup().parallelism());
    for (ManagerConfig m : config.managers()) {
      bc.manager(
          m.name(),
          new NightlySchedule(
              m.schedule().cron(),
              m.schedule().zone(),
              m.schedule().jitter(),
              m.schedule().enabled()));
    }
    BackupConfig backupConfig = bc.build();
    BackupCatalog catalog = new JdbcBackupCatalog(db);
    this.offsiteStore = OffsiteStartup.open(config, clock);
    // chat downloads keep their copies like the nightly does: verified, catalogued, never replaced
    ArchiveStore catalogued = archives.with(clock, new ArchiveVerifier(), catalog);
    engine.archives(catalogued);
    // restore previews read the same store (archives missing there are downloaded into it)
    engine.previews(new StoredArchivePreviews(api, catalogued, ArchiveLimits.DEFAULT, clock));
    DeadManCheck deadMan =
        new DeadManCheck(backupConfig, catalog, chat, Duration.ofHours(6), clock);
    Duration tick = config.backup().tick();
    Duration deadManEvery = BackupTasks.deadManEvery(config.backup().deadManAfter(), tick);
    // the alarm Slack posts if this bot dies; only where the recurring dead-man check runs too
    this.deadManAlarm =
        !options.runNightlySchedule() || !options.deadManAlarm()
            ? null
            : DeadManAlarm.builder()
                .config(backupConfig)
                .catalog(catalog)
                .store(new JdbcDeadManAlarmStore(db))
                .chat(chat)
                .clock(clock)
                .liveCheck(deadMan)
                .checkEvery(deadManEvery)
                .owner(instanceName)
                .build();
    this.drills =
        Drills.service(
            config, db, engine, catalog, chat, backupConfig.reportsChannel(), metrics, clock);
    this.nightly =
        NightlyService.builder()
            .config(backupConfig)
            // the same port as the engine's, over the retrying clients, with failures counted
            .managers(new CloudifyManagerPort(name -> clients.client(name).orElseThrow(), metrics))
            .store(archives)
            .verifier(new ArchiveVerifier())
            .catalog(catalog)
            .runs(new JdbcNightlyRunLog(db))
            .chat(chat)
            .metrics(metrics)
            .snapshotInUse(this::snapshotInUse)
            .deadManAlarm(deadManAlarm)
            .clock(clock)
            .engine(engine) // each manager's run is a NIGHTLY operation, resumed like any other
            .owner(instanceName)
            .offsite(offsiteStore)
            .drillFlags(drills::overdue) // the report flags managers whose last drill is too old
            .build();
    nightly.offsite().ifPresent(o -> engine.offsite(o::fetch)); // uploads --from-offsite

    this.commands =
        // 16 threads (a bounded queue only grows a pool past its core size when full, so core =
        // max)
        new ThreadPoolExecutor(
            16,
            16,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(2_000),
            NamedThreads.daemon("cfy-core"));
    this.deliveries = new JdbcDeliveryLog(db);
    ((ThreadPoolExecutor) commands).allowCoreThreadTimeOut(true);
    CoreServices services =
        new CoreServices(
            managers,
            access,
            approvals,
            Policies.from(config.approvals()),
            engine,
            api,
            nightly,
            chat,
            clock,
            incident,
            config.backup().archiveRoot(),
            ZoneId.systemDefault(),
            drills);
    this.core = new ChatOps(services, commands).deliveryLog(deliveries);
    this.home = new HomeTab(services, config.backup().deadManAfter());

    engine.approvalGate(
        core.approvalGate()); // before any operation runs: approved ones re-check first

    // db-scheduler: operations, plus the nightly tick and the dead-man check as started recurring
    // tasks; executions this instance name held when its previous process died are taken back at
    // once, those of a dead replica after heartbeat × missed heartbeats (see SchedulerFactory)
    List<Task<?>> tasks = List.of(opsTasks.task());
    SchedulerFactory sf =
        SchedulerFactory.on(db)
            .pollingInterval(options.schedulerPolling())
            .threads(4)
            .schedulerName(instanceName);
    if (options.runNightlySchedule()) {
      sf.recurring(BackupTasks.create(nightly, deadMan, deadManAlarm, tick, deadManEvery));
      sf.recurring(List.of(BackupTasks.drills(drills, tick)));
    }
    this.scheduler = sf.build(tasks);
    opsTasks.bind(scheduler);
    int revived = sf.reviveOwnExecutions(tasks);
    scheduler.start();
    engine.resumeUnfinished();
    if (revived > 0) {
      log.info(
          "Took back {} execution(s) the previous process of instance `{}` held",
          revived,
          instanceName);
    }
    this.ticker = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("cfy-ticker"));
    ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    if (deadManAlarm != null) {
      // start-up reconcile off the start-up path: Slack being slow must not delay readiness
      alarmStartup = new Thread(deadManAlarm::reconcile, "cfy-dead-man-alarm");
      alarmStartup.setDaemon(true);
      alarmStartup.start();
    }
    OffsiteStartup.selfTest(nightly); // bounded by the store's timeouts; /readyz shows a failure
    log.info("cfy-chatops ready: {} manager(s), store {}", managers.names().size(), db.describe());
  }

  private void tick() {
    try {
      engine.pump();
      if (!clock.instant().isBefore(lastSweep.plus(sweepEvery))) {
        lastSweep = clock.instant();
        core.sweepExpired();
        core.sweepApproved(); // approved before a crash, never started: start exactly once
      }
      if (Duration.between(lastPurge, clock.instant()).toHours() >= 1) {
        lastPurge = clock.instant();
        deliveries.purgeBefore(lastPurge.minus(Duration.ofDays(1)));
      }
    } catch (
        Throwable
            e) { // an escaping error would cancel the schedule: expiry and progress would stop
      log.warn("Background tick failed; retrying next second: {}", e.toString());
    }
  }

  private boolean snapshotInUse(String snapshotId) {
    return engine.recent(200).stream()
        .anyMatch(
            op ->
                !op.status().isFinal()
                    && op.spec()
                        .snapshotIfAny()
                        .map(s -> s.value().equals(snapshotId))
                        .orElse(false));
  }

  /** This replica's stable name: options, then config/environment, then the host name (max 50). */
  static String instanceName(Options options, BotConfig config) {
    if (options.instanceName() != null) {
      return options.instanceName();
    }
    if (config.store().instanceName() != null) {
      return config.store().instanceName();
    }
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = System.getenv().getOrDefault("HOSTNAME", "cfy-chatops");
    }
    host = host == null || host.isBlank() ? "cfy-chatops" : host;
    return host.length() > io.cfychatops.config.StoreConfig.MAX_INSTANCE_NAME
        ? host.substring(0, io.cfychatops.config.StoreConfig.MAX_INSTANCE_NAME)
        : host;
  }

  /** The name this replica runs under (db-scheduler's {@code picked_by}, nightly claims). */
  public String instanceName() {
    return instanceName;
  }

  private static Database openDatabase(BotConfig config) {
    var s = config.store();
    if (s.jdbcUrl() == null || s.jdbcUrl().isBlank()) {
      return Database.embedded(s.dataDir());
    }
    Database db =
        Database.open(
            s.jdbcUrl(), s.username(), s.password() == null ? null : s.password().reveal());
    db.migrate();
    return db;
  }

  private static RetentionPolicy retention(RetentionConfig r) {
    return new RetentionPolicy(r.keepLast(), r.daily(), r.weekly(), r.monthly());
  }

  public ChatOps core() {
    return core;
  }

  public OperationEngine engine() {
    return engine;
  }

  public NightlyService nightly() {
    return nightly;
  }

  public DrillService drills() {
    return drills;
  }

  /** The dead-man alarm Slack posts for us; null where the recurring backup work does not run. */
  public DeadManAlarm deadManAlarm() {
    return deadManAlarm;
  }

  public Metrics metrics() {
    return metrics;
  }

  public Database database() {
    return db;
  }

  /** Problems that make the bot not ready (empty when ready). */
  public List<String> notReady() {
    try {
      db.jdbc().queryLong("select count(*) from schema_version");
      return nightly.offsite().map(o -> o.notReady()).orElse(List.of());
    } catch (RuntimeException e) {
      return List.of("store: " + e.getMessage());
    }
  }

  /**
   * The App Home tab of {@code userId}: the managers that user may view, each with version,
   * maintenance, newest verified backup, running operations and pending approvals.
   */
  public Message home(String userId) {
    return home.home(userId);
  }

  /** Waits (bounded) until no command is being handled and no operation runs. */
  public boolean awaitIdle(Duration max) {
    return core.awaitIdle(max, engine::pump);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (alarmStartup != null) {
      try {
        alarmStartup.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    commands.shutdown(); // finish what was accepted (bounded), then stop: the store closes last
    try {
      if (!commands.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn(
            "{} command(s) still running at shutdown; interrupting them",
            commands.shutdownNow().size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      scheduler.stop();
    } catch (RuntimeException e) {
      log.warn("scheduler stop: {}", e.toString());
    }
    nightly.close();
    if (offsiteStore != null) {
      offsiteStore.close();
    }
    clients.close();
    db.close();
  }
}
