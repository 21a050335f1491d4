package io.cfychatops.slack;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The one check of Slack's {@code v0} request signatures, used by every HTTP path: {@link
 * SlackHttpServer} before anything is parsed, and Bolt's own {@code RequestVerification} middleware
 * (which {@link SlackApp} builds with this verifier instead of Bolt's default one).
 *
 * <p>A request is valid only when
 *
 * <ul>
 *   <li>both headers are present and the timestamp is a plain number of at most 12 digits;
 *   <li>the timestamp is within {@link #MAX_SKEW} of this process's clock <em>in either
 *       direction</em> ({@code |now − ts| ≤ 300 s}; Bolt's default verifier only rejects old
 *       timestamps, so a request signed for next year would outlive every dedupe window);
 *   <li>the HMAC-SHA256 of {@code v0:<ts>:<body>} under the signing secret equals the signature,
 *       compared in constant time ({@link MessageDigest#isEqual}; Bolt's default uses {@code
 *       String.equals}, which returns at the first differing character).
 * </ul>
 *
 * <p>Thread-safe. Never throws for bad input: it answers false.
 */
public final class SignatureVerifier extends SlackSignature.Verifier {
  /** The replay window Slack documents: five minutes either side of now. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private static final int MAX_TIMESTAMP_DIGITS = 12;

  private final SlackSignature.Generator generator;
  private final Clock clock;

  public SignatureVerifier(String signingSecret, Clock clock) {
    this(
        new SlackSignature.Generator(Objects.requireNonNull(signingSecret, "signingSecret")),
        clock);
  }

  private SignatureVerifier(SlackSignature.Generator generator, Clock clock) {
    super(generator);
    this.generator = generator;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Valid now, by this verifier's clock. */
  @Override
  public boolean isValid(String timestamp, String body, String signature) {
    return isValidAt(timestamp, body, signature, clock.millis());
  }

  /**
   * Bolt's {@code Request.isValid} calls this with {@code System.currentTimeMillis()}; this
   * verifier's clock decides instead, so that every path applies the same clock (the system clock
   * in production, a driven one in tests). {@code ignoredNowMillis} is not used.
   */
  @Override
  public boolean isValid(String timestamp, String body, String signature, long ignoredNowMillis) {
    return isValidAt(timestamp, body, signature, clock.millis());
  }

  /** Valid at {@code nowMillis} (epoch milliseconds). */
  public boolean isValidAt(String timestamp, String body, String signature, long nowMillis) {
    if (timestamp == null || signature == null || body == null) {
      return false;
    }
    if (timestamp.isEmpty()
        || timestamp.length() > MAX_TIMESTAMP_DIGITS
        || !digitsOnly(timestamp)) {
      return false;
    }
    long tsSeconds = Long.parseLong(timestamp);
    long nowSeconds = Math.floorDiv(nowMillis, 1000L);
    if (Math.abs(nowSeconds - tsSeconds) > MAX_SKEW.toSeconds()) {
      return false;
    }
    String expected;
    try {
      expected = generator.generate(timestamp, body);
    } catch (RuntimeException e) {
      return false;
    }
    if (expected == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean digitsOnly(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
