package io.cfychatops.cloudify.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry policy for idempotent GETs. Retried: transport failures (connect refused, reset, timeout),
 * 502, and 503/504 without a JSON body (nginx, rate limiting). Never retried: maintenance-mode 503s
 * (JSON), any other error, and every PUT/POST/DELETE.
 *
 * <p>Delay before retry {@code n} (1-based) is {@code min(maxDelay, baseDelay * 2^(n-1))} with
 * "equal jitter" (a random value between half and all of it), unless the response carries {@code
 * Retry-After: <seconds>}, which wins (capped at {@code maxDelay}).
 *
 * @param maxAttempts total attempts including the first, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);

  /** One attempt, no retries. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative() || maxDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
    }
  }

  /** Delay before retry number {@code retry} (1 = first retry). */
  public Duration delayBeforeRetry(int retry, Duration retryAfter) {
    if (retryAfter != null && !retryAfter.isNegative()) {
      return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
    }
    long base = baseDelay.toMillis();
    long exp = base << Math.min(retry - 1, 20);
    long capped = Math.min(maxDelay.toMillis(), exp < 0 ? Long.MAX_VALUE : exp);
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
  }
}
