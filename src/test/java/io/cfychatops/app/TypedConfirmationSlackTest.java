package io.cfychatops.app;

import static io.cfychatops.testing.SlackRequests.form;
import static io.cfychatops.testing.SlackRequests.post;
import static io.cfychatops.testing.SlackRequests.signedHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfychatops.approvals.ApprovalStatus;
import io.cfychatops.approvals.Vote;
import io.cfychatops.config.BotConfig;
import io.cfychatops.config.ConfigLoader;
import io.cfychatops.core.TestBots;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OpStatus;
import io.cfychatops.ops.Operation;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.slack.SlackBot;
import io.cfychatops.slack.SlackSettings;
import io.cfychatops.store.JdbcApprovalRepository;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed confirmation in Slack, over signed HTTP requests into the wired bot: on a {@code
 * production: true} manager with two votes needed, the first approval is a click, the second opens
 * a modal ({@code views.open} with the click's {@code trigger_id}); a wrong id in the modal answers
 * {@code response_action: errors} and counts nothing; a forged click without a modal counts
 * nothing; the snapshot id typed exactly starts the restore.
 */
class TypedConfirmationSlackTest {
  static final Duration WAIT = Duration.ofSeconds(15);
  static final Duration OP_WAIT = Duration.ofSeconds(60);
  static final String CHANNEL = "C0OPS";
  static final String ALICE = "U_ALICE";
  static final String BOB = "U_BOB";
  static final String CAROL = "U_CAROL";
  static final Pattern REQUEST_ID = Pattern.compile("apr-[a-z0-9]{4,16}");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  CloudifySimulator sim;
  FakeSlackApi fake;
  Bot bot;
  SlackBot slack;
  URI events;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    sim = TestBots.fastSimulator();
    fake = new FakeSlackApi();
    fake.seedChannel(CHANNEL, "ops", true, false);
    String yaml =
        """
        managers:
          - name: prod
            url: %s
            username: admin
            password_env: %s
            production: true
        access:
          grants:
            - { manager: "*", role: operator, users: [U_ALICE] }
            - { manager: "*", role: approver, users: [U_BOB, U_CAROL] }
        approvals:
          defaults: { required_votes: 2, expiry: 30m }
        store:
          data_dir: "%s"
        backups:
          archive_root: "%s"
        operations:
          progress_edit_interval: 1s
        """
            .formatted(
                sim.baseUrl(),
                TestBots.PASSWORD_ENV,
                dir.resolve("data"),
                dir.resolve("archives").toAbsolutePath());
    BotConfig cfg =
        new ConfigLoader(Map.of(TestBots.PASSWORD_ENV, TestBots.MANAGER_PASSWORD)).loadText(yaml);
    slack =
        SlackBot.connect(
            SlackSettings.fromEnv(
                Map.of(
                    "SLACK_BOT_TOKEN",
                    FakeSlackApi.BOT_TOKEN,
                    "SLACK_SIGNING_SECRET",
                    SlackRequests.SIGNING_SECRET,
                    "SLACK_API_URL",
                    fake.apiUrl(),
                    "PORT",
                    "0",
                    "MANAGEMENT_PORT",
                    "0")));
    bot =
        new Bot(
            cfg,
            slack.chatPort(),
            Clock.systemUTC(),
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), "slack-typed", false));
    slack.start(bot.core(), bot::notReady, bot.metrics()::scrape, bot::home, true);
    events = URI.create("http://127.0.0.1:" + slack.listenPort() + "/slack/events");
  }

  @AfterEach
  void stop() {
    if (slack != null) {
      slack.close();
    }
    if (bot != null) {
      bot.close();
    }
    fake.close();
    sim.stop();
  }

  private HttpResponse<String> send(String body) throws Exception {
    HttpResponse<String> r = post(http, events, body, signedHeaders(body));
    assertThat(r.statusCode()).isEqualTo(200);
    return r;
  }

  private String clickJson(String user, String requestId, String messageTs) {
    return SlackRequests.blockActionJson(
        user,
        CHANNEL,
        messageTs,
        "approval.approve",
        requestId,
        Instant.now().getEpochSecond() + "." + System.nanoTime() % 1_000_000,
        fake.newResponseUrl());
  }

  private HttpResponse<String> submit(String user, String metadata, String typed) throws Exception {
    return send(
        SlackRequests.interactionForm(
            SlackRequests.viewSubmissionJson(
                user, "approval.confirm", metadata, "confirm", "typed", typed)));
  }

  private FakeSlackApi.Call awaitMatching(
      String method, Predicate<FakeSlackApi.Call> p, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      assertThat(left).as("a matching " + method).isPositive();
      FakeSlackApi.Call c = fake.await(method, Duration.ofNanos(left));
      if (p.test(c)) {
        return c;
      }
    }
  }

  private List<Vote> votes(String requestId) {
    return new JdbcApprovalRepository(bot.database()).votes(requestId);
  }

  private ApprovalStatus status(String requestId) {
    return new JdbcApprovalRepository(bot.database()).find(requestId).orElseThrow().status();
  }

  private List<Operation> restores() {
    return bot.engine().recent(100).stream().filter(o -> o.kind() == OpKind.RESTORE).toList();
  }

  @Test
  void theCompletingVoteTypesTheSnapshotIdInAModalAndAWrongIdCountsNoVote() throws Exception {
    sim.seedSnapshot(
        "prod-snap.7",
        "created",
        null,
        Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    String cmd = "snapshots restore prod-snap.7 --reason \"drill\"";
    send(
        form(
            SlackRequests.slashCommand(
                ALICE, CHANNEL, cmd, fake.newResponseUrl(), SlackRequests.newTriggerId())));
    FakeSlackApi.Call card =
        awaitMatching("chat.postMessage", c -> c.param("text").contains("Approval needed"), WAIT);
    String cardTs = fake.tsOf(card);
    Matcher m = REQUEST_ID.matcher(card.json("blocks").toString());
    assertThat(m.find()).isTrue();
    String id = m.group();

    // the first of two approvals: a plain click counts, no modal
    send(SlackRequests.interactionForm(clickJson(BOB, id, cardTs)));
    awaitMatching(FakeSlackApi.RESPONSE_URL, c -> c.body().contains("approval was counted"), WAIT);
    assertThat(fake.calls("views.open")).isEmpty();
    assertThat(votes(id)).extracting(v -> v.voter().id()).containsExactly(BOB);

    // the completing click opens the modal with that click's trigger_id; nothing counted yet
    String click = clickJson(CAROL, id, cardTs);
    String trigger = JSON.readTree(click).path("trigger_id").asText();
    send(SlackRequests.interactionForm(click));
    FakeSlackApi.Call open = fake.await("views.open", WAIT);
    assertThat(open.param("trigger_id")).isEqualTo(trigger);
    JsonNode view = open.json("view");
    assertThat(view.path("type").asText()).isEqualTo("modal");
    assertThat(view.path("callback_id").asText()).isEqualTo("approval.confirm");
    assertThat(view.toString()).contains("plain_text_input").contains("prod-snap.7");
    String metadata = view.path("private_metadata").asText();
    assertThat(metadata).contains(id).contains(CHANNEL);
    assertThat(votes(id)).hasSize(1);

    // a forged click without a trigger (no modal possible) counts nothing either
    ObjectNode forged = (ObjectNode) JSON.readTree(clickJson(CAROL, id, cardTs));
    forged.remove("trigger_id");
    send(SlackRequests.interactionForm(forged.toString()));
    awaitMatching(FakeSlackApi.RESPONSE_URL, c -> c.body().contains("Nothing was counted"), WAIT);
    assertThat(fake.calls("views.open")).hasSize(1); // only the real click's
    assertThat(votes(id)).hasSize(1);

    // a wrong id: response_action errors next to the field, no vote, the request still pending
    for (String wrong : List.of("PROD-SNAP.7", "prod-snap.8", "")) {
      HttpResponse<String> r = submit(CAROL, metadata, wrong);
      JsonNode ack = JSON.readTree(r.body());
      assertThat(ack.path("response_action").asText()).as(wrong).isEqualTo("errors");
      assertThat(ack.path("errors").path("confirm").asText()).contains("not the snapshot id");
      assertThat(votes(id)).hasSize(1);
      assertThat(status(id)).isEqualTo(ApprovalStatus.PENDING);
    }
    assertThat(restores()).isEmpty();

    // the snapshot id exactly: the modal closes (empty ack), the restore runs with both approvers
    HttpResponse<String> ok = submit(CAROL, metadata, "prod-snap.7");
    assertThat(ok.body()).isEmpty();
    assertThat(status(id)).isEqualTo(ApprovalStatus.APPROVED);
    awaitMatching(
        "chat.update",
        c -> cardTs.equals(c.param("ts")) && c.json("blocks").toString().contains("Approved"),
        WAIT);
    assertThat(bot.awaitIdle(OP_WAIT)).isTrue();
    assertThat(restores())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(OpStatus.SUCCEEDED);
              assertThat(o.approvers()).containsExactly(BOB, CAROL);
            });
  }
}
