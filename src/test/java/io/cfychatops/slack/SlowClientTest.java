package io.cfychatops.slack;

import static io.cfychatops.testing.SlackRequests.SIGNING_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import io.cfychatops.testing.Await;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.RecordingChatHandler;
import io.cfychatops.testing.SlackRequests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slowloris: clients that send a request a byte at a time. Before the fix one 16-thread pool served
 * {@code /slack/events}, {@code /healthz} and {@code /metrics} with no read timeout, so 16 such
 * connections stalled health checks and commands for as long as they stayed open.
 */
class SlowClientTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  final List<Socket> sockets = new ArrayList<>();
  final ScheduledExecutorService trickler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "test-trickler");
            t.setDaemon(true);
            return t;
          });
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  FakeSlackApi fake;
  App app;
  SlackHttpServer server;
  ManagementServer management;
  SlackBot bot;

  @AfterEach
  void stop() {
    trickler.shutdownNow();
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    if (bot != null) {
      bot.close();
    }
    if (server != null) {
      server.close();
    }
    if (management != null) {
      management.close();
    }
    if (app != null) {
      app.stop();
    }
    if (fake != null) {
      fake.close();
    }
  }

  /**
   * Opens a connection that sends {@code head} and then one more byte every 200 ms, forever (the
   * headers never end, or the body never reaches its Content-Length).
   */
  private Socket slowClient(int port, String head) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    s.setSoTimeout((int) WAIT.toMillis());
    sockets.add(s);
    OutputStream out = s.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    trickler.scheduleWithFixedDelay(
        () -> {
          try {
            out.write('a');
            out.flush();
          } catch (IOException e) {
            throw new IllegalStateException("closed"); // stops this trickle
          }
        },
        200,
        200,
        TimeUnit.MILLISECONDS);
    return s;
  }

  private static String slowHeaders() {
    return "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  }

  private static String slowBody() {
    return "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: 100000\r\n\r\ntext=";
  }

  /** Blocks until the server closes {@code s}; returns how long that took from {@code t0}. */
  private static Duration awaitClosed(Socket s, long t0) throws IOException {
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) != -1) {
        // a 4xx/5xx answer may come first; the close is what counts
      }
    } catch (SocketException e) {
      // reset by the server: closed too
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept a slow connection open for " + WAIT);
    }
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private HttpResponse<String> get(String url, Duration timeout) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private App startedBareApp() throws IOException {
    fake = new FakeSlackApi();
    App a =
        new App(
            AppConfig.builder()
                .singleTeamBotToken(FakeSlackApi.BOT_TOKEN)
                .signingSecret(SIGNING_SECRET)
                .slack(
                    SlackApp.newSlack(
                        SlackSettings.ephemeral(
                            FakeSlackApi.BOT_TOKEN, null, SIGNING_SECRET, fake.apiUrl())))
                .build());
    a.command("/cfy", (req, ctx) -> ctx.ack());
    a.start();
    return a;
  }

  @Test
  void moreSlowClientsThanThreadsAreCutOffAtTheDeadlineAndNeverStarveManagementHealth()
      throws Exception {
    app = startedBareApp();
    HttpListener.Limits limits = new HttpListener.Limits(4, 2, Duration.ofMillis(1500));
    server =
        new SlackHttpServer(
                app,
                new InetSocketAddress("127.0.0.1", 0),
                new SignatureVerifier(SIGNING_SECRET, Clock.systemUTC()),
                limits)
            .start();
    management =
        new ManagementServer(
                new InetSocketAddress("127.0.0.1", 0), Readiness.ALWAYS, () -> "up 1\n")
            .start();
    HttpListener listener = server.listener();

    long t0 = System.nanoTime();
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 8; i++) { // twice the pool: half trickle headers, half trickle a body
      slow.add(slowClient(server.port(), i % 2 == 0 ? slowHeaders() : slowBody()));
    }
    Await.require(
        WAIT,
        "every public thread held by a slow client, the queue full",
        () -> listener.active() == 4 && listener.queued() == 2);

    // The management listener has its own threads: it answers at once while the public pool is
    // full.
    long h0 = System.nanoTime();
    HttpResponse<String> health =
        get("http://127.0.0.1:" + management.port() + "/healthz", Duration.ofSeconds(2));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - h0)).isLessThan(Duration.ofSeconds(1));
    assertThat(
            get("http://127.0.0.1:" + management.port() + "/metrics", Duration.ofSeconds(2)).body())
        .contains("up 1");

    // Every slow connection is closed, although each keeps sending a byte every 200 ms: the two
    // beyond pool and queue at once, the four holding a thread at their deadline (1.5 s), the two
    // queued ones at theirs, which starts when a thread takes them (about 3 s).
    ExecutorService readers = Executors.newFixedThreadPool(slow.size());
    List<Future<Duration>> closes = new ArrayList<>();
    for (Socket s : slow) {
      closes.add(readers.submit(() -> awaitClosed(s, t0)));
    }
    List<Duration> closedAfter = new ArrayList<>();
    for (Future<Duration> f : closes) {
      closedAfter.add(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }
    readers.shutdown();
    assertThat(closedAfter)
        .allSatisfy(d -> assertThat(d).isLessThan(Duration.ofMillis(2 * 1500 + 3000)));
    assertThat(closedAfter.stream().filter(d -> d.compareTo(Duration.ofMillis(1400)) < 0))
        .hasSize(2);
    assertThat(closedAfter.stream().filter(d -> d.compareTo(Duration.ofMillis(2900)) >= 0))
        .hasSize(2);
    assertThat(listener.timedOut()).isEqualTo(6);
    assertThat(listener.refused()).isEqualTo(2);

    // The pool is free again: health and a signed command are served.
    Await.require(WAIT, "public threads released", () -> listener.active() == 0);
    assertThat(
            get("http://127.0.0.1:" + server.port() + "/healthz", Duration.ofSeconds(2))
                .statusCode())
        .isEqualTo(200);
    String body =
        SlackRequests.form(
            SlackRequests.slashCommand(
                "U0ANA", "C0OPS", "help", fake.newResponseUrl(), SlackRequests.newTriggerId()));
    assertThat(
            SlackRequests.post(
                    http,
                    URI.create("http://127.0.0.1:" + server.port() + "/slack/events"),
                    body,
                    SlackRequests.signedHeaders(body))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void theIssuesSixteenSlowConnectionsNoLongerStallHealthOrCommands() throws Exception {
    fake = new FakeSlackApi();
    RecordingChatHandler handler = new RecordingChatHandler((inv, r) -> {}, (a, r) -> {});
    bot =
        SlackBot.start(
            SlackSettings.ephemeral(FakeSlackApi.BOT_TOKEN, null, SIGNING_SECRET, fake.apiUrl()),
            handler,
            Readiness.ALWAYS,
            () -> "up 1\n",
            null,
            true);
    HttpListener listener = bot.httpServer().listener();
    for (int i = 0; i < 16; i++) {
      slowClient(bot.listenPort(), i % 2 == 0 ? slowHeaders() : slowBody());
    }
    Await.require(WAIT, "16 slow clients holding threads", () -> listener.active() >= 16);

    for (String url :
        List.of(
            "http://127.0.0.1:" + bot.listenPort() + "/healthz",
            "http://127.0.0.1:" + bot.managementPort() + "/healthz",
            "http://127.0.0.1:" + bot.managementPort() + "/readyz")) {
      long h0 = System.nanoTime();
      assertThat(get(url, Duration.ofSeconds(2)).statusCode()).as(url).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - h0))
          .as(url)
          .isLessThan(Duration.ofSeconds(1));
    }
    String body =
        SlackRequests.form(
            SlackRequests.slashCommand(
                "U0ANA", "C0OPS", "help", fake.newResponseUrl(), SlackRequests.newTriggerId()));
    long c0 = System.nanoTime();
    HttpResponse<String> ack =
        SlackRequests.post(
            http,
            URI.create("http://127.0.0.1:" + bot.listenPort() + "/slack/events"),
            body,
            SlackRequests.signedHeaders(body));
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - c0)).isLessThan(Duration.ofSeconds(2));
    assertThat(handler.awaitCommand(WAIT).text()).isEqualTo("help");
    assertThat(listener.active())
        .isGreaterThanOrEqualTo(16); // they were still holding on meanwhile
  }

  @Test
  void limitsAreValidated() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new HttpListener.Limits(0, 1, Duration.ofSeconds(1)))
        .hasMessageContaining("maxThreads");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new HttpListener.Limits(4, -1, Duration.ofSeconds(1)))
        .hasMessageContaining("queue");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new HttpListener.Limits(4, 1, Duration.ZERO))
        .hasMessageContaining("exchangeTimeout");
    assertThat(
            Map.of(
                "public",
                HttpListener.Limits.PUBLIC.exchangeTimeout(),
                "management",
                HttpListener.Limits.MANAGEMENT.exchangeTimeout()))
        .allSatisfy((k, v) -> assertThat(v).isLessThanOrEqualTo(Duration.ofSeconds(10)));
  }
}
