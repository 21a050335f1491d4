package io.cfychatops.sim;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Command line: {@code simulator [--port N] [--user U] [--password P] [--tenant T] [--latency-ms N]
 * [--error-rate F] [--exec-seconds S] [--outage-seconds S] [--outage-mode 502|drop] [--archive-size
 * BYTES[k|m|g]] [--seed N] [--snapshot-status-lag-ms N] [--content-size none|small|medium|large|N]
 * [--content-seed N] [--audit-duplicates N] [--restore-target clean|non-empty] [--manager-version
 * V] [--snapshot-version V] [--edition premium|community] [--restore-entity-failures N] [--cluster
 * SCENARIO] [--test-hooks]}, parsed by picocli ({@code --help} prints the options; bad arguments
 * exit with 2). Runs in real time (system clock) until the JVM stops. {@code
 * --snapshot-status-lag-ms} is a fault knob (off by default): the snapshot leaves {@code creating}
 * that long after its create execution ended. The content flags size what the manager holds and
 * what its archives and restores carry (see {@link SimulatorConfig}). An option left out keeps
 * {@link SimulatorConfig}'s default (port {@value SimulatorConfig#DEFAULT_CLI_PORT}).
 */
@Command(
    name = "simulator",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Run the Cloudify Manager simulator alone (real time, until stopped).")
public final class SimulatorMain implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Listen port (0 = any free port; default 8100).")
  Integer port;

  @Option(names = "--user", paramLabel = "U", description = "Admin user name (default admin).")
  String user;

  @Option(names = "--password", paramLabel = "P", description = "Admin password (default admin).")
  String password;

  @Option(names = "--tenant", paramLabel = "T", description = "Tenant (default default_tenant).")
  String tenant;

  @Option(names = "--latency-ms", paramLabel = "N", description = "Added latency per request.")
  Long latencyMs;

  @Option(
      names = "--error-rate",
      paramLabel = "0..1",
      description = "Share of requests answered with a random fault.")
  Double errorRate;

  @Option(names = "--exec-seconds", paramLabel = "S", description = "How long an execution runs.")
  Double execSeconds;

  @Option(
      names = "--outage-seconds",
      paramLabel = "S",
      description = "REST outage during a restore.")
  Double outageSeconds;

  @Option(
      names = "--outage-mode",
      paramLabel = "502|drop",
      converter = OutageModeConverter.class,
      description = "What the outage looks like.")
  OutageMode outageMode;

  @Option(
      names = "--archive-size",
      paramLabel = "BYTES[k|m|g]",
      converter = SizeConverter.class,
      description = "Size of snapshot archives (default 64k).")
  Long archiveSize;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed.")
  Long seed;

  @Option(
      names = "--snapshot-status-lag-ms",
      paramLabel = "N",
      description = "Snapshot status lands N ms after its execution ends (off by default).")
  Long snapshotStatusLagMs;

  @Option(
      names = "--content-size",
      paramLabel = "none|small|medium|large|N",
      converter = ContentSizeConverter.class,
      description = "What the manager holds (default none).")
  ContentSize contentSize;

  @Option(
      names = "--content-seed",
      paramLabel = "N",
      description = "Seed of the content (default --seed).")
  Long contentSeed;

  @Option(
      names = "--audit-duplicates",
      paramLabel = "N",
      description = "Entities each snapshot dump writes twice.")
  Integer auditDuplicates;

  @Option(
      names = "--restore-target",
      paramLabel = "clean|non-empty",
      converter = RestoreTargetConverter.class,
      description = "State of the manager a restore lands on.")
  RestoreTarget restoreTarget;

  @Option(
      names = "--manager-version",
      paramLabel = "V",
      description = "Version the manager reports.")
  String managerVersion;

  @Option(
      names = "--snapshot-version",
      paramLabel = "V",
      description = "Version written into archives.")
  String snapshotVersion;

  @Option(
      names = "--edition",
      paramLabel = "premium|community",
      description = "Edition the manager reports.")
  String edition;

  @Option(
      names = "--restore-entity-failures",
      paramLabel = "N",
      description = "Entities of each restore that fail.")
  Integer restoreEntityFailures;

  @Option(
      names = "--cluster",
      converter = ClusterConverter.class,
      paramLabel =
          "single-node|healthy|one-node-down|active-node-down|whole-cluster-down|split-brain",
      description = "Cluster status scenario.")
  ClusterScenario cluster;

  /**
   * Turns on the unauthenticated {@code /_sim/…} endpoints of {@link TestHooks} (request counts, a
   * wait for a request to arrive): for acceptance tests only, off by default. Takes no value.
   */
  @Option(
      names = "--test-hooks",
      description =
          "Unauthenticated GET /_sim/requests and /_sim/await"
              + " for acceptance tests (off by default).")
  boolean testHooks;

  public static void main(String[] args) {
    System.exit(commandLine(new SimulatorMain()).execute(args));
  }

  /**
   * A picocli command line for {@code command}: usage errors exit with 2, as every command here.
   */
  static CommandLine commandLine(SimulatorMain command) {
    return new CommandLine(command);
  }

  /** The usage text ({@code --help}). */
  public static String usage() {
    return commandLine(new SimulatorMain()).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /**
   * Starts the simulator, prints the listening line and blocks until the JVM stops. Bad values
   * {@link SimulatorConfig} refuses are usage errors (exit 2), like unknown options.
   */
  @Override
  public Integer call() throws Exception {
    SimulatorConfig cfg;
    try {
      cfg = toConfig();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    CloudifySimulator sim = new CloudifySimulator(cfg);
    if (testHooks) {
      sim.enableTestHooks();
      System.out.println(
          "Test hooks on: GET /_sim/requests, GET /_sim/await (unauthenticated; tests only)");
    }
    int bound = sim.start();
    announce(System.out, cfg, bound);
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(sim::stop, "cfy-sim-shutdown"));
    forever.await();
    return 0;
  }

  static void announce(PrintStream out, SimulatorConfig cfg, int port) {
    out.println(
        "Cloudify simulator listening on http://"
            + cfg.host()
            + ":"
            + port
            + " (user "
            + cfg.username()
            + ", tenant "
            + cfg.tenant()
            + ")");
    out.flush();
  }

  /**
   * Parses the flags into a config; unknown flags and bad values throw with a message (a picocli
   * {@link CommandLine.ParameterException}, or the {@link IllegalArgumentException} of {@link
   * SimulatorConfig}'s checks).
   */
  public static SimulatorConfig parse(String[] args) {
    SimulatorMain m = new SimulatorMain();
    commandLine(m).parseArgs(args);
    return m.toConfig();
  }

  /** The options given, over {@link SimulatorConfig}'s defaults. */
  SimulatorConfig toConfig() {
    SimulatorConfig.Builder b =
        SimulatorConfig.builder().port(port == null ? SimulatorConfig.DEFAULT_CLI_PORT : port);
    if (cluster != null) {
      b.clusterScenario(cluster);
    }
    if (user != null) {
      b.username(user);
    }
    if (password != null) {
      b.password(password);
    }
    if (tenant != null) {
      b.tenant(tenant);
    }
    if (latencyMs != null) {
      b.latency(Duration.ofMillis(latencyMs));
    }
    if (errorRate != null) {
      b.errorRate(errorRate);
    }
    if (execSeconds != null) {
      Duration d = seconds(execSeconds);
      b.runDuration(d).restoreRunDuration(d);
    }
    if (outageSeconds != null) {
      b.outageDuration(seconds(outageSeconds));
    }
    if (outageMode != null) {
      b.outageMode(outageMode);
    }
    if (archiveSize != null) {
      b.archiveSize(archiveSize);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (snapshotStatusLagMs != null) {
      b.snapshotUpdateLag(Duration.ofMillis(snapshotStatusLagMs));
    }
    if (contentSize != null) {
      b.contentSize(contentSize);
    }
    if (contentSeed != null) {
      b.contentSeed(contentSeed);
    }
    if (auditDuplicates != null) {
      b.auditDuplicates(auditDuplicates);
    }
    if (restoreTarget != null) {
      b.restoreTarget(restoreTarget);
    }
    if (managerVersion != null) {
      b.managerVersion(managerVersion);
    }
    if (snapshotVersion != null) {
      b.snapshotVersion(snapshotVersion);
    }
    if (edition != null) {
      b.edition(edition.toLowerCase(Locale.ROOT));
    }
    if (restoreEntityFailures != null) {
      b.restoreEntityFailures(restoreEntityFailures);
    }
    return b.build();
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
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

  /** A picocli converter over one of the parsers here; their message becomes picocli's. */
  private abstract static class Converter<T> implements CommandLine.ITypeConverter<T> {
    private final java.util.function.Function<String, T> parser;

    Converter(java.util.function.Function<String, T> parser) {
      this.parser = parser;
    }

    @Override
    public T convert(String value) {
      try {
        return parser.apply(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class SizeConverter extends Converter<Long> {
    SizeConverter() {
      super(SimulatorMain::parseSize);
    }
  }

  static final class OutageModeConverter extends Converter<OutageMode> {
    OutageModeConverter() {
      super(OutageMode::parse);
    }
  }

  static final class ContentSizeConverter extends Converter<ContentSize> {
    ContentSizeConverter() {
      super(ContentSize::parse);
    }
  }

  static final class RestoreTargetConverter extends Converter<RestoreTarget> {
    RestoreTargetConverter() {
      super(RestoreTarget::parse);
    }
  }

  static final class ClusterConverter extends Converter<ClusterScenario> {
    ClusterConverter() {
      super(ClusterConverter::scenario);
    }

    private static ClusterScenario scenario(String v) {
      try {
        return ClusterScenario.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Unknown cluster scenario `" + v + "`", e);
      }
    }
  }
}
