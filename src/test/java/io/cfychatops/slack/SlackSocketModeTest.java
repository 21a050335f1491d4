package io.cfychatops.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.Invocation;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.testing.Await;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.FakeSocketModeServer;
import io.cfychatops.testing.RecordingChatHandler;
import io.cfychatops.testing.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode offline: fake apps.connections.open → local WebSocket server → envelopes and acks.
 */
class SlackSocketModeTest {
  static final Duration WAIT = Duration.ofSeconds(15);

  FakeSlackApi fake;
  FakeSocketModeServer ws;
  SlackBot bot;
  RecordingChatHandler handler;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeSlackApi();
    ws = new FakeSocketModeServer();
    fake.socketModeUrl(ws.url());
    handler =
        new RecordingChatHandler(
            (inv, r) ->
                r.inChannel(
                    Message.builder(Status.RUNNING, "Creating snapshot").line(inv.text()).build()),
            (act, r) -> r.replaceSource(Message.text(Status.OK, "done")));
    SlackSettings settings =
        SlackSettings.ephemeral(
            FakeSlackApi.BOT_TOKEN, FakeSlackApi.APP_TOKEN, null, fake.apiUrl());
    bot = SlackBot.start(settings, handler, Readiness.ALWAYS, MetricsText.NONE, null, false);
    assertThat(ws.awaitConnection(WAIT)).isTrue();
  }

  @AfterEach
  void stop() throws Exception {
    bot.close();
    ws.close();
    fake.close();
  }

  @Test
  void slashCommandEnvelopeIsAckedAndHandled() throws Exception {
    FakeSlackApi.Call open = fake.await("apps.connections.open", WAIT);
    assertThat(open.token()).isEqualTo(FakeSlackApi.APP_TOKEN);

    Map<String, String> cmd =
        SlackRequests.slashCommand(
            "U0ANA",
            "C0OPS",
            "snapshots create x",
            fake.newResponseUrl(),
            SlackRequests.newTriggerId());
    ws.send(
        FakeSocketModeServer.slashCommandEnvelope("env-1", SlackRequests.slashCommandJson(cmd)));

    String ack = ws.awaitAck("env-1", WAIT);
    assertThat(ack).isNotNull();
    assertThat(ack.replace(" ", "")).isEqualTo("{\"envelope_id\":\"env-1\"}");

    Invocation inv = handler.awaitCommand(WAIT);
    assertThat(inv.text()).isEqualTo("snapshots create x");
    assertThat(inv.deliveryId()).isEqualTo(cmd.get("trigger_id"));
    FakeSlackApi.Call post = fake.await("chat.postMessage", WAIT);
    assertThat(post.param("channel")).isEqualTo("C0OPS");
    assertThat(post.json("blocks").toString()).contains("Creating snapshot");
  }

  @Test
  void retriedEnvelopeForASeenDeliveryIsAckedAndCarriesTheSameDeliveryId() throws Exception {
    Map<String, String> cmd =
        SlackRequests.slashCommand(
            "U0ANA",
            "C0OPS",
            "snapshots create x",
            fake.newResponseUrl(),
            SlackRequests.newTriggerId());
    String payload = SlackRequests.slashCommandJson(cmd);
    ws.send(FakeSocketModeServer.slashCommandEnvelope("env-a", payload));
    assertThat(ws.awaitAck("env-a", WAIT)).isNotNull();
    Invocation first = handler.awaitCommand(WAIT);

    String retry =
        FakeSocketModeServer.slashCommandEnvelope("env-b", payload)
            .replace("\"type\":", "\"retry_attempt\":1,\"retry_reason\":\"timeout\",\"type\":");
    ws.send(retry);
    assertThat(ws.awaitAck("env-b", WAIT)).isNotNull();
    // the core's chat.DeliveryDedupe drops it by this id (the transport only names deliveries)
    assertThat(handler.awaitCommand(WAIT).deliveryId())
        .isEqualTo(first.deliveryId())
        .isEqualTo(cmd.get("trigger_id"));
  }

  @Test
  void buttonClickEnvelopeIsAckedAndUpdatesTheMessage() throws Exception {
    String json =
        SlackRequests.blockActionJson(
            "U0BEA",
            "C0OPS",
            "1700000000.000007",
            "approval.deny",
            "req-9",
            "1700000001.1",
            fake.newResponseUrl());
    ws.send(FakeSocketModeServer.interactiveEnvelope("env-click", json));
    assertThat(ws.awaitAck("env-click", WAIT)).isNotNull();
    assertThat(handler.awaitAction(WAIT).actionId()).isEqualTo("approval.deny");
    assertThat(fake.await("chat.update", WAIT).param("ts")).isEqualTo("1700000000.000007");
  }

  @Test
  void managementListenerReportsSocketReadinessAndTheHealthPortOnlyLiveness() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String management = "http://127.0.0.1:" + bot.managementPort();
    HttpResponse<String> ready =
        http.send(
            HttpRequest.newBuilder(URI.create(management + "/readyz")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(management + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
    assertThat(bot.notReady()).isEmpty();

    String health = "http://127.0.0.1:" + bot.listenPort();
    assertThat(bot.listenPort()).isNotEqualTo(bot.managementPort());
    HttpResponse<String> live =
        http.send(
            HttpRequest.newBuilder(URI.create(health + "/healthz")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).isEqualTo("ok\n");
    for (String path : List.of("/readyz", "/metrics")) {
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(health + path)).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .as(path)
          .isEqualTo(404);
    }
  }

  @Test
  void disconnectFrameMakesTheBotReconnectAndKeepServing() throws Exception {
    fake.await("apps.connections.open", WAIT);
    ws.send(
        "{\"type\":\"disconnect\",\"reason\":\"refresh_requested\",\"debug_info\":{\"host\":\"fake\"}}");
    long deadline = System.nanoTime() + WAIT.toNanos();
    Await.untilAsserted(
        WAIT, // the reconnect
        () -> assertThat(fake.calls("apps.connections.open")).hasSizeGreaterThanOrEqualTo(2));

    Map<String, String> cmd =
        SlackRequests.slashCommand(
            "U0ANA",
            "C0OPS",
            "snapshots list",
            fake.newResponseUrl(),
            SlackRequests.newTriggerId());
    String ack = null;
    for (int i = 0; ack == null && System.nanoTime() < deadline; i++) {
      ws.send(
          FakeSocketModeServer.slashCommandEnvelope(
              "env-r" + i, SlackRequests.slashCommandJson(cmd)));
      ack = ws.awaitAck("env-r" + i, Duration.ofSeconds(1));
    }
    assertThat(ack).as("a command on the new connection is acked").isNotNull();
    assertThat(handler.awaitCommand(WAIT).text()).isEqualTo("snapshots list");
  }
}
