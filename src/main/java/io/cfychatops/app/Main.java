package io.cfychatops.app;

import io.cfychatops.config.BotConfig;
import io.cfychatops.config.ConfigException;
import io.cfychatops.config.ConfigLoader;
import io.cfychatops.console.ConsoleAdapter;
import io.cfychatops.console.ConsoleChatPort;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ClusterScenario;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.sim.SimulatorMain;
import io.cfychatops.slack.SlackBot;
import io.cfychatops.slack.SlackSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cfy-chatops simulator|console|slack}, parsed by picocli: {@code --help} on the command and
 * on each subcommand ({@code help COMMAND} too). Exit codes: 0 ok, 2 bad arguments or config
 * (picocli's usage-error code; {@link ConfigException}, {@link IllegalArgumentException} and {@link
 * IllegalStateException} thrown while starting are mapped to it, with their message).
 */
@Command(
    name = "java -jar cfy-chatops.jar",
    usageHelpAutoWidth = true,
    subcommands = {
      SimulatorMain.class,
      Main.ConsoleCommand.class,
      Main.SlackCommand.class,
      HelpCommand.class
    },
    footer = {
      "Config: --config FILE or CFY_CHATOPS_CONFIG; a single manager may come from CLOUDIFY_URL etc."
    })
public final class Main implements Callable<Integer> {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Spec CommandSpec spec;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length > 0
        && args[0].equals("console")
        && System.getenv("LOG_LEVEL") == null
        && System.getProperty("LOG_LEVEL") == null) {
      System.setProperty(
          "LOG_LEVEL", "WARN"); // the console shows replies; logs only when something is wrong
    }
    return commandLine().execute(args);
  }

  /** The command line with its subcommands and the exit-code mapping of start-up failures. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Main::startFailed);
    return cl;
  }

  /** No command: the usage, exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut(), CommandLine.Help.Ansi.OFF);
    return 2;
  }

  private static int startFailed(Exception e, CommandLine cl, CommandLine.ParseResult parsed)
      throws Exception {
    if (e instanceof ConfigException) {
      cl.getErr().println(e.getMessage());
    } else if (e instanceof IllegalArgumentException) {
      cl.getErr().println(e.getMessage());
      cl.usage(cl.getErr(), CommandLine.Help.Ansi.OFF);
    } else if (e instanceof IllegalStateException) {
      cl.getErr()
          .println(e.getMessage()); // e.g. incomplete Slack settings, every missing variable listed
    } else {
      throw e;
    }
    return 2;
  }

  /**
   * What the bot's commands ({@code console}, {@code slack}) both take: {@code --help}, {@code
   * --config FILE}.
   */
  static final class BotOptions {
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help and exit.")
    boolean help;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "Config file (default: CFY_CHATOPS_CONFIG).")
    Path config;
  }

  /** {@code console [--simulator] [--config FILE] [--as USER]}. */
  @Command(
      name = "console",
      usageHelpAutoWidth = true,
      description = "Type /cfy commands in a terminal (or pipe them in).")
  static final class ConsoleCommand implements Callable<Integer> {
    @Mixin BotOptions common = new BotOptions();

    @Option(
        names = "--simulator",
        description = "Demo: a built-in simulator and demo users (ignored with --config).")
    boolean simulator;

    @Option(
        names = "--as",
        paramLabel = "USER",
        description = "Who types (default ${DEFAULT-VALUE}); /as NAME changes it.")
    String as = "alice";

    @Override
    public Integer call() throws IOException {
      return run(System.in, System.out);
    }

    int run(java.io.InputStream in, PrintStream out) throws IOException {
      return console(simulator, common.config, as, in, out);
    }
  }

  /** {@code slack [--http] [--port N] [--config FILE]}. */
  @Command(
      name = "slack",
      usageHelpAutoWidth = true,
      description = "Run the Slack bot (Socket Mode by default).")
  static final class SlackCommand implements Callable<Integer> {
    @Mixin BotOptions common = new BotOptions();

    @Option(
        names = "--http",
        description = "HTTP mode (POST /slack/events) instead of Socket Mode.")
    boolean http;

    @Option(
        names = "--port",
        paramLabel = "N",
        description = "HTTP mode's public listener port (default: PORT, else 3000).")
    Integer port;

    @Override
    public Integer call() throws Exception {
      return slack(http, port, common.config);
    }
  }

  /** The console with {@code args} (its options) on {@code in}/{@code out}; for tests. */
  static int console(String[] args, java.io.InputStream in, PrintStream out) throws IOException {
    ConsoleCommand c = new ConsoleCommand();
    new CommandLine(c).parseArgs(args);
    return c.run(in, out);
  }

  private static int console(
      boolean simulator, Path config, String as, java.io.InputStream in, PrintStream out)
      throws IOException {
    CloudifySimulator sim = null;
    CloudifySimulator scratch = null;
    Path demoData = null;
    BotConfig cfg;
    if (simulator && config == null) {
      sim =
          new CloudifySimulator(
              SimulatorConfig.builder()
                  .port(0)
                  .clusterScenario(ClusterScenario.SINGLE_NODE)
                  // some content, so `snapshots inspect` and the restore card show something
                  .contentSize(io.cfychatops.sim.ContentSize.SMALL)
                  .build());
      sim.start();
      // the scratch manager `default`'s restore drill restores onto (`/cfy drills run`); another
      // seed, so the two managers' execution ids differ as real ones do
      scratch =
          new CloudifySimulator(
              SimulatorConfig.builder()
                  .port(0)
                  .seed(7)
                  .clusterScenario(ClusterScenario.SINGLE_NODE)
                  .build());
      scratch.start();
      demoData = Files.createTempDirectory("cfy-chatops-demo");
      cfg = Demo.config(sim.baseUrl(), scratch.baseUrl(), demoData);
      out.println(
          "(demo: simulator at "
              + sim.baseUrl()
              + ", scratch simulator at "
              + scratch.baseUrl()
              + "; alice operates, bob and carol approve, dave has no role)");
    } else {
      cfg = loadConfig(config);
    }
    ConsoleChatPort port = new ConsoleChatPort(out);
    // A console is a short-lived extra process: its own name per process, so it never takes back
    // work another live process (the Slack bot on this host, another console) holds. The demo
    // (--simulator) runs no nightly schedule or dead-man check: its database is thrown away at the
    // end and its simulator has no history, so both would only print noise; with --config they run.
    // No dead-man alarm in a console: its "scheduled" messages die with the terminal, and on a
    // store
    // shared with the Slack bot it would take over the record of the bot's real alarm.
    Bot.Options opts =
        new Bot.Options(
            Duration.ofMillis(200),
            Duration.ofSeconds(5),
            "console-" + ProcessHandle.current().pid(),
            !simulator,
            false);
    try (Bot bot = new Bot(cfg, port, Clock.systemUTC(), opts)) {
      ConsoleAdapter console = new ConsoleAdapter(bot.core(), port, out, as, bot::awaitIdle);
      console.run(
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10));
    } finally {
      if (sim != null) {
        sim.stop();
      }
      if (scratch != null) {
        scratch.stop();
      }
      if (demoData != null) {
        deleteTree(demoData);
      }
    }
    return 0;
  }

  /**
   * Open connections per JDK HTTP listener. Idle connections hold no thread but do hold a file
   * descriptor each; past this many, the JDK server closes new ones at once. Read once, when the
   * first JDK HTTP server loads, so it is set before any listener exists (a {@code -D} on the
   * command line wins).
   */
  static final String MAX_CONNECTIONS = "1000";

  private static int slack(boolean http, Integer port, Path config) throws Exception {
    if (System.getProperty("jdk.httpserver.maxConnections") == null) {
      System.setProperty("jdk.httpserver.maxConnections", MAX_CONNECTIONS);
    }
    SlackSettings settings = SlackSettings.fromEnv();
    if (port != null) {
      settings = settings.withPorts(port, http ? port : settings.healthPort());
    }
    settings.validate(http);
    BotConfig cfg = loadConfig(config);
    SlackBot slack = SlackBot.connect(settings);
    Bot bot = new Bot(cfg, slack.chatPort(), Clock.systemUTC(), Bot.Options.defaults());
    slack.start(bot.core(), bot::notReady, bot.metrics()::scrape, bot::home, http);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  slack.close();
                  bot.close();
                  stop.countDown();
                },
                "cfy-shutdown"));
    stop.await();
    return 0;
  }

  static BotConfig loadConfig(Path config) {
    Path file = config;
    if (file == null && System.getenv("CFY_CHATOPS_CONFIG") != null) {
      file = Path.of(System.getenv("CFY_CHATOPS_CONFIG"));
    }
    return new ConfigLoader(System.getenv()).load(file);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir
    }
  }
}
