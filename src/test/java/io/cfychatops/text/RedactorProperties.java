package io.cfychatops.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.text.RedactorInputs.Shape;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The redactor costs linear time whatever it is fed ({@link RedactorInputs}: random text and text
 * built to hurt a backtracking matcher, up to a little over 64 KiB), and no planted secret
 * survives.
 *
 * <p>No assertion here compares a wall-clock time with a fixed limit: on a busy 2-core machine a GC
 * pause or another process can stall any one call (house rule: performance is measured in
 * benchmarks; {@code bench/run.sh RedactionBench} reports the per-call times against the 50 ms
 * target). {@link #growthIsLinear} checks the shape of the cost curve instead: the fastest of
 * several interleaved runs at 8 KiB and at 64 KiB of the same text, in the same run, so load slows
 * both sides alike, and a ratio bound far from both linear (×8) and quadratic (×64) growth.
 */
class RedactorProperties {
  /** 64 KiB costs at most this many times 8 KiB (linear: ×8; quadratic: ×64; cubic: ×512). */
  private static final int RATIO_BOUND = 24;

  /** Slack for timer resolution and the fixed cost of a call. */
  private static final long SLACK_NANOS = 2_000_000L;

  @BeforeContainer
  static void warmUp() {
    Random r = new Random(1);
    List<Shape> shapes = List.of(Shape.values());
    for (int i = 0; i < 300; i++) {
      String s =
          RedactorInputs.build(
              shapes.get(i % shapes.size()), 2_000 + r.nextInt(6_000), r.nextLong());
      Redactor.redact(s);
      Redactor.forDisplay(s);
    }
  }

  @Property(tries = 10_000, shrinking = ShrinkingMode.OFF)
  void everyInputIsRedactedToABoundedLength(@ForAll("inputs") String input) {
    Statistics.label("size")
        .collect(input.length() < 1024 ? "<1K" : input.length() < 16_384 ? "<16K" : ">=16K");
    String out = Redactor.redact(input);
    assertThat(out.length())
        .isLessThanOrEqualTo(3 * Redactor.MAX_INPUT); // "***" for one-char values at worst
    assertThat(Redactor.forDisplay(input)).isNotNull();
  }

  @Property(tries = 500)
  void aPlantedSecretNeverSurvives(@ForAll("inputs") String noise, @ForAll("plants") String plant) {
    int at = noise.isEmpty() ? 0 : Math.abs(noise.hashCode() % noise.length());
    String cut =
        noise.substring(0, Math.min(at, 8_000)); // the secret stays inside the redacted part
    String text =
        cut
            + "\n"
            + plant.replace("VALUE", "Zq81xW0vKpT3")
            + "\n"
            + noise.substring(Math.min(at, 8_000));
    assertThat(Redactor.redact(text)).doesNotContain("Zq81xW0vKpT3");
    assertThat(Redactor.forDisplay(text)).doesNotContain("Zq81xW0vKpT3");
  }

  @Property(tries = 60, shrinking = ShrinkingMode.OFF)
  void growthIsLinear(@ForAll Shape shape, @ForAll long seed) {
    String small = RedactorInputs.build(shape, 8_192, seed);
    String large = RedactorInputs.build(shape, 65_536, seed); // small is its first 8 KiB
    long[] best = fastestOf(small, large);
    // A noisy measurement is noisy once; a superlinear cost is superlinear every time.
    for (int again = 0; again < 2 && best[1] > RATIO_BOUND * best[0] + SLACK_NANOS; again++) {
      best = fastestOf(small, large);
    }
    assertThat(best[1])
        .as("%s seed %d: 8 KiB %d µs, 64 KiB %d µs", shape, seed, best[0] / 1000, best[1] / 1000)
        .isLessThanOrEqualTo(RATIO_BOUND * best[0] + SLACK_NANOS);
  }

  @Example
  void growthIsLinearOnTheIssuesCommand() {
    growthIsLinear(Shape.SEARCH, 7);
  }

  @Provide
  Arbitrary<String> inputs() {
    return Combinators.combine(
            Arbitraries.of(Shape.class),
            Arbitraries.frequencyOf(
                Tuple.of(
                    1,
                    Arbitraries.integers().between(0, Redactor.MAX_INPUT + 1024)), // mostly short
                Tuple.of(
                    2,
                    Arbitraries.integers()
                        .between(0, Redactor.MAX_INPUT + 1024)
                        .withDistribution(RandomDistribution.uniform()))),
            Arbitraries.longs())
        .as(RedactorInputs::build)
        .edgeCases(e -> e.add("cfy snapshots list --search " + "pwd".repeat(1302)));
  }

  @Provide
  Arbitrary<String> plants() {
    return Arbitraries.of(
        "password=VALUE",
        "\"admin_password\": \"VALUE and more\"",
        "token: VALUE",
        "https://acct.blob.core.windows.net/c/x.zip?sv=1&sig=VALUE",
        "X-Amz-Signature=VALUE",
        "https://VALUE@github.com/o/r",
        "{\\\"private_key\\\": \\\"VALUE\\\"}",
        "Authorization: Bearer VALUE",
        "passphrase='VALUE VALUE'",
        "--password VALUE",
        "--token \"VALUE VALUE\"",
        "-----BEGIN PRIVATE KEY-----\nVALUE\n-----END PRIVATE KEY-----",
        "ghp_VALUEVALUEVALUEVALUE",
        "github_pat_VALUE_VALUEVALUEVALUE",
        "xoxb-1-VALUE",
        "x%3Fsig%3DVALUE%26se%3D1",
        "X-Amz-Signature%3DVALUE",
        "password: |\n  VALUE\n  VALUE");
  }

  /** The fastest of seven interleaved runs over each of two texts, in nanoseconds. */
  private static long[] fastestOf(String small, String large) {
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
    for (int i = 0; i < 7; i++) {
      best[0] = Math.min(best[0], time(small));
      best[1] = Math.min(best[1], time(large));
    }
    return best;
  }

  private static long time(String s) {
    long t0 = System.nanoTime();
    Redactor.redact(s);
    Redactor.forDisplay(s);
    return System.nanoTime() - t0;
  }
}
