package io.cfychatops.sim;

import java.util.Random;
import java.util.UUID;

/**
 * The simulator's one source of randomness (ids, tokens, failure and fault choices), seeded from
 * {@link SimulatorConfig#seed()} so a run can be replayed. Thread-safe.
 */
final class SimRandom {
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private final Random random;

  SimRandom(long seed) {
    this.random = new Random(seed);
  }

  synchronized double nextDouble() {
    return random.nextDouble();
  }

  synchronized int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** A version-4-shaped UUID. */
  synchronized String uuid() {
    return new UUID(
            (random.nextLong() & ~0xF000L) | 0x4000L,
            (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
        .toString();
  }

  /** {@code n} letters and digits. */
  synchronized String string(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
