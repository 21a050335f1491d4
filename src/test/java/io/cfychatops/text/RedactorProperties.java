package io.cfychatops.text;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The redactor costs linear time whatever it is fed: random text and text built to hurt a
 * backtracking matcher (repeated secret words, separators, quotes, backslashes, {@code %}, {@code @},
 * {@code ://}), up to a little over 64 KiB. Each call must finish in under 50 ms.
 *
 * <p>On a busy 2-core machine one call can be stalled by a GC pause or another process; a slow
 * input is slow every time, so a call over the limit is measured twice more and the fastest run
 * counts. {@link #growthIsLinear} checks the shape of the cost curve, which noise cannot fake.
 */
class RedactorProperties {
  private static final long LIMIT_NANOS = 50_000_000L;

  /** Pieces adversarial inputs are made of. */
  private static final String[] PIECES = {
    "pwd", "password", "passwd", "token", "secret", "sig", "Signature", "X-Amz-Credential", "api_key",
    "authorization", "credential", "private_key", "passphrase", "=", ":", " ", "\"", "'", "`", "\\",
    "\\\"", "%", "%2F", "@", "://", "https", "&", "?", "Basic ", "Bearer ", "ctok-", "xoxb-", "-",
    "_", ".", "\n", "{", "}", "a", "Z9", "--password ", "--token", "-----BEGIN PRIVATE KEY-----",
    "-----BEGIN ", "-----END ", "ghp_", "github_pat_", "%3D", "%26", "password: |\n", "  ", "|", ">-"
  };

  enum Shape {
    /** Printable ASCII noise. */
    RANDOM_ASCII,
    /** Any UTF-16 code units, surrogates included. */
    RANDOM_CHARS,
    /** One piece repeated: {@code pwdpwdpwd…}, {@code ======}, {@code \\\\\\}. */
    REPEATED,
    /** Two pieces alternating: {@code pwd=pwd=…}, {@code "\"…}. */
    ALTERNATING,
    /** Random pieces. */
    PIECES,
    /** The issue's command: {@code cfy snapshots list --search pwdpwd…}. */
    SEARCH
  }

  @BeforeContainer
  static void warmUp() {
    Random r = new Random(1);
    for (int i = 0; i < 300; i++) {
      String s = build(Shape.values()[i % Shape.values().length], 2_000 + r.nextInt(6_000), r.nextLong());
      Redactor.redact(s);
      Redactor.forDisplay(s);
    }
  }

  @Property(tries = 10_000, shrinking = ShrinkingMode.OFF)
  void everyInputIsRedactedInUnder50Milliseconds(@ForAll("inputs") String input) {
    Statistics.label("size").collect(input.length() < 1024 ? "<1K" : input.length() < 16_384 ? "<16K" : ">=16K");
    String[] out = new String[1];
    long redact = bestOfThree(() -> out[0] = Redactor.redact(input));
    long display = bestOfThree(() -> Redactor.forDisplay(input));
    assertThat(redact).as("redact of %d chars starting %s", input.length(), head(input)).isLessThan(LIMIT_NANOS);
    assertThat(display).as("forDisplay of %d chars starting %s", input.length(), head(input)).isLessThan(LIMIT_NANOS);
    assertThat(out[0].length()).isLessThanOrEqualTo(3 * Redactor.MAX_INPUT); // "***" for one-char values at worst
  }

  @Property(tries = 500)
  void aPlantedSecretNeverSurvives(@ForAll("inputs") String noise, @ForAll("plants") String plant) {
    int at = noise.isEmpty() ? 0 : Math.abs(noise.hashCode() % noise.length());
    String cut = noise.substring(0, Math.min(at, 8_000)); // the secret stays inside the redacted part
    String text = cut + "\n" + plant.replace("VALUE", "Zq81xW0vKpT3") + "\n" + noise.substring(Math.min(at, 8_000));
    assertThat(Redactor.redact(text)).doesNotContain("Zq81xW0vKpT3");
    assertThat(Redactor.forDisplay(text)).doesNotContain("Zq81xW0vKpT3");
  }

  @Example
  void growthIsLinear() {
    for (Shape shape : Shape.values()) {
      long small = fastest(build(shape, 8_192, 7));
      long large = fastest(build(shape, 65_536, 7));
      // linear: ×8; the old pattern (cubic) would be ×512, a quadratic one ×64
      assertThat(large).as("%s: 8 KiB %d µs, 64 KiB %d µs", shape, small / 1000, large / 1000)
          .isLessThanOrEqualTo(24 * small + 2_000_000L);
    }
  }

  @Provide
  Arbitrary<String> inputs() {
    return Combinators.combine(
            Arbitraries.of(Shape.class),
            Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(0, Redactor.MAX_INPUT + 1024)), // mostly short
                Tuple.of(2, Arbitraries.integers().between(0, Redactor.MAX_INPUT + 1024)
                    .withDistribution(RandomDistribution.uniform()))),
            Arbitraries.longs())
        .as(RedactorProperties::build)
        .edgeCases(e -> e.add("cfy snapshots list --search " + "pwd".repeat(1302)));
  }

  @Provide
  Arbitrary<String> plants() {
    return Arbitraries.of(
        "password=VALUE", "\"admin_password\": \"VALUE and more\"", "token: VALUE",
        "https://acct.blob.core.windows.net/c/x.zip?sv=1&sig=VALUE", "X-Amz-Signature=VALUE",
        "https://VALUE@github.com/o/r", "{\\\"private_key\\\": \\\"VALUE\\\"}", "Authorization: Bearer VALUE",
        "passphrase='VALUE VALUE'", "--password VALUE", "--token \"VALUE VALUE\"",
        "-----BEGIN PRIVATE KEY-----\nVALUE\n-----END PRIVATE KEY-----", "ghp_VALUEVALUEVALUEVALUE",
        "github_pat_VALUE_VALUEVALUEVALUE", "xoxb-1-VALUE", "x%3Fsig%3DVALUE%26se%3D1",
        "X-Amz-Signature%3DVALUE", "password: |\n  VALUE\n  VALUE");
  }

  static String build(Shape shape, int length, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder(length + 32);
    switch (shape) {
      case RANDOM_ASCII -> {
        while (b.length() < length) {
          b.append((char) (32 + r.nextInt(95)));
        }
      }
      case RANDOM_CHARS -> {
        while (b.length() < length) {
          b.append((char) r.nextInt(Character.MAX_VALUE + 1));
        }
      }
      case REPEATED -> {
        String p = PIECES[r.nextInt(PIECES.length)];
        while (b.length() < length) {
          b.append(p);
        }
      }
      case ALTERNATING -> {
        String p = PIECES[r.nextInt(PIECES.length)];
        String q = PIECES[r.nextInt(PIECES.length)];
        while (b.length() < length) {
          b.append(p).append(q);
        }
      }
      case PIECES -> {
        while (b.length() < length) {
          b.append(PIECES[r.nextInt(PIECES.length)]);
        }
      }
      case SEARCH -> {
        b.append("cfy snapshots list --search ");
        while (b.length() < length) {
          b.append("pwd");
        }
      }
    }
    b.setLength(Math.min(b.length(), length));
    return b.toString();
  }

  private static long bestOfThree(Runnable call) {
    long best = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 3 && best >= LIMIT_NANOS; attempt++) {
      long t0 = System.nanoTime();
      call.run();
      best = Math.min(best, System.nanoTime() - t0);
    }
    return best;
  }

  private static long fastest(String s) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 7; i++) {
      long t0 = System.nanoTime();
      Redactor.redact(s);
      Redactor.forDisplay(s);
      best = Math.min(best, System.nanoTime() - t0);
    }
    return best;
  }

  private static String head(String s) {
    return s.substring(0, Math.min(40, s.length())).replace("\n", "\\n");
  }
}
