package io.cfychatops.bench;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import io.cfychatops.app.Bot;
import io.cfychatops.config.BotConfig;
import io.cfychatops.config.ConfigLoader;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ClusterScenario;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.slack.MetricsText;
import io.cfychatops.slack.SlackApp;
import io.cfychatops.slack.SlackBot;
import io.cfychatops.slack.SlackHttpServer;
import io.cfychatops.slack.SlackSettings;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ack latency of HTTP mode under an open-loop load of signed {@code /cfy snapshots list} commands,
 * the whole bot (core, store, operations) against a manager that answers 5 s late (or is down),
 * compared with a bare Bolt app whose {@code /cfy} listener only acks, behind the same HTTP
 * adapter, in the same JVM.
 *
 * <p>Args: {@code [rate per second, default 200] [seconds, default 60] [slow|down, default slow]
 * [split|inproc, default split]}. Latency is measured from the <em>scheduled</em> send time (no
 * coordinated omission). Targets: p99 ≤ 20 ms and ≤ 1.5× bare.
 *
 * <p>{@code split} (the default) runs each server under test in its own JVM — the bare app from
 * {@link Bare}, the bot as {@code Main slack --http}, the way it is deployed, both with {@link
 * #CHILD_FLAGS} — while the load generator, the fake Slack Web API (which receives every {@code
 * response_url} post) and the simulator stay in this JVM; the two servers take turns in 5-second
 * slices, so outside load on a shared machine hits both alike. {@code inproc} keeps everything in
 * one JVM (the original harness): the bot's JVM then also pays for the fake Slack and the load
 * generator (their threads, allocations and GC pauses), which the bare app's run shares only
 * partly.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.cfychatops.bench.AckLatencyBench 200 60
 * </pre>
 */
public final class AckLatencyBench {
  static final long SLOW_CORE_MILLIS = 5_000;

  /**
   * Client-side failures by kind, for the printout ("every request answered" must be explainable).
   */
  static final java.util.concurrent.ConcurrentHashMap<String, Integer> ERROR_KINDS =
      new java.util.concurrent.ConcurrentHashMap<>();

  static String describe(Throwable t) {
    Throwable c =
        t instanceof java.util.concurrent.CompletionException && t.getCause() != null
            ? t.getCause()
            : t;
    return c.getClass().getSimpleName() + ": " + c.getMessage();
  }

  static final int WARMUP_SECONDS = 3;

  record Result(String name, long[] nanos, int errors, int busy, int non200) {
    double pct(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
      return nanos[Math.max(0, Math.min(nanos.length - 1, i))] / 1e6;
    }

    double max() {
      return nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6;
    }

    String line() {
      return String.format(
          "%-28s n=%6d  p50=%7.2f ms  p99=%7.2f ms  max=%8.2f ms  errors=%d non200=%d busyAcks=%d",
          name, nanos.length, pct(50), pct(99), max(), errors, non200, busy);
    }
  }

