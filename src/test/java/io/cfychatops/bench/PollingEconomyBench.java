package io.cfychatops.bench;

import io.cfychatops.app.CloudifyManagerPort;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.CreateOptions;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.Execution;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.cloudify.http.RetryPolicy;
import io.cfychatops.ops.InMemoryOperationStore;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManualOperationScheduler;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationRequest;
import io.cfychatops.ops.OpsConfig;
import io.cfychatops.ops.PollPolicy;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Manager requests per completed operation, and time from an execution's terminal state to the
 * Slack update, for the ops engine against the simulator (over loopback HTTP, simulated time), next
 * to what {@code cfy snapshots create -w} does: one execution GET plus one events GET per 1 s turn.
 *
 * <p>Run: {@code mvn -o -q test-compile && java -cp target/classes:target/test-classes:$(cat
 * cp.txt) io.cfychatops.bench.PollingEconomyBench [ops] [runSeconds]}.
 */
public final class PollingEconomyBench {
  static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

  record Result(String name, int ops, long requests, List<Long> latenciesMs) {
    double perOp() {
      return (double) requests / ops;
    }

    long pct(double p) {
      List<Long> l = new ArrayList<>(latenciesMs);
      l.sort(Long::compare);
      return l.get(Math.min(l.size() - 1, (int) Math.ceil(p * l.size()) - 1));
    }
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int run = args.length > 1 ? Integer.parseInt(args[1]) : 45;
    List<Result> results = new ArrayList<>();
    results.add(cfyWait(n, run));
    results.add(engine(n, run, PollPolicy.DEFAULT, "ops engine (1s x1.5, ceiling 2s)"));
    results.add(engine(n, run, PollPolicy.SLOW, "ops engine (1s x1.5, ceiling 10s)"));
    System.out.printf(
        "%n%d create operations, each on its own simulated manager; execution run time uniform in"
            + " [%d s, %d s) (+0.5 s pending); starts staggered%n",
        n, run / 2, run * 3 / 2);
    System.out.printf(
        "%-36s %10s %14s %12s %12s%n", "", "requests", "requests/op", "p50 latency", "p95 latency");
    for (Result r : results) {
      System.out.printf(
          "%-36s %10d %14.1f %10d ms %10d ms%n",
          r.name(), r.requests(), r.perOp(), r.pct(0.50), r.pct(0.95));
    }
    Result cfy = results.get(0);
    Result ours = results.get(1);
    System.out.printf(
        "%nops engine (default) uses %.0f%% of cfy -w's requests; p95 terminal->Slack %d ms%n",
        100.0 * ours.requests() / cfy.requests(), ours.pct(0.95));
  }

  /** Execution run time of operation i: between run/2 and 3*run/2, with millisecond jitter. */
  static Duration runOf(int i, int run) {
    java.util.Random r = new java.util.Random(1000 + i);
    return Duration.ofMillis(run * 500L + (long) (r.nextDouble() * run * 1000L));
  }

  /** One simulated manager per operation, so each can have its own execution duration. */
  static final class Sims implements AutoCloseable {
    final List<CloudifySimulator> sims = new ArrayList<>();
    final List<CloudifyClient> clients = new ArrayList<>();

    Sims(SettableClock clock, int n, int run, Path dir) throws Exception {
      for (int i = 0; i < n; i++) {
        CloudifySimulator sim =
            new CloudifySimulator(
                SimulatorConfig.builder()
                    .clock(clock)
                    .runDuration(runOf(i, run))
                    .workerThreads(2)
                    .storageDir(dir.resolve("m" + i))
                    .build());
        sim.start();
        sims.add(sim);
        clients.add(newClient(sim));
      }
    }

    CloudifyClient client(String manager) {
      return clients.get(Integer.parseInt(manager.substring(1)));
    }

    @Override
    public void close() {
      clients.forEach(CloudifyClient::close);
      sims.forEach(CloudifySimulator::stop);
    }
  }

  static CloudifyClient newClient(CloudifySimulator sim) {
    return HttpCloudifyClient.builder(
            ManagerConnection.of(
                "prod",
                URI.create(sim.baseUrl()),
                SimulatorConfig.DEFAULT_TENANT,
                Credentials.basic(SimulatorConfig.DEFAULT_USER, SimulatorConfig.DEFAULT_PASSWORD)))
        .retryPolicy(RetryPolicy.NONE)
        .build();
  }

  static Instant start(int i) {
    return T0.plusMillis(i * 3_777L);
  }

