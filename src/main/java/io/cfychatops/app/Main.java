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
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code cfy-chatops simulator|console|slack}. Exit codes: 0 ok, 2 bad arguments or config.
 */
public final class Main {
  static final String USAGE =
      """
      Usage: java -jar cfy-chatops.jar COMMAND [options]
        simulator [--port N] [...]                 run the Cloudify Manager simulator alone (see simulator --help)
        console [--simulator] [--config FILE] [--as USER]
                                                   type /cfy commands in a terminal (or pipe them in)
        slack [--http] [--port N] [--config FILE]  run the Slack bot (Socket Mode by default)
      Config: --config FILE or CFY_CHATOPS_CONFIG; a single manager may come from CLOUDIFY_URL etc.
      """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  static int run(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
      System.out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (args[0].equals("console") && System.getenv("LOG_LEVEL") == null && System.getProperty("LOG_LEVEL") == null) {
      System.setProperty("LOG_LEVEL", "WARN"); // the console shows replies; logs only when something is wrong
    }
    try {
      return switch (args[0]) {
        case "simulator" -> SimulatorMain.runFromArgs(rest);
        case "console" -> console(rest, System.in, System.out);
        case "slack" -> slack(rest);
        default -> {
          System.err.println("Unknown command `" + args[0] + "`.");
          System.err.print(USAGE);
          yield 2;
        }
      };
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      return 2;
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage()); // e.g. incomplete Slack settings, every missing variable listed
      return 2;
    }
  }

  static int console(String[] args, java.io.InputStream in, PrintStream out) throws IOException {
    boolean simulator = false;
    Path config = null;
    String as = "alice";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--simulator" -> simulator = true;
        case "--config" -> config = Path.of(value(args, ++i, "--config"));
        case "--as" -> as = value(args, ++i, "--as");
        default -> throw new IllegalArgumentException("Unknown option `" + args[i] + "` for console.");
      }
    }
    CloudifySimulator sim = null;
    Path demoData = null;
    BotConfig cfg;
    if (simulator && config == null) {
      sim = new CloudifySimulator(SimulatorConfig.builder().port(0).clusterScenario(ClusterScenario.SINGLE_NODE).build());
      sim.start();
      demoData = Files.createTempDirectory("cfy-chatops-demo");
      cfg = Demo.config(sim.baseUrl(), demoData);
      out.println("(demo: simulator at " + sim.baseUrl() + "; alice operates, bob and carol approve, dave has no role)");
    } else {
      cfg = loadConfig(config);
    }
    ConsoleChatPort port = new ConsoleChatPort(out);
    // A console is a short-lived extra process: its own name per process, so it never takes back
    // work another live process (the Slack bot on this host, another console) holds. The demo
    // (--simulator) runs no nightly schedule or dead-man check: its database is thrown away at the
    // end and its simulator has no history, so both would only print noise; with --config they run.
    // No dead-man alarm in a console: its "scheduled" messages die with the terminal, and on a store
    // shared with the Slack bot it would take over the record of the bot's real alarm.
    Bot.Options opts = new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5),
        "console-" + ProcessHandle.current().pid(), !simulator, false);
    try (Bot bot = new Bot(cfg, port, Clock.systemUTC(), opts)) {
      ConsoleAdapter console = new ConsoleAdapter(bot.core(), port, out, as, bot::awaitIdle);
      console.run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), Duration.ofMinutes(5), Duration.ofMinutes(10));
    } finally {
      if (sim != null) {
        sim.stop();
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

  static int slack(String[] args) throws Exception {
    if (System.getProperty("jdk.httpserver.maxConnections") == null) {
      System.setProperty("jdk.httpserver.maxConnections", MAX_CONNECTIONS);
    }
    boolean http = false;
    Path config = null;
    Integer port = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--http" -> http = true;
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--config" -> config = Path.of(value(args, ++i, "--config"));
        default -> throw new IllegalArgumentException("Unknown option `" + args[i] + "` for slack.");
      }
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
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      slack.close();
      bot.close();
      stop.countDown();
    }, "cfy-shutdown"));
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

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException("Missing value for " + flag);
    }
    return args[i];
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir
    }
  }
}
