package io.cfychatops.bench;

import io.cfychatops.app.Bot;
import io.cfychatops.config.BotConfig;
import io.cfychatops.config.ConfigLoader;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ClusterScenario;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.slack.SlackBot;
import io.cfychatops.slack.SlackSettings;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.SlackRequests;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Abuse benchmark (issue 10): the whole bot in HTTP mode under 200 signed {@code /cfy snapshots
 * list} commands per second from an operator, first alone (baseline), then while an attacker runs
 *
 * <ul>
 *   <li>16 slowloris connections to the public port (headers sent a byte a second; reopened as soon
 *       as the server cuts one off), and
 *   <li>20 adversarial 64 KiB commands from a user with no role ({@code snapshots list --search
 *       pwdpwd…}, the redactor's worst case), correctly signed as Slack would relay them.
 * </ul>
 *
 * Printed next to each other: public and management {@code /healthz} p99 (probed every 50 ms) and
 * the slash-command ack p99. Targets: abuse p99 ≤ 2× baseline p99, every request answered.
 *
 * <p>Args: {@code [rate per second, default 200] [seconds per phase, default 30] [adversarial
 * command size in bytes, default 65536]}. A size below the parser's 4,000-character cap (e.g. 3990)
 * makes the commands reach the redactor instead of the length check.
 */
public final class AbuseBench {
  static final int SLOWLORIS = 16;
  static final int ADVERSARIAL = 20;
  static int adversarialBytes = 64 * 1024;

  record Phase(
      AckLatencyBench.Result acks,
      AckLatencyBench.Result publicHealth,
      AckLatencyBench.Result managementHealth) {
    boolean allAnswered() {
      return acks.errors() == 0
          && acks.non200() == 0
          && publicHealth.errors() == 0
          && publicHealth.non200() == 0
          && managementHealth.errors() == 0
          && managementHealth.non200() == 0;
    }
  }

  public static void main(String[] args) throws Exception {
    // The JDK server closes keep-alive connections idle for 30 s; a client that keeps them longer
    // races it and sees "header parser received no bytes". Real clients (Slack) retry; this one
    // must not, so it drops idle connections first.
    System.setProperty("jdk.httpclient.keepalive.timeout", "20");
    if (System.getenv("LOG_LEVEL")
        == null) { // LOG_LEVEL=INFO (and 2>file) to include the logging path
      ((ch.qos.logback.classic.Logger)
              org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
          .setLevel(ch.qos.logback.classic.Level.ERROR);
    }
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    adversarialBytes = args.length > 2 ? Integer.parseInt(args[2]) : 64 * 1024;
    System.out.printf(
        "AbuseBench: %d signed commands/s for %d s per phase; abuse = %d slowloris + %d × %d-byte"
            + " no-role commands%n",
        rate, seconds, SLOWLORIS, ADVERSARIAL, adversarialBytes);

    Path data = Files.createTempDirectory("cfy-abuse-bench");
    CloudifySimulator sim =
        new CloudifySimulator(
            SimulatorConfig.builder().port(0).clusterScenario(ClusterScenario.SINGLE_NODE).build());
    sim.start();
    try (FakeSlackApi fake = new FakeSlackApi()) {
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
          backups: { archive_root: "%s" }
          """
                      .formatted(sim.baseUrl(), data.resolve("db"), data.resolve("archives")));
      SlackBot slack =
          SlackBot.connect(
              SlackSettings.ephemeral(
                  FakeSlackApi.BOT_TOKEN, null, SlackRequests.SIGNING_SECRET, fake.apiUrl()));
      try (Bot bot = new Bot(cfg, slack.chatPort(), Clock.systemUTC(), Bot.Options.defaults())) {
        slack.start(bot.core(), bot::notReady, bot.metrics()::scrape, null, true);
        int port = slack.listenPort();
        int management = slack.managementPort();
        // One client for every phase: a client per phase would leave hundreds of idle keep-alive
        // connections from the warm-up behind; the JDK server keeps at most 200 idle
        // (sun.net.httpserver.maxIdleConnections) and closes further ones after their response,
        // which
        // the next client then reuses and fails on ("header parser received no bytes").
        ExecutorService clientPool = Executors.newFixedThreadPool(16);
        HttpClient client =
            HttpClient.newBuilder()
                .executor(clientPool)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        runPhase("warm-up", client, port, management, fake, rate, 5, false);
        Phase base = runPhase("baseline", client, port, management, fake, rate, seconds, false);
        Phase abuse = runPhase("under abuse", client, port, management, fake, rate, seconds, true);
        clientPool.shutdownNow();
        slack.close();

        System.out.println();
        System.out.printf("%-34s %12s %12s %8s%n", "p99 (ms)", "baseline", "abuse", "ratio");
        row("slash-command ack", base.acks(), abuse.acks());
        row("/healthz, public port", base.publicHealth(), abuse.publicHealth());
        row("/healthz, management port", base.managementHealth(), abuse.managementHealth());
        boolean ratios =
            abuse.acks().pct(99) <= 2 * base.acks().pct(99)
                && abuse.publicHealth().pct(99) <= 2 * base.publicHealth().pct(99)
                && abuse.managementHealth().pct(99) <= 2 * base.managementHealth().pct(99);
        System.out.printf(
            "every request answered: baseline %s, abuse %s%n",
            base.allAnswered() ? "yes" : "NO", abuse.allAnswered() ? "yes" : "NO");
        System.out.printf(
            "target p99 <= 2x baseline: %s; overall %s%n",
            ratios ? "PASS" : "FAIL",
            ratios && base.allAnswered() && abuse.allAnswered() ? "PASS" : "FAIL");
      }
    } finally {
      sim.stop();
    }
    System.exit(0);
  }

  private static void row(String name, AckLatencyBench.Result base, AckLatencyBench.Result abuse) {
    System.out.printf(
        "%-34s %12.2f %12.2f %7.2fx%n",
        name, base.pct(99), abuse.pct(99), abuse.pct(99) / base.pct(99));
  }

  static Phase runPhase(
      String name,
      HttpClient client,
      int port,
      int management,
      FakeSlackApi fake,
      int rate,
      int seconds,
      boolean abuse)
      throws Exception {
    URI events = URI.create("http://127.0.0.1:" + port + "/slack/events");
    ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
    Slowloris slowloris = abuse ? new Slowloris(port, ticker) : null;
    try {
      if (abuse) {
        slowloris.start();
        sendAdversarial(client, events, fake);
      }
      Probe publicProbe =
          new Probe(client, URI.create("http://127.0.0.1:" + port + "/healthz"), ticker);
      Probe managementProbe =
          new Probe(client, URI.create("http://127.0.0.1:" + management + "/healthz"), ticker);
      ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
      AtomicInteger[] c = AckLatencyBench.phase(client, events, fake, rate, seconds, lat, ticker);
      AckLatencyBench.Result acks = result(name + ": ack", lat, c[0].get(), c[1].get(), c[2].get());
      AckLatencyBench.Result pub = publicProbe.stop(name + ": /healthz public");
      AckLatencyBench.Result mgmt = managementProbe.stop(name + ": /healthz management");
      for (AckLatencyBench.Result r : List.of(acks, pub, mgmt)) {
        System.out.println("  " + r.line());
      }
      if (abuse) {
        System.out.printf(
            "  slowloris: %d connections opened, %d cut off by the server%n",
            slowloris.opened.get(), slowloris.closedByServer.get());
      }
      if (!AckLatencyBench.ERROR_KINDS.isEmpty()) {
        System.out.println("  client errors: " + AckLatencyBench.ERROR_KINDS);
        AckLatencyBench.ERROR_KINDS.clear();
      }
      return new Phase(acks, pub, mgmt);
    } finally {
      if (slowloris != null) {
        slowloris.stop();
      }
      ticker.shutdownNow();
    }
  }

  static AckLatencyBench.Result result(
      String name, ConcurrentLinkedQueue<Long> lat, int errors, int busy, int non200) {
    long[] arr = lat.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(arr);
    return new AckLatencyBench.Result(name, arr, errors, busy, non200);
  }

  /** 20 signed commands of {@code adversarialBytes} from U0NOROLE, all at once. */
  static void sendAdversarial(HttpClient client, URI events, FakeSlackApi fake) {
    String prefix = "snapshots list --search ";
    String text = prefix + "pwd".repeat(Math.max(1, (adversarialBytes - prefix.length()) / 3));
    for (int i = 0; i < ADVERSARIAL; i++) {
      String body =
          SlackRequests.form(
              SlackRequests.slashCommand(
                  "U0NOROLE",
                  "C0BENCH",
                  text,
                  fake.newResponseUrl(),
                  SlackRequests.newTriggerId()));
      HttpRequest.Builder b =
          HttpRequest.newBuilder(events)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      SlackRequests.signedHeaders(body).forEach(b::header);
      client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding());
    }
  }

  /** GET every 50 ms; latency from the scheduled time. */
  static final class Probe {
    final ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger non200 = new AtomicInteger();
    final AtomicInteger pending = new AtomicInteger();
    final ScheduledFuture<?> task;

    Probe(HttpClient client, URI uri, ScheduledExecutorService ticker) {
      long start = System.nanoTime();
      AtomicLong n = new AtomicLong();
      task =
          ticker.scheduleAtFixedRate(
              () -> {
                long intended = start + n.getAndIncrement() * 50_000_000L;
                pending.incrementAndGet();
                client
                    .sendAsync(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                    .whenComplete(
                        (r, e) -> {
                          if (e != null) {
                            errors.incrementAndGet();
                            AckLatencyBench.ERROR_KINDS.merge(
                                uri.getPort() + uri.getPath() + " " + AckLatencyBench.describe(e),
                                1,
                                Integer::sum);
                          } else {
                            if (r.statusCode() != 200) {
                              non200.incrementAndGet();
                            }
                            lat.add(System.nanoTime() - intended);
                          }
                          pending.decrementAndGet();
                        });
              },
              0,
              50,
              TimeUnit.MILLISECONDS);
    }

    AckLatencyBench.Result stop(String name) throws InterruptedException {
      task.cancel(false);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (pending.get() > 0 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
      return result(name, lat, errors.get(), 0, non200.get());
    }
  }

  /**
   * 16 connections trickling request headers a byte a second; reopened when the server cuts one.
   */
  static final class Slowloris {
    final int port;
    final ScheduledExecutorService ticker;
    final List<Socket> sockets = new ArrayList<>();
    final List<OutputStream> outs = new ArrayList<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closedByServer = new AtomicInteger();
    ScheduledFuture<?> task;

    Slowloris(int port, ScheduledExecutorService ticker) {
      this.port = port;
      this.ticker = ticker;
    }

    void start() throws IOException {
      for (int i = 0; i < SLOWLORIS; i++) {
        sockets.add(null);
        outs.add(null);
        open(i);
      }
      task = ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void open(int i) throws IOException {
      Socket s = new Socket();
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      OutputStream out = s.getOutputStream();
      out.write(
          "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      sockets.set(i, s);
      outs.set(i, out);
      opened.incrementAndGet();
    }

    private synchronized void tick() {
      for (int i = 0; i < SLOWLORIS; i++) {
        try {
          outs.get(i).write('a');
          outs.get(i).flush();
        } catch (IOException e) {
          closedByServer.incrementAndGet();
          try {
            sockets.get(i).close();
            open(i);
          } catch (IOException again) {
            // try again next second
          }
        }
      }
    }

    synchronized void stop() {
      if (task != null) {
        task.cancel(false);
      }
      for (Socket s : sockets) {
        try {
          if (s != null) {
            s.close();
          }
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }
}