  /** The CLI's loop: PUT, then (GET execution, GET events, sleep 1 s) until an end state. */
  static Result cfyWait(int n, int run) throws Exception {
    SettableClock clock = SettableClock.at(T0);
    Path dir = Files.createTempDirectory("bench-cfy");
    try (Sims sims = new Sims(clock, n, run, dir)) {
      long requests = 0;
      List<Long> lat = new ArrayList<>();
      Map<Integer, String> exec = new HashMap<>();
      Map<Integer, Instant> nextTurn = new HashMap<>();
      Set<Integer> done = new java.util.HashSet<>();
      while (done.size() < n) {
        Instant now = clock.instant();
        for (int i = 0; i < n; i++) {
          if (done.contains(i)) {
            continue;
          }
          if (!exec.containsKey(i) && !start(i).isAfter(now)) {
            exec.put(
                i,
                sims.clients
                    .get(i)
                    .createSnapshot(SnapshotId.of("cli-" + i), CreateOptions.defaults())
                    .id());
            requests++;
            nextTurn.put(i, now);
          }
          if (exec.containsKey(i) && !nextTurn.get(i).isAfter(now)) {
            Execution e = sims.clients.get(i).getExecution(exec.get(i));
            requests += 2; // execution GET + events GET
            if (e.isTerminal()) {
              done.add(i);
              lat.add(Duration.between(e.endedAt(), now).toMillis());
            } else {
              nextTurn.put(i, now.plusSeconds(1));
            }
          }
        }
        Instant next = null;
        for (int i = 0; i < n; i++) {
          if (done.contains(i)) {
            continue;
          }
          Instant t = exec.containsKey(i) ? nextTurn.get(i) : start(i);
          next = next == null || t.isBefore(next) ? t : next;
        }
        if (next != null) {
          clock.set(next.isAfter(now) ? next : now.plusMillis(1));
        }
      }
      return new Result("cfy snapshots create -w (CLI model)", n, requests, lat);
    }
  }

  /** First time a message or thread line of this living message reported the terminal state. */
  static Instant firstTerminal(RecordingChatPort chat, String tsId) {
    return chat.events().stream()
        .filter(e -> tsId.equals(e.ts()) && e.message().fallbackText().contains(" terminated"))
        .map(RecordingChatPort.Event::at)
        .findFirst()
        .orElse(null);
  }

  static Result engine(int n, int run, PollPolicy policy, String name) throws Exception {
    SettableClock clock = SettableClock.at(T0);
    Path dir = Files.createTempDirectory("bench-ops");
    try (Sims sims = new Sims(clock, n, run, dir)) {
      AtomicLong requests = new AtomicLong();
      ManagerPort real = new CloudifyManagerPort(sims::client);
      ManagerPort counted =
          (ManagerPort)
              java.lang.reflect.Proxy.newProxyInstance(
                  ManagerPort.class.getClassLoader(),
                  new Class<?>[] {ManagerPort.class},
                  (p, m, a) -> {
                    requests.incrementAndGet();
                    try {
                      return m.invoke(real, a);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      RecordingChatPort chat = new RecordingChatPort(clock);
      InMemoryOperationStore store = new InMemoryOperationStore();
      ManualOperationScheduler sched = new ManualOperationScheduler(clock);
      OperationEngine engine =
          new OperationEngine(
                  store, counted, chat, clock, OpsConfig.defaults("#ops", dir).withPoll(policy))
              .attach(sched);
      List<String> ids = new ArrayList<>();
      while (true) {
        Instant now = clock.instant();
        while (ids.size() < n && !start(ids.size()).isAfter(now)) {
          ids.add(
              engine.submit(
                  OperationRequest.of(OpKind.CREATE, "m" + ids.size(), "ops-" + ids.size(), "U1")));
        }
        sched.runDue();
        boolean all =
            ids.size() == n
                && ids.stream().allMatch(id -> store.find(id).orElseThrow().status().isFinal());
        if (all) {
          break;
        }
        Instant next = sched.nextDue().orElse(null);
        if (ids.size() < n && (next == null || start(ids.size()).isBefore(next))) {
          next = start(ids.size());
        }
        Instant p = engine.progressDue();
        if (p != null && (next == null || p.isBefore(next))) {
          next = p;
        }
        clock.set(next == null || !next.isAfter(now) ? now.plusMillis(1) : next);
      }
      List<Long> lat = new ArrayList<>();
      for (String id : ids) {
        Operation op = store.find(id).orElseThrow();
        if (op.status() != io.cfychatops.ops.OpStatus.SUCCEEDED) {
          throw new IllegalStateException("bench op failed: " + op);
        }
        Execution e =
            sims.client(op.manager()).getExecution(op.step("create").orElseThrow().executionId());
        lat.add(
            Duration.between(e.endedAt(), firstTerminal(chat, op.messageRef().ts())).toMillis());
      }
      return new Result(name, n, requests.get(), lat);
    }
  }
}
