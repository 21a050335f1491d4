package io.cfychatops.it;

import static io.cfychatops.it.BotYaml.Users.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.FakeSocketModeServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The deployed bot in Socket Mode (README's default): {@code slack --config FILE} with {@code
 * SLACK_APP_TOKEN}; the fake's {@code apps.connections.open} returns the URL of a local WebSocket
 * server, which delivers {@code slash_commands} envelopes and reads the bot's acks. Create and list
 * work end to end, and the health listener answers on {@code HEALTH_PORT}.
 */
class SocketModeIT {
  static final Duration STEP = Duration.ofSeconds(20);

  @Test
  void createAndListThroughTheWebSocket() throws Exception {
    try (Stack s = Stack.start("SocketModeIT", Stack.Engine.EMBEDDED, "--exec-seconds", "1");
        FakeSocketModeServer socket = new FakeSocketModeServer()) {
      s.fake.socketModeUrl(socket.url());
      BotProcess bot = s.socketModeBot("bot", s.config());
      assertThat(socket.awaitConnection(STEP))
          .as("the bot opened the Socket Mode connection")
          .isTrue();
      FakeSlackApi.Call open =
          s.fake.awaitFirst(
              "apps.connections.open", c -> c.method().equals("apps.connections.open"), STEP);
      assertThat(open.token()).isEqualTo(FakeSlackApi.APP_TOKEN);
      assertThat(bot.get("/healthz").statusCode()).isEqualTo(200);

      String create = s.slack.slash(socket, ALICE, "snapshots create it-ws1");
      s.slack.awaitAnswer(create, b -> b.contains("Started operation op-"), STEP);
      SlackDriver.Card card = s.slack.awaitCard("Create snapshot `it-ws1`", STEP);
      assertThat(s.slack.awaitEnd(card, Duration.ofSeconds(60)).outcome()).isEqualTo("succeeded");
      assertThat(s.sim.count("PUT /snapshots/it-ws1")).isEqualTo(1);

      String list = s.slack.slash(socket, ALICE, "snapshots list");
      assertThat(s.slack.awaitAnswer(list, b -> b.contains("it-ws1"), STEP).toString())
          .contains("created");
    }
  }
}