  public static void main(String[] args) throws Exception {
    // The JDK server closes keep-alive connections idle for 30 s; a client that keeps them longer
    // races it and sees "header parser received no bytes". Real clients (Slack) retry; this one
    // must not, so it drops idle connections first.
    System.setProperty("jdk.httpclient.keepalive.timeout", "20");
    // Logback defaults to DEBUG on the console without a config file: that would measure logging.
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    boolean down = args.length > 2 && args[2].equals("down");
    boolean split = args.length <= 3 || !args[3].equals("inproc");
    System.out.printf(
        "AckLatencyBench: %d req/s for %d s (after %d s warm-up), slow core %d ms/command, %s%n",
        rate,
        seconds,
        WARMUP_SECONDS,
        SLOW_CORE_MILLIS,
        split ? "servers in their own JVMs" : "all in one JVM");
    if (split) {
      split(rate, seconds, down);
      System.exit(0);
    }

    try (FakeSlackApi fake = new FakeSlackApi()) {
      SlackSettings settings =
          SlackSettings.ephemeral(
              FakeSlackApi.BOT_TOKEN, null, SlackRequests.SIGNING_SECRET, fake.apiUrl());
      Slack slack = SlackApp.newSlack(settings);

      // Bare Bolt app: same config, same adapter, /cfy only acks.
      App bare =
          new App(
              AppConfig.builder()
                  .singleTeamBotToken(settings.botToken())
                  .signingSecret(settings.signingSecret())
                  .slack(slack)
                  .build());
      bare.command("/cfy", (req, ctx) -> ctx.ack());
      bare.start();
      Result bareResult;
      try (SlackHttpServer server = new SlackHttpServer(bare, 0).start()) {
        bareResult = run("bare Bolt (ack only)", server.port(), fake, rate, seconds);
      }
      bare.stop();

      // The real bot: the whole core (store, approvals, operations) against a manager that is
      // 5 s slow (simulator latency) or down (nothing listens), chosen by the third argument.
      Result botResult;
      Path data = Files.createTempDirectory("cfy-ack-bench");
      CloudifySimulator sim =
          new CloudifySimulator(
              SimulatorConfig.builder()
                  .port(0)
                  .clusterScenario(ClusterScenario.SINGLE_NODE)
                  .build());
      sim.start();
      String managerUrl = sim.baseUrl();
      if (down) {
        sim.stop(); // connection refused from now on
      } else {
        sim.setLatency(Duration.ofMillis(SLOW_CORE_MILLIS));
      }
      BotConfig cfg =
          new ConfigLoader(Map.of("PW", "admin"))
              .loadText(
                  """
          managers:
            - { name: default, url: "%s", username: admin, password_env: PW, read_timeout: 10s }
          access:
            grants:
              - { manager: "*", role: operator, users: [U0BENCH] }
          store: { data_dir: "%s" }
          """
                      .formatted(managerUrl, data));
      SlackBot slackBot = SlackBot.connect(settings);
      try (Bot bot = new Bot(cfg, slackBot.chatPort(), Clock.systemUTC(), Bot.Options.defaults())) {
        slackBot.start(bot.core(), bot::notReady, MetricsText.NONE, null, true);
        botResult =
            run(
                "cfy-chatops (manager " + (down ? "down" : SLOW_CORE_MILLIS + " ms slow") + ")",
                slackBot.listenPort(),
                fake,
                rate,
                seconds);
        slackBot.close();
      } finally {
        sim.stop();
      }

      verdict(bareResult, botResult);
    }
    System.exit(0);
  }

  static void verdict(Result bareResult, Result botResult) {
    System.out.println(bareResult.line());
    System.out.println(botResult.line());
    double ratio = botResult.pct(99) / bareResult.pct(99);
    boolean abs = botResult.pct(99) <= 20.0;
    boolean rel = ratio <= 1.5;
    System.out.printf("p99 ratio bot/bare = %.2f%n", ratio);
    System.out.printf(
        "target p99 <= 20 ms: %s; target p99 <= 1.5x bare: %s; overall %s%n",
        abs ? "PASS" : "FAIL",
        rel ? "PASS" : "FAIL",
        abs && rel && botResult.errors() == 0 ? "PASS" : "FAIL");
  }

  /** Seconds per slice when the two servers take turns (split mode). */
  static final int SLICE_SECONDS = 5;

