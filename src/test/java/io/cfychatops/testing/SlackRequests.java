package io.cfychatops.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds request bodies exactly as Slack sends them (form-encoded slash commands; {@code payload=}
 * JSON for interactions), signs them like Slack does, and lets tests forge or age them.
 */
public final class SlackRequests {
  public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SEQ = new AtomicLong(1000);

  private SlackRequests() {}

  /** A fresh trigger id in Slack's shape ({@code 123.456.hex}). */
  public static String newTriggerId() {
    return SEQ.incrementAndGet() + ".47445629121." + Long.toHexString(System.nanoTime());
  }

  /** Slash command fields in Slack's order; {@link #form} encodes them. */
  public static Map<String, String> slashCommand(
      String userId, String channelId, String text, String responseUrl, String triggerId) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("token", "legacy-verification-token");
    f.put("team_id", FakeSlackApi.TEAM_ID);
    f.put("team_domain", "fake");
    f.put("channel_id", channelId);
    f.put("channel_name", "ops");
    f.put("user_id", userId);
    f.put("user_name", "user-" + userId.toLowerCase());
    f.put("command", "/cfy");
    f.put("text", text);
    f.put("api_app_id", "A0FAKE");
    f.put("is_enterprise_install", "false");
    f.put("response_url", responseUrl);
    f.put("trigger_id", triggerId);
    return f;
  }

  /** The same slash command as Socket Mode's JSON payload. */
  public static String slashCommandJson(Map<String, String> fields) {
    ObjectNode n = JSON.createObjectNode();
    fields.forEach(n::put);
    return n.toString();
  }

  public static String form(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder();
    fields.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append('&');
          }
          sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return sb.toString();
  }

  /** A {@code block_actions} payload for one button click on a message in {@code channelId}. */
  public static String blockActionJson(
      String userId,
      String channelId,
      String messageTs,
      String actionId,
      String value,
      String actionTs,
      String responseUrl) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "block_actions");
    p.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "fake");
    p.putObject("user")
        .put("id", userId)
        .put("username", "user-" + userId.toLowerCase())
        .put("name", "user-" + userId.toLowerCase())
        .put("team_id", FakeSlackApi.TEAM_ID);
    p.put("api_app_id", "A0FAKE");
    p.put("token", "legacy-verification-token");
    p.putObject("container")
        .put("type", "message")
        .put("message_ts", messageTs)
        .put("channel_id", channelId)
        .put("is_ephemeral", false);
    p.put("trigger_id", newTriggerId());
    p.putObject("channel").put("id", channelId).put("name", "ops");
    ObjectNode msg = p.putObject("message");
    msg.put("type", "message").put("ts", messageTs).put("text", "approval").put("bot_id", "B0BOT");
    msg.putArray("blocks");
    p.put("response_url", responseUrl);
    p.putObject("state").putObject("values");
    ObjectNode a = p.putArray("actions").addObject();
    a.put("action_id", actionId)
        .put("block_id", "b1")
        .put("type", "button")
        .put("value", value)
        .put("action_ts", actionTs);
    a.putObject("text").put("type", "plain_text").put("text", "Approve").put("emoji", true);
    return p.toString();
  }

  /**
   * A {@code view_submission} payload of a modal with one {@code plain_text_input}: {@code value}
   * typed into {@code blockId}/{@code actionId}; {@code privateMetadata} as the app set it.
   */
  public static String viewSubmissionJson(
      String userId,
      String callbackId,
      String privateMetadata,
      String blockId,
      String actionId,
      String value) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "view_submission");
    p.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "fake");
    p.putObject("user")
        .put("id", userId)
        .put("username", "user-" + userId.toLowerCase())
        .put("name", "user-" + userId.toLowerCase())
        .put("team_id", FakeSlackApi.TEAM_ID);
    p.put("api_app_id", "A0FAKE");
    p.put("token", "legacy-verification-token");
    p.put("trigger_id", newTriggerId());
    ObjectNode v = p.putObject("view");
    v.put("id", "V0MODAL1")
        .put("team_id", FakeSlackApi.TEAM_ID)
        .put("type", "modal")
        .put("callback_id", callbackId)
        .put("private_metadata", privateMetadata)
        .put("hash", "156772938.1827394")
        .put("app_id", "A0FAKE")
        .put("bot_id", "B0BOT");
    v.putArray("blocks");
    v.putObject("state")
        .putObject("values")
        .putObject(blockId)
        .putObject(actionId)
        .put("type", "plain_text_input")
        .put("value", value);
    p.putArray("response_urls");
    return p.toString();
  }

  public static String interactionForm(String payloadJson) {
    return "payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8);
  }

  /** Slack's headers for {@code body} signed with {@code secret} at {@code at}. */
  public static Map<String, String> signedHeaders(String body, String secret, Instant at) {
    String ts = String.valueOf(at.getEpochSecond());
    Map<String, String> h = new LinkedHashMap<>();
    h.put(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, ts);
    h.put(
        SlackSignature.HeaderNames.X_SLACK_SIGNATURE,
        new SlackSignature.Generator(secret).generate(ts, body));
    return h;
  }

  public static Map<String, String> signedHeaders(String body) {
    return signedHeaders(body, SIGNING_SECRET, Instant.now());
  }

  /** POSTs {@code body} form-encoded with {@code headers}. */
  public static HttpResponse<String> post(
      HttpClient client, URI uri, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
