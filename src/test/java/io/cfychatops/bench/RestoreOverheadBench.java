package io.cfychatops.bench;

import io.cfychatops.app.CloudifyManagerPort;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Execution;
import io.cfychatops.ops.InMemoryOperationStore;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManualOperationScheduler;
import io.cfychatops.ops.OpStatus;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationRequest;
import io.cfychatops.ops.OpsConfig;
import io.cfychatops.ops.StepState;
import io.cfychatops.ops.TestSpecs;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restore overhead: the bot's restore runbook (approved by a second user, no safety snapshot, so
 * only the restore itself is timed) against the simulator over loopback HTTP, in simulated time,
 * with a known restore execution time and a REST outage right after it. Per run it prints the bot's
 * total (submit → operation finished), the manager's own time (restore POST → execution end or
 * outage end, whichever is later), the maintenance window (activate → deactivate request), the
 * overhead (total − manager) and the manager requests; then the targets with MET/MISSED.
 *
 * <p>Run: {@code bench/run.sh RestoreOverheadBench [runs] [restoreSeconds] [outageSeconds]}.
 */
public final class RestoreOverheadBench {
  static final String M = "prod";

  record Run(
      Duration total,
      Duration manager,
      Duration window,
      Duration tail,
      long requests,
      long status) {
    Duration overhead() {
      return total.minus(manager);
    }
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int restoreS = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int outageS = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    SettableClock clock = SettableClock.at(Instant.parse("2026-12-02T02:00:00Z"));
    Path dir = Files.createTempDirectory("bench-restore");
    CloudifySimulator sim =
        new CloudifySimulator(
            SimulatorConfig.builder()
                .clock(clock)
                .restoreRunDuration(Duration.ofSeconds(restoreS))
                .outageDelay(Duration.ofSeconds(restoreS))
                .outageDuration(Duration.ofSeconds(outageS))
                .workerThreads(2)
                .clusterScenario(io.cfychatops.sim.ClusterScenario.SINGLE_NODE)
                .contentSize(io.cfychatops.sim.ContentSize.SMALL)
                .storageDir(dir.resolve("sim"))
                .build());
    sim.start();
    CloudifyClient client = PollingEconomyBench.newClient(sim);
    try {
      Map<String, Instant> last = new ConcurrentHashMap<>();
      Map<String, Instant> first = new ConcurrentHashMap<>();
      Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
      ManagerPort real = new CloudifyManagerPort(name -> M.equals(name) ? client : null);
      ManagerPort port =
          (ManagerPort)
              java.lang.reflect.Proxy.newProxyInstance(
                  ManagerPort.class.getClassLoader(),
                  new Class<?>[] {ManagerPort.class},
                  (p, m, a) -> {
                    Instant now = clock.instant();
                    calls.computeIfAbsent(m.getName(), k -> new AtomicLong()).incrementAndGet();
                    first.putIfAbsent(m.getName(), now);
                    last.put(m.getName(), now);
                    try {
                      return m.invoke(real, a);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      InMemoryOperationStore store = new InMemoryOperationStore();
      ManualOperationScheduler sched = new ManualOperationScheduler(clock);
      OperationEngine engine =
          new OperationEngine(
                  store,
                  port,
                  new RecordingChatPort(clock),
                  clock,
                  OpsConfig.defaults("#ops", dir.resolve("archives")))
              .attach(sched);
      List<Run> results = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        first.clear();
        last.clear();
        calls.clear();
        // a restore replaces the database (and its snapshot list): a fresh snapshot per run
        real.createSnapshot(M, "bench-" + i, ManagerPort.CreateFlags.MANAGER_DEFAULTS);
        clock.advance(Duration.ofSeconds(60));
        results.add(
            run(
                engine,
                sched,
                store,
                clock,
                client,
                "bench-" + i,
                first,
                last,
                calls,
                restoreS,
                outageS));
        clock.advance(Duration.ofSeconds(30));
      }
      report(results, restoreS, outageS);
    } finally {
      client.close();
      sim.stop();
    }
  }

  static Run run(
      OperationEngine engine,
      ManualOperationScheduler sched,
      InMemoryOperationStore store,
      SettableClock clock,
      CloudifyClient client,
      String snap,
      Map<String, Instant> first,
      Map<String, Instant> last,
      Map<String, AtomicLong> calls,
      int restoreS,
      int outageS)
      throws Exception {
    Instant submitted = clock.instant();
    String id =
        engine.submit(
            new OperationRequest(
                TestSpecs.restore(snap, false, false), M, "U1", List.of("U2"), null, null));
    Operation op;
    while (true) {
      sched.runDue();
      op = store.find(id).orElseThrow();
      if (op.status().isFinal()) {
        break;
      }
      Instant now = clock.instant();
      Instant next = sched.nextDue().orElse(null);
      Instant p = engine.progressDue();
      if (p != null && (next == null || p.isBefore(next))) {
        next = p;
      }
      if (Duration.between(submitted, now).toMinutes() > 30) {
        throw new IllegalStateException("restore did not finish in 30 simulated minutes: " + op);
      }
      clock.set(next == null || !next.isAfter(now) ? now.plusMillis(1) : next);
    }
    if (op.status() != OpStatus.SUCCEEDED) {
      throw new IllegalStateException("bench restore failed: " + op);
    }
    Instant end =
        op.finishedAt() != null
            ? op.finishedAt()
            : op.steps().stream()
                .map(StepState::finishedAt)
                .filter(java.util.Objects::nonNull)
                .max(Instant::compareTo)
                .orElseThrow();
    Instant post = first.get("restoreSnapshot");
    Execution e = client.getExecution(op.step("restore").orElseThrow().executionId());
    Instant outageEnd = post.plusSeconds(restoreS + (long) outageS);
    Instant managerEnd = e.endedAt().isAfter(outageEnd) ? e.endedAt() : outageEnd;
    Instant on = first.get("activateMaintenance");
    Instant off = last.get("deactivateMaintenance");
    long requests = calls.values().stream().mapToLong(AtomicLong::get).sum();
    long status = calls.getOrDefault("restoreRunning", new AtomicLong()).get();
    return new Run(
        Duration.between(submitted, end),
        Duration.between(post, managerEnd),
        Duration.between(on, off),
        Duration.between(managerEnd, off),
        requests,
        status);
  }

  static void report(List<Run> rs, int restoreS, int outageS) {
    System.out.printf(
        "%nRestore overhead: restore execution %d s, then REST outage %d s (simulated time)%n",
        restoreS, outageS);
    System.out.printf(
        "%-5s %10s %10s %10s %10s %12s %9s %14s%n",
        "run",
        "bot total",
        "manager",
        "overhead",
        "maint.",
        "maint.-mgr",
        "requests",
        "status polls");
    double worstOver = 0;
    double worstWin = 0;
    double worstRatio = 0;
    for (int i = 0; i < rs.size(); i++) {
      Run r = rs.get(i);
      System.out.printf(
          "%-5d %8.1f s %8.1f s %8.1f s %8.1f s %10.1f s %9d %14d%n",
          i + 1,
          s(r.total()),
          s(r.manager()),
          s(r.overhead()),
          s(r.window()),
          s(r.window().minus(r.manager())),
          r.requests(),
          r.status());
      worstOver = Math.max(worstOver, s(r.overhead()));
      worstRatio = Math.max(worstRatio, s(r.overhead()) / s(r.manager()));
      worstWin = Math.max(worstWin, s(r.window().minus(r.manager())));
    }
    double mgr = rs.stream().mapToDouble(r -> s(r.manager())).min().orElse(0);
    double overTarget = Math.max(0.05 * mgr, 3.0);
    // cfy -w model: an execution GET + an events GET per 1 s turn over the manager's time
    double cfy = 2 * mgr;
    double req = rs.stream().mapToLong(Run::requests).max().orElse(0);
    System.out.printf(
        "%nbot overhead (worst) %.1f s (%.1f%% of the manager's time); target <= max(5%%, 3 s) ="
            + " %.1f s: %s%n",
        worstOver, 100 * worstRatio, overTarget, worstOver <= overTarget ? "MET" : "MISSED");
    System.out.printf(
        "maintenance window - manager time (worst) %.1f s; target <= 3 s: %s%n",
        worstWin, worstWin <= 3.0 ? "MET" : "MISSED");
    System.out.printf(
        "manager requests per restore (worst) %.0f, vs ~%.0f for a `cfy -w` style 1 s loop over"
            + " the manager's time (%.0f%%)%n",
        req, cfy, 100 * req / cfy);
  }

  static double s(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
