package io.cfychatops.slack;

import static io.cfychatops.testing.SlackRequests.SIGNING_SECRET;
import static io.cfychatops.testing.SlackRequests.form;
import static io.cfychatops.testing.SlackRequests.post;
import static io.cfychatops.testing.SlackRequests.signedHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.chat.ActionInvocation;
import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.Invocation;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Status;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.RecordingChatHandler;
import io.cfychatops.testing.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP mode end to end: signed requests over real HTTP, a fake Slack Web API, a scripted core. */
class SlackHttpModeTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String HOSTILE = "<!channel> & <@U123> <https://evil|click>";

  FakeSlackApi fake;
  SlackBot bot;
  RecordingChatHandler handler;
  HttpClient http = HttpClient.newHttpClient();
  URI events;
  AtomicReference<List<String>> notReady = new AtomicReference<>(List.of());

  @BeforeEach
  void start() throws Exception {
    fake = new FakeSlackApi();
    fake.seedChannel("C0OPS", "ops", true, false);
    fake.seedChannel("C0OUT", "outside", false, false);
    handler =
        new RecordingChatHandler(
            (inv, r) -> {
              if (inv.text().equals("help")) {
                r.ephemeral(Message.builder(Status.INFO, "Help").line(HOSTILE).build());
              } else if (inv.text().startsWith("snapshots create")) {
                r.inChannel(
                    Message.builder(Status.RUNNING, "Creating snapshot")
                        .code("id", inv.text().substring(17))
                        .build());
              }
            },
            (act, r) ->
                r.replaceSource(
                    Message.builder(Status.OK, "Approved by " + act.user().id())
                        .field("request", act.value())
                        .build()));
    SlackSettings settings =
        SlackSettings.ephemeral(FakeSlackApi.BOT_TOKEN, null, SIGNING_SECRET, fake.apiUrl());
    bot =
        SlackBot.start(
            settings, handler, () -> notReady.get(), () -> "# TYPE up gauge\nup 1\n", null, true);
    events = URI.create("http://127.0.0.1:" + bot.listenPort() + "/slack/events");
  }

  @AfterEach
  void stop() {
    bot.close();
    fake.close();
  }

  private Map<String, String> command(String text, String channel) {
    return SlackRequests.slashCommand(
        "U0ANA", channel, text, fake.newResponseUrl(), SlackRequests.newTriggerId());
  }

  private HttpResponse<String> send(String body) throws Exception {
    return post(http, events, body, signedHeaders(body));
  }

  private long tasksScheduled() {
    return ((ThreadPoolExecutor) bot.slackApp().workers()).getTaskCount();
  }

  @Test
  void helpAcksAtOnceAndAnswersEphemerallyThroughResponseUrlWithEscapedText() throws Exception {
    Map<String, String> cmd = command("help", "C0OPS");
    long t0 = System.nanoTime();
    HttpResponse<String> resp = send(form(cmd));
    long ackMillis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.body()).isEmpty();
    assertThat(ackMillis).isLessThan(3000);
    Invocation inv = handler.awaitCommand(WAIT);
    assertThat(inv.user().id()).isEqualTo("U0ANA");
    assertThat(inv.user().teamId()).isEqualTo(FakeSlackApi.TEAM_ID);
    assertThat(inv.channel()).isEqualTo("C0OPS");
    assertThat(inv.text()).isEqualTo("help");
    assertThat(inv.deliveryId()).isEqualTo(cmd.get("trigger_id"));

    FakeSlackApi.Call posted = fake.await(FakeSlackApi.RESPONSE_URL, WAIT);
    JsonNode body = posted.bodyJson();
    assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(body.path("text").asText()).isNotBlank();
    String blocks = body.path("blocks").toString();
    assertThat(blocks).contains("&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil|click&gt;");
    assertThat(blocks).doesNotContain("<!channel>").doesNotContain("<@U123>");
    assertThat(fake.calls("chat.postEphemeral")).isEmpty();
  }

  @Test
  void commandTextArrivesUnescapedAsPlainText() throws Exception {
    send(form(command("snapshots create a&lt;b", "C0OPS")));
    assertThat(handler.awaitCommand(WAIT).text()).isEqualTo("snapshots create a<b");
  }

  @Test
  void inChannelPostsWithChatPostMessageAndFullBlocks() throws Exception {
    assertThat(send(form(command("snapshots create nightly-1", "C0OPS"))).statusCode())
        .isEqualTo(200);
    FakeSlackApi.Call c = fake.await("chat.postMessage", WAIT);
    assertThat(c.token()).isEqualTo(FakeSlackApi.BOT_TOKEN);
    assertThat(c.param("channel")).isEqualTo("C0OPS");
    assertThat(c.param("text")).contains("Creating snapshot");
    assertThat(c.json("blocks").toString()).contains("Creating snapshot").contains("`nightly-1`");
    assertThat(c.json("blocks").get(0).path("type").asText()).isEqualTo("header");
  }

  @Test
  void notInChannelJoinsOnceThenRetries() throws Exception {
    fake.failNext("chat.postMessage", "not_in_channel");
    send(form(command("snapshots create x", "C0OUT")));
    fake.await("chat.postMessage", WAIT);
    assertThat(fake.await("conversations.join", WAIT).param("channel")).isEqualTo("C0OUT");
    assertThat(fake.await("chat.postMessage", WAIT).param("channel")).isEqualTo("C0OUT");
    handler.awaitCommand(WAIT);
    assertThat(handler.awaitFailure(Duration.ZERO)).isNull();
  }

  @Test
  void postFailureIsReportedEphemerallyAndSurfacesToTheCore() throws Exception {
    fake.failNext("chat.postMessage", "channel_not_found");
    send(form(command("snapshots create x", "C0OPS")));
    JsonNode report = fake.await(FakeSlackApi.RESPONSE_URL, WAIT).bodyJson();
    assertThat(report.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(report.path("blocks").toString())
        .contains("could not post")
        .contains("channel_not_found");
    RuntimeException failure = handler.awaitFailure(WAIT);
    assertThat(failure).isInstanceOf(ChatException.class);
    assertThat(((ChatException) failure).code()).isEqualTo("channel_not_found");
  }

  @Test
  void responseUrlFailureFallsBackToPostEphemeral() throws Exception {
    fake.responseUrlStatus(404);
    send(form(command("help", "C0OPS")));
    FakeSlackApi.Call c = fake.await("chat.postEphemeral", WAIT);
    assertThat(c.param("user")).isEqualTo("U0ANA");
    assertThat(c.param("channel")).isEqualTo("C0OPS");
  }

  @Test
  void buttonClickAcksAndReplacesTheSourceMessageWithChatUpdate() throws Exception {
    String json =
        SlackRequests.blockActionJson(
            "U0BEA",
            "C0OPS",
            "1700000000.000042",
            "approval.approve",
            "req-17",
            "1700000100.123456",
            fake.newResponseUrl());
    HttpResponse<String> resp = send(SlackRequests.interactionForm(json));
    assertThat(resp.statusCode()).isEqualTo(200);

    ActionInvocation a = handler.awaitAction(WAIT);
    assertThat(a.actionId()).isEqualTo("approval.approve");
    assertThat(a.value()).isEqualTo("req-17");
    assertThat(a.user().id()).isEqualTo("U0BEA");
    assertThat(a.channel()).isEqualTo("C0OPS");
    assertThat(a.source()).isEqualTo(new MessageRef("C0OPS", "1700000000.000042"));

    FakeSlackApi.Call up = fake.await("chat.update", WAIT);
    assertThat(up.param("channel")).isEqualTo("C0OPS");
    assertThat(up.param("ts")).isEqualTo("1700000000.000042");
    assertThat(up.json("blocks").toString()).contains("Approved by U0BEA").contains("req-17");
  }

  @Test
  void unknownActionIdsAreNotDispatched() throws Exception {
    String json =
        SlackRequests.blockActionJson(
            "U0BEA", "C0OPS", "1.2", "other.thing", "v", "1.3", fake.newResponseUrl());
    assertThat(send(SlackRequests.interactionForm(json)).statusCode()).isEqualTo(404);
    assertThat(handler.actions()).isEmpty();
  }

  @Test
  void unsignedForgedTamperedStaleAndFutureRequestsGet401AndNothingRuns() throws Exception {
    String body = form(command("snapshots create x", "C0OPS"));
    int before = fake.appCalls().size();
    long tasks = tasksScheduled();

    HttpResponse<String> unsigned = post(http, events, body, Map.of());
    HttpResponse<String> forged =
        post(http, events, body, signedHeaders(body, "not-the-secret", Instant.now()));
    HttpResponse<String> tampered =
        post(http, events, body.replace("snapshots", "snapshotz"), signedHeaders(body));
    HttpResponse<String> stale =
        post(
            http,
            events,
            body,
            signedHeaders(body, SIGNING_SECRET, Instant.now().minusSeconds(6 * 60)));
    HttpResponse<String> ahead =
        post(
            http,
            events,
            body,
            signedHeaders(body, SIGNING_SECRET, Instant.now().plusSeconds(6 * 60)));
    HttpResponse<String> nextYear =
        post(
            http,
            events,
            body,
            signedHeaders(body, SIGNING_SECRET, Instant.now().plus(Duration.ofDays(365))));
    Map<String, String> badTs = new HashMap<>(signedHeaders(body));
    badTs.put("X-Slack-Request-Timestamp", "yesterday");
    HttpResponse<String> garbageTs = post(http, events, body, badTs);
    String action =
        SlackRequests.interactionForm(
            SlackRequests.blockActionJson(
                "U0BEA",
                "C0OPS",
                "1.2",
                "approval.approve",
                "req-1",
                "1.3",
                fake.newResponseUrl()));
    HttpResponse<String> unsignedAction = post(http, events, action, Map.of());

    for (HttpResponse<String> r :
        List.of(unsigned, forged, tampered, stale, ahead, nextYear, garbageTs, unsignedAction)) {
      assertThat(r.statusCode()).isEqualTo(401);
    }
    // Rejection happens on the request thread before any hand-off: nothing was scheduled or called.
    assertThat(tasksScheduled()).isEqualTo(tasks);
    assertThat(handler.commands()).isEmpty();
    assertThat(handler.actions()).isEmpty();
    assertThat(fake.appCalls()).hasSize(before);
  }

  /**
   * A retry or replay reaches the core under the first delivery's id, which is what the core's
   * {@code chat.DeliveryDedupe} recognises (a retried command starting nothing twice is proven
   * through the whole bot in {@code SlackEndToEndTest}, a repeated click in {@code ChatOpsTest}).
   */
  @Test
  void slackRetryOfASeenDeliveryCarriesTheSameDeliveryId() throws Exception {
    String body = form(command("snapshots create x", "C0OPS"));
    assertThat(send(body).statusCode()).isEqualTo(200);
    Invocation first = handler.awaitCommand(WAIT);

    Map<String, String> retry = new HashMap<>(signedHeaders(body));
    retry.put("X-Slack-Retry-Num", "1");
    retry.put("X-Slack-Retry-Reason", "http_timeout");
    assertThat(post(http, events, body, retry).statusCode()).isEqualTo(200);
    assertThat(send(body).statusCode()).isEqualTo(200); // a replay without the header, too

    Invocation retried = handler.awaitCommand(WAIT);
    Invocation replayed = handler.awaitCommand(WAIT);
    assertThat(first.deliveryId()).isNotBlank();
    assertThat(List.of(retried.deliveryId(), replayed.deliveryId()))
        .containsOnly(first.deliveryId());
  }

  @Test
  void repeatedClickDeliveryKeepsItsIdAndANewClickGetsANewOne() throws Exception {
    String json =
        SlackRequests.blockActionJson(
            "U0BEA", "C0OPS", "1.2", "approval.approve", "req-1", "1.3", fake.newResponseUrl());
    send(SlackRequests.interactionForm(json));
    ActionInvocation first = handler.awaitAction(WAIT);
    send(SlackRequests.interactionForm(json));
    ActionInvocation repeated = handler.awaitAction(WAIT);

    String again =
        SlackRequests.blockActionJson(
            "U0BEA", "C0OPS", "1.2", "approval.approve", "req-1", "1.4", fake.newResponseUrl());
    send(SlackRequests.interactionForm(again));
    ActionInvocation next = handler.awaitAction(WAIT);
    assertThat(first.deliveryId()).isEqualTo("act:1.3:U0BEA:approval.approve");
    assertThat(repeated.deliveryId()).isEqualTo(first.deliveryId());
    assertThat(next.deliveryId()).isNotEqualTo(first.deliveryId());
  }

  @Test
  void appHomeOpenedPublishesTheHomeView() throws Exception {
    String event =
        "{\"token\":\"t\",\"team_id\":\""
            + FakeSlackApi.TEAM_ID
            + "\",\"api_app_id\":\"A0FAKE\","
            + "\"event\":{\"type\":\"app_home_opened\",\"user\":\"U0ANA\",\"channel\":\"D0HOME\",\"tab\":\"home\","
            + "\"event_ts\":\"1700000000.1\"},\"type\":\"event_callback\",\"event_id\":\"Ev01\",\"event_time\":1700000000}";
    HttpRequest req =
        HttpRequest.newBuilder(events)
            .header("Content-Type", "application/json")
            .headers(
                signedHeaders(event).entrySet().stream()
                    .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                    .toArray(String[]::new))
            .POST(HttpRequest.BodyPublishers.ofString(event))
            .build();
    assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    FakeSlackApi.Call c = fake.await("views.publish", WAIT);
    assertThat(c.param("user_id")).isEqualTo("U0ANA");
    assertThat(c.json("view").path("type").asText()).isEqualTo("home");
    assertThat(c.json("view").toString()).contains("cfy-chatops is running");
  }

  @Test
  void publicPortServesOnlyEventsAndPlainLiveness() throws Exception {
    String base = "http://127.0.0.1:" + bot.listenPort();
    notReady.set(List.of("store: connection refused"));
    HttpResponse<String> health = get(base + "/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");
    for (String path : List.of("/readyz", "/metrics", "/", "/slack")) {
      HttpResponse<String> r = get(base + path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).doesNotContain("store").doesNotContain("up 1");
    }
  }

  @Test
  void managementPortOnLoopbackServesHealthReadinessAndMetrics() throws Exception {
    assertThat(bot.managementPort()).isPositive().isNotEqualTo(bot.listenPort());
    String base = "http://127.0.0.1:" + bot.managementPort();
    HttpResponse<String> health = get(base + "/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");
    assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);
    notReady.set(List.of("store: connection refused"));
    HttpResponse<String> notReadyResp = get(base + "/readyz");
    assertThat(notReadyResp.statusCode()).isEqualTo(503);
    assertThat(notReadyResp.body()).contains("store: connection refused");
    HttpResponse<String> metrics = get(base + "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(metrics.body()).contains("up 1");
  }

  @Test
  void aCoreThatIsNotAcceptingIsAnsweredInTheAckWithoutAResponseUrlPost() throws Exception {
    FakeSlackApi busyFake = new FakeSlackApi();
    java.util.concurrent.atomic.AtomicInteger handed =
        new java.util.concurrent.atomic.AtomicInteger();
    io.cfychatops.chat.ChatHandler full =
        new io.cfychatops.chat.ChatHandler() {
          @Override
          public void onCommand(Invocation invocation, io.cfychatops.chat.Responder responder) {
            handed.incrementAndGet();
          }

          @Override
          public void onAction(ActionInvocation action, io.cfychatops.chat.Responder responder) {
            handed.incrementAndGet();
          }

          @Override
          public boolean accepting() {
            return false;
          }
        };
    try (SlackBot busy =
        SlackBot.start(
            SlackSettings.ephemeral(
                FakeSlackApi.BOT_TOKEN, null, SIGNING_SECRET, busyFake.apiUrl()),
            full,
            null,
            null,
            null,
            true)) {
      String body =
          form(
              SlackRequests.slashCommand(
                  "U0ANA",
                  "C0OPS",
                  "snapshots list",
                  busyFake.newResponseUrl(),
                  SlackRequests.newTriggerId()));
      HttpResponse<String> ack =
          post(
              http,
              URI.create("http://127.0.0.1:" + busy.listenPort() + "/slack/events"),
              body,
              signedHeaders(body));
      assertThat(ack.statusCode()).isEqualTo(200);
      assertThat(ack.body()).contains("busy");
      assertThat(handed).hasValue(0);
      assertThat(busy.slackApp().rejectedWork()).isEqualTo(1);
      assertThat(busyFake.calls(FakeSlackApi.RESPONSE_URL)).isEmpty();
    } finally {
      busyFake.close();
    }
  }

  @Test
  void oversizedBodyIs413AndGetIs405() throws Exception {
    String huge = "text=" + "a".repeat(SlackHttpServer.MAX_BODY_BYTES + 10);
    assertThat(send(huge).statusCode()).isEqualTo(413);
    assertThat(get(events.toString()).statusCode()).isEqualTo(405);
    assertThat(handler.commands()).isEmpty();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
