package io.cfychatops.app;

import static io.cfychatops.testing.SlackRequests.form;
import static io.cfychatops.testing.SlackRequests.post;
import static io.cfychatops.testing.SlackRequests.signedHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfychatops.config.BotConfig;
import io.cfychatops.core.CountingProxy;
import io.cfychatops.core.TestBots;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OpStatus;
import io.cfychatops.ops.Operation;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.slack.SlackBot;
import io.cfychatops.slack.SlackSettings;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
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
 * The Slack bot in HTTP mode, offline and end to end: signed slash commands and button clicks over
 * real HTTP into Bolt, the wired {@link Bot} (embedded store, db-scheduler), the real Cloudify
 * client against the simulator (behind a counting proxy), and Web API calls into {@link
 * FakeSlackApi}.
 */
class SlackEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(15);
  static final Duration OP_WAIT = Duration.ofSeconds(60);
  static final String CHANNEL = "C0OPS";
  static final String ALICE = "U_ALICE";
  static final String BOB = "U_BOB";
  static final Pattern REQUEST_ID = Pattern.compile("apr-[a-z0-9]{4,16}");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  CloudifySimulator sim;
  CountingProxy proxy;
  FakeSlackApi fake;
  Bot bot;
  SlackBot slack;
  URI events;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    sim = TestBots.fastSimulator();
    proxy = new CountingProxy(sim.baseUrl());
    fake = new FakeSlackApi();
    fake.seedChannel(CHANNEL, "ops", true, false);
    BotConfig cfg =
        TestBots.config(
            proxy.baseUrl(),
            """
            - { manager: "*", role: operator, users: [U_ALICE] }
            - { manager: "*", role: approver, users: [U_BOB] }
        """,
            "  data_dir: \"" + dir.resolve("data") + "\"",
            dir.resolve("archives"),
            false);
    assertThat(cfg.slack().incidentChannel()).isNull();
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
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), "slack-e2e", false));
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
    proxy.close();
    sim.stop();
  }

  // ------------------------------------------------------------------ helpers

  private Map<String, String> command(String user, String text) {
    return SlackRequests.slashCommand(
        user, CHANNEL, text, fake.newResponseUrl(), SlackRequests.newTriggerId());
  }

  private HttpResponse<String> send(String body) throws Exception {
    return post(http, events, body, signedHeaders(body));
  }

  private HttpResponse<String> slash(String user, String text) throws Exception {
    HttpResponse<String> r = send(form(command(user, text)));
    assertThat(r.statusCode()).isEqualTo(200);
    return r;
  }

  private HttpResponse<String> click(String user, String actionId, String value, String messageTs)
      throws Exception {
    String json =
        SlackRequests.blockActionJson(
            user,
            CHANNEL,
            messageTs,
            actionId,
            value,
            Instant.now().getEpochSecond() + "." + System.nanoTime() % 1_000_000,
            fake.newResponseUrl());
    HttpResponse<String> r = send(SlackRequests.interactionForm(json));
    assertThat(r.statusCode()).isEqualTo(200);
    return r;
  }

  /** Everything a recorded call carries that a user could see. */
  private static String visible(FakeSlackApi.Call c) {
    return c.method().equals(FakeSlackApi.RESPONSE_URL) ? c.body() : c.params().toString();
  }

  /** Takes calls of {@code method} in order until one matches; fails after {@code max}. */
  private FakeSlackApi.Call awaitMatching(
      String method, Predicate<FakeSlackApi.Call> p, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    List<String> seen = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "no matching " + method + " within " + max + "; saw:\n" + String.join("\n---\n", seen));
      }
      FakeSlackApi.Call c;
      try {
        c = fake.await(method, Duration.ofNanos(left));
      } catch (AssertionError e) {
        throw new AssertionError(
            "no matching " + method + " within " + max + "; saw:\n" + String.join("\n---\n", seen),
            e);
      }
      if (p.test(c)) {
        return c;
      }
      seen.add(visible(c));
    }
  }

  /**
   * The ts the fake answered for {@code call} (it numbers postMessage/postEphemeral in arrival
   * order).
   */
  private String tsOf(FakeSlackApi.Call call) {
    List<FakeSlackApi.Call> numbered =
        fake.calls().stream()
            .filter(
                c ->
                    c.method().equals("chat.postMessage")
                        || c.method().equals("chat.postEphemeral"))
            .toList();
    int i = numbered.indexOf(call);
    assertThat(i).isNotNegative();
    return String.format("1700000000.%06d", i + 1);
  }

  private static List<JsonNode> buttons(JsonNode blocks) {
    List<JsonNode> out = new ArrayList<>();
    collectButtons(blocks, out);
    return out;
  }

  private static void collectButtons(JsonNode n, List<JsonNode> out) {
    if (n == null) {
      return;
    }
    if (n.isObject() && "button".equals(n.path("type").asText())) {
      out.add(n);
    }
    n.forEach(child -> collectButtons(child, out));
  }

  /** The snapshot's status straight from the simulator (not through the bot). */
  private String simSnapshotStatus(String id) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/snapshots/" + id))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            ("admin:" + TestBots.MANAGER_PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)))
            .header("Tenant", "default_tenant")
            .GET()
            .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200
        ? JSON.readTree(r.body()).path("status").asText()
        : "http " + r.statusCode();
  }

  private List<Operation> ops(OpKind kind) {
    return bot.engine().recent(100).stream().filter(o -> o.kind() == kind).toList();
  }

  private void seed(String id) {
    sim.seedSnapshot(
        id,
        "created",
        null,
        Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
  }

  private void assertNoSecretsPosted() {
    List<FakeSlackApi.Call> all = fake.calls();
    assertThat(all).isNotEmpty();
    for (FakeSlackApi.Call c : all) {
      assertThat(c.body() + "\n" + visible(c))
          .as("%s body", c.method())
          .doesNotContain(CloudifySimulator.LEAKED_DB_PASSWORD)
          .doesNotContain(TestBots.MANAGER_PASSWORD)
          .doesNotContain(FakeSlackApi.BOT_TOKEN)
          .doesNotContain(SlackRequests.SIGNING_SECRET);
    }
  }

  // ------------------------------------------------------------------ tests

  @Test
  void snapshotsListAcksAtOnceAndAnswersEphemerallyThroughTheResponseUrl() throws Exception {
    seed("listed-1");
    long t0 = System.nanoTime();
    HttpResponse<String> ack = slash(ALICE, "snapshots list");
    long ackMillis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ack.body()).isEmpty();
    assertThat(ackMillis).isLessThan(3000);

    FakeSlackApi.Call answer = fake.await(FakeSlackApi.RESPONSE_URL, WAIT);
    JsonNode body = answer.bodyJson();
    assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(body.path("blocks").toString())
        .contains("Snapshots on default")
        .contains("listed-1")
        .contains("created");
    assertThat(fake.calls("chat.postMessage")).isEmpty();
    assertThat(proxy.count("GET /api/v[0-9.]+/snapshots")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void createPostsProgressInTheChannelUpdatesItToSucceededAndTheSnapshotExists() throws Exception {
    slash(ALICE, "snapshots create e2e-1");

    JsonNode started = fake.await(FakeSlackApi.RESPONSE_URL, WAIT).bodyJson();
    assertThat(started.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(started.toString()).contains("Started operation op-");

    FakeSlackApi.Call card =
        awaitMatching(
            "chat.postMessage",
            c -> c.param("thread_ts") == null && c.param("text").contains("Create snapshot"),
            WAIT);
    assertThat(card.param("channel")).isEqualTo(CHANNEL);
    String ts = tsOf(card);
    FakeSlackApi.Call done =
        awaitMatching(
            "chat.update",
            c -> ts.equals(c.param("ts")) && c.json("blocks").toString().contains("succeeded"),
            OP_WAIT);
    assertThat(done.param("channel")).isEqualTo(CHANNEL);
    assertThat(done.json("blocks").toString()).contains("e2e-1").contains("verify");

    assertThat(simSnapshotStatus("e2e-1")).isEqualTo("created");
    assertThat(proxy.count("PUT /api/v[0-9.]+/snapshots/e2e-1")).isEqualTo(1);
    assertThat(bot.awaitIdle(OP_WAIT)).isTrue();
    assertThat(ops(OpKind.CREATE))
        .singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo(OpStatus.SUCCEEDED));
    assertNoSecretsPosted();
  }

  @Test
  void restoreNeedsAnotherPersonsClickThenRunsToSuccessAndLeaksNoSecret() throws Exception {
    seed("e2e-r");
    slash(ALICE, "snapshots restore e2e-r");

    FakeSlackApi.Call card =
        awaitMatching("chat.postMessage", c -> c.param("text").contains("Approval needed"), WAIT);
    assertThat(card.param("channel")).isEqualTo(CHANNEL);
    String cardTs = tsOf(card);
    Matcher m = REQUEST_ID.matcher(card.json("blocks").toString());
    assertThat(m.find()).isTrue();
    String requestId = m.group();
    List<JsonNode> buttons = buttons(card.json("blocks"));
    assertThat(buttons)
        .extracting(b -> b.path("action_id").asText().replaceFirst("~\\d+$", ""))
        .contains("approval.approve", "approval.deny");
    assertThat(buttons).allSatisfy(b -> assertThat(b.path("value").asText()).isEqualTo(requestId));
    JsonNode requested = fake.await(FakeSlackApi.RESPONSE_URL, WAIT).bodyJson();
    assertThat(requested.toString()).contains("Approval requested: " + requestId);

    // the requester clicks Approve: refused, only she sees why, the card stays
    click(ALICE, "approval.approve", requestId, cardTs);
    JsonNode refused = fake.await(FakeSlackApi.RESPONSE_URL, WAIT).bodyJson();
    assertThat(refused.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(refused.path("replace_original").asBoolean(false)).isFalse();
    assertThat(refused.toString()).contains("can't approve");
    assertThat(fake.calls("chat.update")).isEmpty();
    assertThat(ops(OpKind.RESTORE)).isEmpty();

    // an approver clicks Approve: the card turns approved and the restore runs
    click(BOB, "approval.approve", requestId, cardTs);
    FakeSlackApi.Call approvedCard =
        awaitMatching("chat.update", c -> cardTs.equals(c.param("ts")), WAIT);
    assertThat(approvedCard.json("blocks").toString()).contains("Approved: restore on default");
    assertThat(buttons(approvedCard.json("blocks")))
        .noneMatch(b -> b.path("action_id").asText().startsWith("approval.approve"));
    JsonNode approvedReply =
        awaitMatching(FakeSlackApi.RESPONSE_URL, c -> c.body().contains("Approved by"), WAIT)
            .bodyJson();
    assertThat(approvedReply.toString()).contains("started");

    FakeSlackApi.Call opCard =
        awaitMatching(
            "chat.postMessage",
            c -> c.param("thread_ts") == null && c.param("text").contains("Restore snapshot"),
            WAIT);
    assertThat(opCard.param("channel")).isEqualTo(CHANNEL);
    String opTs = tsOf(opCard);
    FakeSlackApi.Call opDone =
        awaitMatching(
            "chat.update",
            c ->
                opTs.equals(c.param("ts"))
                        && c.json("blocks").toString().contains("Phase: succeeded")
                    || opTs.equals(c.param("ts")) && c.param("text").contains("succeeded"),
            OP_WAIT);
    assertThat(opDone.json("blocks").toString()).contains("post-checks").contains("deactivated");

    assertThat(bot.awaitIdle(OP_WAIT)).isTrue();
    assertThat(ops(OpKind.RESTORE))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(OpStatus.SUCCEEDED);
              assertThat(o.requester()).isEqualTo(ALICE);
              assertThat(o.approvers()).containsExactly(BOB);
            });
    assertThat(proxy.count("POST /api/v[0-9.]+/snapshots/e2e-r/restore")).isEqualTo(1);

    // a late second click changes nothing
    click(BOB, "approval.approve", requestId, cardTs);
    assertThat(
            awaitMatching(FakeSlackApi.RESPONSE_URL, c -> c.body().contains(requestId), WAIT)
                .body())
        .contains("already approved");
    assertThat(ops(OpKind.RESTORE)).hasSize(1);

    // (f) secrets: a manager error quoting the DB password, and the show of the finished op
    sim.failNextCreate(
        "pg_dump failed: postgresql_password="
            + CloudifySimulator.LEAKED_DB_PASSWORD
            + " password: '"
            + TestBots.MANAGER_PASSWORD
            + "'");
    slash(ALICE, "snapshots create leaky-1");
    awaitMatching(
        "chat.postMessage", c -> c.param("text").contains("Create snapshot `leaky-1`"), WAIT);
    assertThat(bot.awaitIdle(OP_WAIT)).isTrue();
    assertThat(ops(OpKind.CREATE))
        .singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo(OpStatus.FAILED));
    slash(ALICE, "ops show " + ops(OpKind.RESTORE).get(0).id());
    awaitMatching(
        FakeSlackApi.RESPONSE_URL, c -> c.body().contains(ops(OpKind.RESTORE).get(0).id()), WAIT);
    assertThat(
            fake.calls().stream()
                .map(SlackEndToEndTest::visible)
                .anyMatch(b -> b.contains("pg_dump failed")))
        .as("the failure itself is reported")
        .isTrue();
    assertNoSecretsPosted();
  }

  @Test
  void unsignedOrForgedRequestsGet401AndReachNothing() throws Exception {
    String body = form(command(ALICE, "snapshots create forged-1"));
    int apiCalls = fake.appCalls().size();
    int managerCalls = proxy.count();

    assertThat(post(http, events, body, Map.of()).statusCode()).isEqualTo(401);
    assertThat(
            post(http, events, body, signedHeaders(body, "not-the-secret", Instant.now()))
                .statusCode())
        .isEqualTo(401);
    assertThat(
            post(http, events, body.replace("forged-1", "forged-2"), signedHeaders(body))
                .statusCode())
        .isEqualTo(401);
    String click =
        SlackRequests.interactionForm(
            SlackRequests.blockActionJson(
                BOB,
                CHANNEL,
                "1.2",
                "approval.approve",
                "apr-aaaaaaaa",
                "1.3",
                fake.newResponseUrl()));
    assertThat(post(http, events, click, Map.of()).statusCode()).isEqualTo(401);

    // a genuine request afterwards is answered: so the forged ones were not merely slow
    slash(ALICE, "snapshots list");
    fake.await(FakeSlackApi.RESPONSE_URL, WAIT);
    assertThat(bot.awaitIdle(WAIT)).isTrue();
    assertThat(fake.appCalls()).hasSize(apiCalls + 1);
    assertThat(fake.appCalls().get(apiCalls).method()).isEqualTo(FakeSlackApi.RESPONSE_URL);
    assertThat(proxy.requests().subList(managerCalls, proxy.count()))
        .noneMatch(r -> r.startsWith("PUT"));
    assertThat(bot.engine().recent(10)).isEmpty();
  }

  @Test
  void aRetriedSlashCommandDoesNotStartASecondOperation() throws Exception {
    String body = form(command(ALICE, "snapshots create e2e-dup"));
    assertThat(send(body).statusCode()).isEqualTo(200);
    Map<String, String> retry = new HashMap<>(signedHeaders(body));
    retry.put("X-Slack-Retry-Num", "1");
    retry.put("X-Slack-Retry-Reason", "http_timeout");
    HttpResponse<String> second = post(http, events, body, retry);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEmpty();

    fake.await(FakeSlackApi.RESPONSE_URL, WAIT);
    assertThat(bot.awaitIdle(OP_WAIT)).isTrue();
    assertThat(ops(OpKind.CREATE))
        .singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo(OpStatus.SUCCEEDED));
    assertThat(proxy.count("PUT /api/v[0-9.]+/snapshots/e2e-dup")).isEqualTo(1);
    assertThat(fake.calls(FakeSlackApi.RESPONSE_URL)).hasSize(1);
    assertThat(fake.calls("chat.postMessage").stream().filter(c -> c.param("thread_ts") == null))
        .hasSize(1);
  }
}
