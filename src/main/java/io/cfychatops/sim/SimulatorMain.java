package io.cfychatops.sim;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code simulator [--port N] [--user U] [--password P] [--tenant T]
 * [--latency-ms N] [--error-rate F] [--exec-seconds S] [--outage-seconds S] [--outage-mode 502|drop]
 * [--archive-size BYTES[k|m|g]] [--seed N] [--snapshot-status-lag-ms N] [--content-size
 * none|small|medium|large|N] [--content-seed N] [--audit-duplicates N] [--restore-target
 * clean|non-empty] [--manager-version V] [--snapshot-version V] [--edition premium|community]
 * [--restore-entity-failures N]}. Runs in real time (system clock) until the JVM stops. {@code
 * --snapshot-status-lag-ms} is a fault knob (off by default): the snapshot leaves {@code creating}
 * that long after its create execution ended. The content flags size what the manager holds and
 * what its archives and restores carry (see {@link SimulatorConfig}).
 */
public final class SimulatorMain {
  public static final String USAGE = "Usage: simulator [--port N] [--user U] [--password P]"
      + " [--tenant T] [--latency-ms N] [--error-rate 0..1] [--exec-seconds S]"
      + " [--outage-seconds S] [--outage-mode 502|drop] [--archive-size BYTES[k|m|g]] [--seed N]"
      + " [--snapshot-status-lag-ms N] [--content-size none|small|medium|large|N]"
      + " [--content-seed N] [--audit-duplicates N] [--restore-target clean|non-empty]"
      + " [--manager-version V] [--snapshot-version V] [--edition premium|community]"
      + " [--restore-entity-failures N]"
      + " [--cluster single-node|healthy|one-node-down|active-node-down|whole-cluster-down|split-brain]";

  private SimulatorMain() {}

  /**
   * Turns on the unauthenticated {@code /_sim/…} endpoints of {@link TestHooks} (request counts, a
   * wait for a request to arrive): for acceptance tests only, off by default. Takes no value.
   */
  static final String TEST_HOOKS = "--test-hooks";
  static final String TEST_HOOKS_USAGE = "       [--test-hooks]  unauthenticated GET /_sim/requests and"
      + " /_sim/await for acceptance tests (off by default)";

  public static void main(String[] args) throws Exception {
    System.exit(runFromArgs(args));
  }

  /** Parses, starts, prints the listening line and blocks; returns 2 on bad arguments. */
  public static int runFromArgs(String[] args) throws Exception {
    SimulatorConfig cfg;
    try {
      cfg = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.err.println(TEST_HOOKS_USAGE);
      return 2;
    }
    CloudifySimulator sim = new CloudifySimulator(cfg);
    if (java.util.Arrays.asList(args).contains(TEST_HOOKS)) {
      sim.enableTestHooks();
      System.out.println("Test hooks on: GET /_sim/requests, GET /_sim/await (unauthenticated; tests only)");
    }
    int port = sim.start();
    announce(System.out, cfg, port);
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(sim::stop, "cfy-sim-shutdown"));
    forever.await();
    return 0;
  }

  static void announce(PrintStream out, SimulatorConfig cfg, int port) {
    out.println("Cloudify simulator listening on http://" + cfg.host() + ":" + port + " (user "
        + cfg.username() + ", tenant " + cfg.tenant() + ")");
    out.flush();
  }

  /** Parses the flags into a config; unknown flags and bad values throw with a message. */
  public static SimulatorConfig parse(String[] args) {
    SimulatorConfig.Builder b = SimulatorConfig.builder().port(SimulatorConfig.DEFAULT_CLI_PORT);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("-h") || flag.equals("--help")) {
        throw new IllegalArgumentException("Cloudify Manager simulator");
      }
      if (flag.equals(TEST_HOOKS)) {
        continue; // no value; not part of SimulatorConfig (see runFromArgs)
      }
      String value;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      } else {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("Missing value for " + flag);
        }
        value = args[++i];
      }
      try {
        switch (flag) {
          case "--port" -> b.port(Integer.parseInt(value));
          case "--cluster" -> b.clusterScenario(ClusterScenario.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_')));
          case "--user" -> b.username(value);
          case "--password" -> b.password(value);
          case "--tenant" -> b.tenant(value);
          case "--latency-ms" -> b.latency(Duration.ofMillis(Long.parseLong(value)));
          case "--error-rate" -> b.errorRate(Double.parseDouble(value));
          case "--exec-seconds" -> {
            Duration d = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
            b.runDuration(d).restoreRunDuration(d);
          }
          case "--outage-seconds" ->
              b.outageDuration(Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000)));
          case "--outage-mode" -> b.outageMode(OutageMode.parse(value));
          case "--archive-size" -> b.archiveSize(parseSize(value));
          case "--seed" -> b.seed(Long.parseLong(value));
          case "--snapshot-status-lag-ms" -> b.snapshotUpdateLag(Duration.ofMillis(Long.parseLong(value)));
          case "--content-size" -> b.contentSize(ContentSize.parse(value));
          case "--content-seed" -> b.contentSeed(Long.parseLong(value));
          case "--audit-duplicates" -> b.auditDuplicates(Integer.parseInt(value));
          case "--restore-target" -> b.restoreTarget(RestoreTarget.parse(value));
          case "--manager-version" -> b.managerVersion(value);
          case "--snapshot-version" -> b.snapshotVersion(value);
          case "--edition" -> b.edition(value.toLowerCase(Locale.ROOT));
          case "--restore-entity-failures" -> b.restoreEntityFailures(Integer.parseInt(value));
          default -> throw new IllegalArgumentException("Unknown option " + flag);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Bad value for " + flag + ": `" + value + "`");
      }
    }
    return b.build();
  }

  /** {@code 65536}, {@code 64k}, {@code 10m}, {@code 1g} (binary multiples, case-insensitive). */
  public static long parseSize(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    if (v.endsWith("b")) {
      v = v.substring(0, v.length() - 1);
    }
    long mult = 1;
    if (!v.isEmpty()) {
      switch (v.charAt(v.length() - 1)) {
        case 'k' -> mult = 1024L;
        case 'm' -> mult = 1024L * 1024;
        case 'g' -> mult = 1024L * 1024 * 1024;
        default -> mult = 1;
      }
    }
    if (mult > 1) {
      v = v.substring(0, v.length() - 1);
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(n, mult);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("Bad size `" + s + "`; use bytes or a k/m/g suffix");
    }
  }
}
