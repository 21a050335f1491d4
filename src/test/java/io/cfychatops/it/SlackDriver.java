package io.cfychatops.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.FakeSocketModeServer;
import io.cfychatops.testing.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Slack does and what a user sees, for bots running as processes: signed slash commands and
 * button clicks (HMAC v0 with {@link SlackRequests#SIGNING_SECRET}, as Slack signs them) or Socket
 * Mode envelopes through a {@link FakeSocketModeServer}; and reads of the {@link FakeSlackApi}
 * (cards, thread lines, edits, ephemeral answers) without consuming them, so a case can look again
 * after a restart.
 */
final class SlackDriver {
  static final String CHANNEL = "C0OPS";
  static final Pattern REQUEST_ID = Pattern.compile("apr-[a-z0-9]{4,16}");
  static final Pattern END_LINE =
      Pattern.compile(": (succeeded|failed|cancelled|completed with \\d+ problems?) after ");
  private static final AtomicLong ENVELOPES = new AtomicLong();

  private final FakeSlackApi fake;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  SlackDriver(FakeSlackApi fake) {
    this.fake = fake;
    fake.seedChannel(CHANNEL, "ops", true, false);
    fake.seedChannel(BotYaml.REPORTS, "cfy-backups", true, false);
  }

  FakeSlackApi fake() {
    return fake;
  }

  // ---------------------------------------------------------------- what Slack sends

  /**
   * A signed {@code /cfy text} from {@code user} in {@link #CHANNEL}; returns its response_url
   * path.
   */
  String slash(BotProcess bot, String user, String text) {
    String responseUrl = fake.newResponseUrl();
    Map<String, String> fields =
        SlackRequests.slashCommand(user, CHANNEL, text, responseUrl, SlackRequests.newTriggerId());
    String body = SlackRequests.form(fields);
    HttpResponse<String> r = post(bot.events(), body);
    assertThat(r.statusCode()).as("ack of /cfy %s", text).isEqualTo(200);
    assertThat(r.body()).as("ack of /cfy %s", text).isEmpty();
    return URI.create(responseUrl).getPath();
  }

  /**
   * The same command through Socket Mode; returns its response_url path once the bot acked the
   * envelope.
   */
  String slash(FakeSocketModeServer socket, String user, String text) throws InterruptedException {
    String responseUrl = fake.newResponseUrl();
    Map<String, String> fields =
        SlackRequests.slashCommand(user, CHANNEL, text, responseUrl, SlackRequests.newTriggerId());
    String envelope =
        "env-" + ENVELOPES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    socket.send(
        FakeSocketModeServer.slashCommandEnvelope(
            envelope, SlackRequests.slashCommandJson(fields)));
    assertThat(socket.awaitAck(envelope, Duration.ofSeconds(10)))
        .as("Socket Mode ack of envelope %s", envelope)
        .isNotNull();
    return URI.create(responseUrl).getPath();
  }

  /** A signed {@code block_actions} click on the message {@code messageTs} in {@link #CHANNEL}. */
  void click(BotProcess bot, String user, String actionId, String value, String messageTs) {
    String json =
        SlackRequests.blockActionJson(
            user,
            CHANNEL,
            messageTs,
            actionId,
            value,
            Instant.now().getEpochSecond() + "." + System.nanoTime() % 1_000_000,
            fake.newResponseUrl());
    HttpResponse<String> r = post(bot.events(), SlackRequests.interactionForm(json));
    assertThat(r.statusCode()).as("ack of click %s by %s", actionId, user).isEqualTo(200);
  }

  private HttpResponse<String> post(URI uri, String body) {
    try {
      return SlackRequests.post(http, uri, body, SlackRequests.signedHeaders(body));
    } catch (Exception e) {
      throw new AssertionError("POST " + uri + ": " + e, e);
    }
  }

  // ---------------------------------------------------------------- what users see

  /** The ephemeral answer to the command whose response_url path is {@code responsePath}. */
  JsonNode awaitAnswer(String responsePath, Predicate<String> p, Duration max)
      throws InterruptedException {
    return fake.awaitFirst(
            "a response_url post to " + responsePath,
            c ->
                c.method().equals(FakeSlackApi.RESPONSE_URL)
                    && responsePath.equals(c.param("path"))
                    && p.test(visible(c)),
            max)
        .bodyJson();
  }

  /** Any ephemeral answer (response_url post) whose visible text matches {@code p}. */
  JsonNode awaitAnyAnswer(String what, Predicate<String> p, Duration max)
      throws InterruptedException {
    return fake.awaitFirst(
            what, c -> c.method().equals(FakeSlackApi.RESPONSE_URL) && p.test(visible(c)), max)
        .bodyJson();
  }

  /**
   * What a user reads in a call: a response_url post's JSON (unescaped), or a Web API call's text
   * and blocks.
   */
  static String visible(FakeSlackApi.Call c) {
    if (c.method().equals(FakeSlackApi.RESPONSE_URL)) {
      try {
        return c.bodyJson().toString();
      } catch (IllegalStateException notJson) {
        return c.body();
      }
    }
    return c.param("text") + "\n" + c.param("blocks");
  }

  /** A top-level post (not in a thread) in {@code channel} whose text contains {@code fragment}. */
  FakeSlackApi.Call awaitPost(String channel, String fragment, Duration max)
      throws InterruptedException {
    return fake.awaitFirst(
        "a post in " + channel + " containing `" + fragment + "`",
        c ->
            c.method().equals("chat.postMessage")
                && channel.equals(c.param("channel"))
                && c.param("thread_ts") == null
                && (String.valueOf(c.param("text")) + c.param("blocks")).contains(fragment),
        max);
  }

  /** Top-level posts in {@code channel} whose text contains {@code fragment}, so far. */
  List<FakeSlackApi.Call> posts(String channel, String fragment) {
    return fake.calls(
        c ->
            c.method().equals("chat.postMessage")
                && channel.equals(c.param("channel"))
                && c.param("thread_ts") == null
                && (String.valueOf(c.param("text")) + c.param("blocks")).contains(fragment));
  }

  /**
   * The operation card (the living message) whose title contains {@code subject}, e.g. "Create
   * snapshot `s1`".
   */
  Card awaitCard(String subject, Duration max) throws InterruptedException {
    FakeSlackApi.Call c = awaitPost(CHANNEL, subject, max);
    return new Card(c, fake.tsOf(c));
  }

  /** A thread line under {@code card} whose text matches {@code p}. */
  FakeSlackApi.Call awaitThreadLine(Card card, Pattern p, Duration max)
      throws InterruptedException {
    return fake.awaitFirst(
        "a thread line under " + card.title() + " matching " + p,
        c -> isThreadLine(c, card) && p.matcher(String.valueOf(c.param("text"))).find(),
        max);
  }

  /** Thread lines under {@code card} so far, their texts in order. */
  List<String> threadLines(Card card) {
    return fake.calls(c -> isThreadLine(c, card)).stream().map(c -> c.param("text")).toList();
  }

  private static boolean isThreadLine(FakeSlackApi.Call c, Card card) {
    return c.method().equals("chat.postMessage") && card.ts().equals(c.param("thread_ts"));
  }

  /**
   * The end of the operation on {@code card}: its "…: succeeded|failed|cancelled after …" thread
   * line.
   */
  Ended awaitEnd(Card card, Duration max) throws InterruptedException {
    FakeSlackApi.Call c = awaitThreadLine(card, END_LINE, max);
    Matcher m = END_LINE.matcher(c.param("text"));
    assertThat(m.find()).isTrue();
    return new Ended(m.group(1), fake.receivedAt(c), c.param("text"));
  }

  /**
   * The end line of the operation titled {@code subject} (e.g. "Create snapshot `s1` on default"),
   * in the thread of whichever card it has: a bot killed between posting a card and storing its
   * reference posts a second card after the restart.
   */
  Ended awaitEnd(String subject, Duration max) throws InterruptedException {
    FakeSlackApi.Call c =
        fake.awaitFirst(
            "the end line of " + subject,
            x ->
                x.method().equals("chat.postMessage")
                    && x.param("thread_ts") != null
                    && String.valueOf(x.param("text")).contains(subject + ":")
                    && END_LINE.matcher(String.valueOf(x.param("text"))).find(),
            max);
    Matcher m = END_LINE.matcher(c.param("text"));
    assertThat(m.find()).isTrue();
    return new Ended(m.group(1), fake.receivedAt(c), c.param("text"));
  }

  /** The end line of {@code card} if it was posted already. */
  Optional<Ended> ended(Card card) {
    return fake
        .calls(
            c -> isThreadLine(c, card) && END_LINE.matcher(String.valueOf(c.param("text"))).find())
        .stream()
        .findFirst()
        .map(
            c -> {
              Matcher m = END_LINE.matcher(c.param("text"));
              m.find();
              return new Ended(m.group(1), fake.receivedAt(c), c.param("text"));
            });
  }

  /** An edit of the message {@code ts} whose text or blocks contain {@code fragment}. */
  FakeSlackApi.Call awaitUpdate(String ts, String fragment, Duration max)
      throws InterruptedException {
    return fake.awaitFirst(
        "an edit of " + ts + " containing `" + fragment + "`",
        c ->
            c.method().equals("chat.update")
                && ts.equals(c.param("ts"))
                && (String.valueOf(c.param("text")) + c.param("blocks")).contains(fragment),
        max);
  }

  /** The approval card for {@code commandFragment} with its request id. */
  Approval awaitApprovalCard(String commandFragment, Duration max) throws InterruptedException {
    FakeSlackApi.Call c =
        fake.awaitFirst(
            "an approval card for `" + commandFragment + "`",
            x ->
                x.method().equals("chat.postMessage")
                    && x.param("thread_ts") == null
                    && String.valueOf(x.param("text")).contains("Approval needed")
                    && String.valueOf(x.param("blocks")).contains(commandFragment),
            max);
    Matcher m = REQUEST_ID.matcher(c.param("blocks"));
    assertThat(m.find()).as("request id on the card").isTrue();
    return new Approval(c, fake.tsOf(c), m.group());
  }

  /** A living operation message. */
  record Card(FakeSlackApi.Call call, String ts) {
    String title() {
      return call.param("text");
    }
  }

  /** How an operation ended and when its end line reached Slack (epoch ms). */
  record Ended(String outcome, long atMillis, String text) {}

  /** An approval card: its message ts and request id (the buttons' value). */
  record Approval(FakeSlackApi.Call call, String ts, String requestId) {}
}
