package io.cfychatops.drill;

import io.cfychatops.app.CloudifyManagerPort;
import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.ArchiveVerifier;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.cloudify.http.RetryPolicy;
import io.cfychatops.config.DrillConfig;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.ops.ManualOperationScheduler;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationRequest;
import io.cfychatops.ops.OpsConfig;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ContentSize;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.store.Database;
import io.cfychatops.store.JdbcBackupCatalog;
import io.cfychatops.store.JdbcDrillLog;
import io.cfychatops.store.JdbcOperationStore;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Two simulators over real HTTP on one driven clock — {@code prod} (the source, with content) and
 * {@code scratch} (fresh) — the production manager port, an engine on an in-memory store database
 * with a manual scheduler, and a {@link DrillService} drilling prod onto scratch.
 */
final class DrillHarness implements AutoCloseable {
  final SettableClock clock = SettableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  final CloudifySimulator prod;
  final CloudifySimulator scratch;
  final CloudifyClient prodClient;
  final CloudifyClient scratchClient;
  final Database db;
  final RecordingChatPort chat = new RecordingChatPort(clock);
  final ManualOperationScheduler scheduler = new ManualOperationScheduler(clock);
  final OperationEngine engine;
  final JdbcDrillLog drills;
  final Metrics metrics = Metrics.create();
  final DrillService service;

  DrillHarness(Path tmp, UnaryOperator<SimulatorConfig.Builder> scratchCfg, Duration timeout) {
    prod = sim(tmp.resolve("prod"), b -> b.contentSize(ContentSize.SMALL));
    // another seed: two managers never share execution ids (a restore brings prod's along)
    scratch = sim(tmp.resolve("scratch"), b -> scratchCfg.apply(b.seed(7)));
    prodClient = client("prod", prod);
    scratchClient = client("scratch", scratch);
    db = Database.open("jdbc:hsqldb:mem:drill-" + UUID.randomUUID() + ";shutdown=true");
    db.migrate();
    JdbcBackupCatalog catalog = new JdbcBackupCatalog(db);
    Path archives = tmp.resolve("archives");
    CloudifyManagerPort port =
        new CloudifyManagerPort(n -> n.equals("scratch") ? scratchClient : prodClient);
    engine =
        new OperationEngine(
                new JdbcOperationStore(db), port, chat, clock, OpsConfig.defaults("#ops", archives))
            .attach(scheduler)
            .archives(new ArchiveStore(archives).with(clock, new ArchiveVerifier(), catalog));
    drills = new JdbcDrillLog(db);
    service =
        DrillService.builder()
            .drill(
                "prod",
                new DrillConfig(
                    null,
                    ZoneOffset.UTC,
                    "scratch",
                    DrillConfig.Pick.LATEST,
                    Duration.ZERO,
                    timeout,
                    DrillConfig.DEFAULT_MAX_AGE))
            .engine(engine)
            .catalog(catalog)
            .log(drills)
            .archiveRoot(archives)
            .clock(clock)
            .chat(chat, "#reports")
            .metrics(metrics)
            .build();
  }

  private CloudifySimulator sim(Path dir, UnaryOperator<SimulatorConfig.Builder> cfg) {
    CloudifySimulator s =
        new CloudifySimulator(
            cfg.apply(SimulatorConfig.builder().clock(clock).storageDir(dir)).build());
    try {
      s.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }

  private static CloudifyClient client(String name, CloudifySimulator sim) {
    return HttpCloudifyClient.builder(
            ManagerConnection.of(
                    name,
                    URI.create(sim.baseUrl()),
                    SimulatorConfig.DEFAULT_TENANT,
                    Credentials.basic(
                        SimulatorConfig.DEFAULT_USER, SimulatorConfig.DEFAULT_PASSWORD))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))
        .retryPolicy(RetryPolicy.NONE)
        .build();
  }

  /** A nightly-like verified copy of prod in the archive store: create, then download. */
  void backUpProd(String snapshot) {
    for (OpKind k : new OpKind[] {OpKind.CREATE, OpKind.DOWNLOAD}) {
      Operation op =
          runToEnd(
              engine.submit(OperationRequest.of(k, "prod", snapshot, "U1")), Duration.ofHours(1));
      if (!op.status().name().equals("SUCCEEDED")) {
        throw new AssertionError(k + " failed: " + op);
      }
    }
  }

  /** Runs due work, jumping the clock to the next due time, until the operation ends. */
  Operation runToEnd(String id, Duration limit) {
    Instant stop = clock.instant().plus(limit);
    while (clock.instant().isBefore(stop)) {
      scheduler.runDue();
      Operation op = engine.find(id).orElseThrow();
      if (op.status().isFinal()) {
        return op;
      }
      Instant next = scheduler.nextDue().orElse(null);
      if (next == null) {
        return op;
      }
      clock.set(next.isAfter(clock.instant()) ? next : clock.instant().plusMillis(1));
    }
    throw new AssertionError("operation " + id + " did not end within " + limit);
  }

  String scratchMaintenance() {
    return scratchClient.getMaintenance().status().name().toLowerCase();
  }

  @Override
  public void close() {
    prodClient.close();
    scratchClient.close();
    prod.stop();
    scratch.stop();
    db.close();
  }
}
