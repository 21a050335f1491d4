package io.cfychatops.slack;

import static io.cfychatops.testing.SlackRequests.SIGNING_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.RecordingChatHandler;
import io.cfychatops.testing.SlackRequests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signature window is symmetric (|now − ts| ≤ 300 s) and comparison constant-time, on every
 * path: {@link SignatureVerifier} itself, and Bolt's {@code RequestVerification} middleware inside
 * {@link SlackApp}. Time is a fixed clock, so the window edges are exact.
 */
class SignatureVerifierTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String BODY = "token=x&team_id=T0FAKE&command=%2Fcfy&text=snapshots+list";

  final SignatureVerifier verifier =
      new SignatureVerifier(SIGNING_SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  private static String ts(Instant at) {
    return String.valueOf(at.getEpochSecond());
  }

  private static String sign(String ts, String body) {
    return new SlackSignature.Generator(SIGNING_SECRET).generate(ts, body);
  }

  private boolean valid(Instant signedAt) {
    String ts = ts(signedAt);
    return verifier.isValid(ts, BODY, sign(ts, BODY));
  }

  @Test
  void acceptsWithinFiveMinutesEitherSideAndNothingBeyond() {
    assertThat(valid(NOW)).isTrue();
    assertThat(valid(NOW.minusSeconds(300))).isTrue();
    assertThat(valid(NOW.plusSeconds(300))).isTrue();
    assertThat(valid(NOW.minusSeconds(301))).isFalse();
    assertThat(valid(NOW.plusSeconds(301))).isFalse();
  }

  @Test
  void aTimestampOneYearAheadIsRefused() {
    // The finding: Bolt's default verifier only checks now − ts < 5 min, so this passed.
    Instant nextYear = NOW.plus(Duration.ofDays(365));
    String ts = ts(nextYear);
    assertThat(
            new SlackSignature.Verifier(new SlackSignature.Generator(SIGNING_SECRET))
                .isValid(ts, BODY, sign(ts, BODY), NOW.toEpochMilli()))
        .as("Bolt's default verifier")
        .isTrue();
    assertThat(valid(nextYear)).isFalse();
  }

  @Test
  void theVerifiersClockDecidesEvenWhenBoltPassesItsOwnTime() {
    String ts = ts(NOW);
    long boltNow =
        NOW.plus(Duration.ofDays(2)).toEpochMilli(); // Bolt passes System.currentTimeMillis()
    assertThat(verifier.isValid(ts, BODY, sign(ts, BODY), boltNow)).isTrue();
    assertThat(verifier.isValidAt(ts, BODY, sign(ts, BODY), boltNow)).isFalse();
  }

  @Test
  void wrongOrMalformedSignaturesAndTimestampsAreRefused() {
    String ts = ts(NOW);
    String good = sign(ts, BODY);
    char last = good.charAt(good.length() - 1);
    String flipped = good.substring(0, good.length() - 1) + (last == '0' ? '1' : '0');
    assertThat(verifier.isValid(ts, BODY, flipped)).isFalse();
    assertThat(verifier.isValid(ts, BODY, good + "0")).isFalse();
    assertThat(verifier.isValid(ts, BODY, good.toUpperCase())).isFalse();
    assertThat(verifier.isValid(ts, BODY + "&x=1", good)).isFalse();
    assertThat(verifier.isValid(ts, BODY, "")).isFalse();
    assertThat(verifier.isValid(null, BODY, good)).isFalse();
    assertThat(verifier.isValid(ts, BODY, null)).isFalse();
    assertThat(verifier.isValid(ts, null, good)).isFalse();
    for (String bad :
        List.of(
            "",
            " " + ts,
            ts + " ",
            "+" + ts,
            "-" + ts,
            "1e9",
            "0x10",
            "9".repeat(13),
            "١٧٧٢٣٦٦٤٠٠")) {
      assertThat(verifier.isValid(bad, BODY, sign(bad, BODY))).as("timestamp '%s'", bad).isFalse();
    }
  }

  @Test
  void boltsOwnRequestVerificationUsesTheStrictVerifier() throws Exception {
    Instant nextYear = Instant.now().plus(Duration.ofDays(365));
    try (FakeSlackApi fake = new FakeSlackApi();
        SlackApp slackApp =
            new SlackApp(
                SlackApp.newSlack(
                    SlackSettings.ephemeral(
                        FakeSlackApi.BOT_TOKEN, null, SIGNING_SECRET, fake.apiUrl())),
                SlackSettings.ephemeral(
                    FakeSlackApi.BOT_TOKEN, null, SIGNING_SECRET, fake.apiUrl()),
                new RecordingChatHandler((i, r) -> {}, (a, r) -> {}),
                null)) {
      slackApp.app().start();
      String body =
          SlackRequests.form(
              SlackRequests.slashCommand(
                  "U0ANA", "C0OPS", "help", fake.newResponseUrl(), SlackRequests.newTriggerId()));
      // Straight into Bolt, bypassing the listener's own check: the middleware must refuse it.
      Response future =
          slackApp
              .app()
              .run(
                  parse(
                      slackApp, body, SlackRequests.signedHeaders(body, SIGNING_SECRET, nextYear)));
      assertThat(future.getStatusCode()).isEqualTo(401);
      Response now = slackApp.app().run(parse(slackApp, body, SlackRequests.signedHeaders(body)));
      assertThat(now.getStatusCode()).isEqualTo(200);
    }
  }

  private static Request<?> parse(SlackApp slackApp, String body, Map<String, String> signed) {
    Map<String, List<String>> headers = new HashMap<>();
    signed.forEach((k, v) -> headers.put(k, new ArrayList<>(List.of(v))));
    headers.put("Content-Type", new ArrayList<>(List.of("application/x-www-form-urlencoded")));
    return new SlackRequestParser(slackApp.app().config())
        .parse(
            SlackRequestParser.HttpRequest.builder()
                .requestUri("/slack/events")
                .headers(new RequestHeaders(headers))
                .requestBody(body)
                .remoteAddress("127.0.0.1")
                .build());
  }
}