  /**
   * Each server under test in a child JVM (same JVM flags for both); fake Slack, simulator and load
   * generator here. Both servers are up for the whole run and take turns in {@link #SLICE_SECONDS}
   * slices (bare, bot, bare, …), so a burst of outside load — other processes on a shared machine —
   * lands on both instead of on whichever happened to run then.
   */
  static void split(int rate, int seconds, boolean down) throws Exception {
    Path work = Files.createTempDirectory("cfy-ack-bench");
    CloudifySimulator sim =
        new CloudifySimulator(
            SimulatorConfig.builder().port(0).clusterScenario(ClusterScenario.SINGLE_NODE).build());
    sim.start();
    String managerUrl = sim.baseUrl();
    if (down) {
      sim.stop();
    } else {
      sim.setLatency(Duration.ofMillis(SLOW_CORE_MILLIS));
    }
    Process bare = null;
    Process bot = null;
    try (FakeSlackApi fake = new FakeSlackApi()) {
      Map<String, String> env =
          new java.util.HashMap<>(
              Map.of(
                  "SLACK_BOT_TOKEN",
                  FakeSlackApi.BOT_TOKEN,
                  "SLACK_SIGNING_SECRET",
                  SlackRequests.SIGNING_SECRET,
                  "SLACK_API_URL",
                  fake.apiUrl(),
                  "LOG_LEVEL",
                  "WARN",
                  "PW",
                  "admin"));
      int barePort = freePort();
      env.put("PORT", String.valueOf(barePort));
      bare = child(env, work.resolve("bare.log"), Bare.class.getName());

      Path config = work.resolve("config.yml");
      Files.writeString(
          config,
          """
          managers:
            - { name: default, url: "%s", username: admin, password_env: PW, read_timeout: 10s }
          access:
            grants:
              - { manager: "*", role: operator, users: [U0BENCH] }
          store: { data_dir: "%s" }
          backups: { archive_root: "%s" }
          """
              .formatted(managerUrl, work.resolve("data"), work.resolve("archives")));
      int botPort = freePort();
      env.put("PORT", String.valueOf(botPort));
      env.put("MANAGEMENT_PORT", String.valueOf(freePort()));
      bot =
          child(
              env,
              work.resolve("bot.log"),
              "io.cfychatops.app.Main",
              "slack",
              "--http",
              "--config",
              config.toString());
      awaitHealthy(barePort, bare);
      awaitHealthy(botPort, bot);

      URI bareUri = URI.create("http://127.0.0.1:" + barePort + "/slack/events");
      URI botUri = URI.create("http://127.0.0.1:" + botPort + "/slack/events");
      ExecutorService clientPool = Executors.newFixedThreadPool(16);
      HttpClient client =
          HttpClient.newBuilder()
              .executor(clientPool)
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      ConcurrentLinkedQueue<Long> bareLat = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> botLat = new ConcurrentLinkedQueue<>();
      int[] bareCounts = new int[3];
      int[] botCounts = new int[3];
      try {
        phase(client, bareUri, fake, rate, WARMUP_SECONDS, null, ticker);
        phase(client, botUri, fake, rate, WARMUP_SECONDS, null, ticker);
        for (int done = 0; done < seconds; done += SLICE_SECONDS) {
          add(bareCounts, phase(client, bareUri, fake, rate, SLICE_SECONDS, bareLat, ticker));
          add(botCounts, phase(client, botUri, fake, rate, SLICE_SECONDS, botLat, ticker));
        }
      } finally {
        ticker.shutdownNow();
        clientPool.shutdownNow();
      }
      Result bareResult = result("bare Bolt (ack only, own JVM)", bareLat, bareCounts);
      Result botResult =
          result(
              "cfy-chatops (own JVM, manager "
                  + (down ? "down" : SLOW_CORE_MILLIS + " ms slow")
                  + ")",
              botLat,
              botCounts);
      if (!ERROR_KINDS.isEmpty()) {
        System.out.println("  client errors: " + ERROR_KINDS);
      }
      verdict(bareResult, botResult);
      System.out.println(
          "child logs: " + work.resolve("bare.log") + ", " + work.resolve("bot.log"));
    } finally {
      for (Process p : new Process[] {bare, bot}) {
        if (p != null) {
          p.destroy();
          p.waitFor();
        }
      }
      sim.stop();
    }
  }

  private static void add(int[] into, AtomicInteger[] counters) {
    for (int i = 0; i < 3; i++) {
      into[i] += counters[i].get();
    }
  }

  private static Result result(String name, ConcurrentLinkedQueue<Long> lat, int[] counts) {
    long[] arr = lat.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(arr);
    return new Result(name, arr, counts[0], counts[1], counts[2]);
  }

  /**
   * The JVM flags both servers under test run with: the Dockerfile's ({@code
   * -XX:MaxHeapFreeRatio=100 -XX:+ExitOnOutOfMemoryError}) with a 256 MiB heap.
   */
  static final java.util.List<String> CHILD_FLAGS =
      java.util.List.of("-Xmx256m", "-XX:MaxHeapFreeRatio=100", "-XX:+ExitOnOutOfMemoryError");

  static Process child(Map<String, String> env, Path log, String... mainAndArgs)
      throws java.io.IOException {
    java.util.List<String> cmd =
        new java.util.ArrayList<>(
            java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile="
                    + Path.of("target/classes/logback.xml").toAbsolutePath(),
                "-cp",
                System.getProperty("java.class.path")));
    cmd.addAll(1, CHILD_FLAGS);
    String extra = System.getenv("BENCH_CHILD_OPTS"); // e.g. -Xlog:gc:file=/tmp/gc-%p.log
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(1, java.util.List.of(extra.trim().split("\\s+")));
    }
    cmd.addAll(java.util.List.of(mainAndArgs));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void awaitHealthy(int port, Process p) throws Exception {
    HttpClient c = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("server under test exited with " + p.exitValue());
      }
      try {
        HttpResponse<String> r =
            c.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                    .timeout(Duration.ofSeconds(1))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException(
        "server under test not healthy on port " + port + " after 60 s");
  }

  /** The bare app alone (split mode's first child): Bolt, {@code /cfy} acks, the same adapter. */
  public static final class Bare {
    public static void main(String[] args) throws Exception {
      SlackSettings s = SlackSettings.fromEnv();
      App app =
          new App(
              AppConfig.builder()
                  .singleTeamBotToken(s.botToken())
                  .signingSecret(s.signingSecret())
                  .slack(SlackApp.newSlack(s))
                  .build());
      app.command("/cfy", (req, ctx) -> ctx.ack());
      app.start();
      new SlackHttpServer(app, s.port()).start();
      new CountDownLatch(1).await();
    }
  }

  static Result run(String name, int port, FakeSlackApi fake, int rate, int seconds)
      throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + "/slack/events");
    ExecutorService clientPool = Executors.newFixedThreadPool(16);
    HttpClient client =
        HttpClient.newBuilder()
            .executor(clientPool)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    try {
      phase(client, uri, fake, rate, WARMUP_SECONDS, null, ticker);
      ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
      AtomicInteger[] counters = phase(client, uri, fake, rate, seconds, lat, ticker);
      long[] arr = lat.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(arr);
      Result r = new Result(name, arr, counters[0].get(), counters[1].get(), counters[2].get());
      System.out.println("  " + r.line());
      if (!ERROR_KINDS.isEmpty()) {
        System.out.println("  client errors: " + ERROR_KINDS);
        ERROR_KINDS.clear();
      }
      return r;
    } finally {
      ticker.shutdownNow();
      clientPool.shutdownNow();
    }
  }

  /** Open loop: one signed command every 1/rate s; returns [errors, busy acks, non-200]. */
  static AtomicInteger[] phase(
      HttpClient client,
      URI uri,
      FakeSlackApi fake,
      int rate,
      int seconds,
      ConcurrentLinkedQueue<Long> latencies,
      ScheduledExecutorService ticker)
      throws InterruptedException {
    int total = rate * seconds;
    long periodNanos = 1_000_000_000L / rate;
    CountDownLatch done = new CountDownLatch(total);
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger busy = new AtomicInteger();
    AtomicInteger non200 = new AtomicInteger();
    long start = System.nanoTime();
    String responseUrl = fake.newResponseUrl();
    ScheduledFuture<?> f =
        ticker.scheduleAtFixedRate(
            () -> {
              int i = sent.getAndIncrement();
              if (i >= total) {
                return;
              }
              long intended = start + i * periodNanos;
              Map<String, String> cmd =
                  SlackRequests.slashCommand(
                      "U0BENCH",
                      "C0BENCH",
                      "snapshots list",
                      responseUrl,
                      SlackRequests.newTriggerId());
              String body = SlackRequests.form(cmd);
              HttpRequest.Builder b =
                  HttpRequest.newBuilder(uri)
                      .timeout(Duration.ofSeconds(10))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString(body));
              SlackRequests.signedHeaders(body).forEach(b::header);
              client
                  .sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                  .whenComplete(
                      (resp, err) -> {
                        long took = System.nanoTime() - intended;
                        if (err != null) {
                          errors.incrementAndGet();
                          ERROR_KINDS.merge(describe(err), 1, Integer::sum);
                        } else {
                          if (resp.statusCode() != 200) {
                            non200.incrementAndGet();
                          } else if (!resp.body().isEmpty()) {
                            busy.incrementAndGet();
                          }
                          if (latencies != null) {
                            latencies.add(took);
                          }
                        }
                        done.countDown();
                      });
            },
            0,
            periodNanos,
            TimeUnit.NANOSECONDS);
    done.await(seconds + 30L, TimeUnit.SECONDS);
    f.cancel(false);
    return new AtomicInteger[] {errors, busy, non200};
  }
}
