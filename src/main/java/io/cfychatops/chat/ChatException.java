package io.cfychatops.chat;

import org.jspecify.annotations.Nullable;

/**
 * A chat transport call failed (Slack {@code ok=false}, HTTP error, rate limit). Callers decide
 * whether the failure matters: progress updates log and go on, a lost approval card is reported.
 */
public class ChatException extends RuntimeException {
  private final String code;
  private final long retryAfterSeconds;

  public ChatException(
      String code, String message, long retryAfterSeconds, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ChatException(String code, String message) {
    this(code, message, 0, null);
  }

  /** The transport's error code, e.g. Slack's {@code channel_not_found} or {@code ratelimited}. */
  public String code() {
    return code;
  }

  /** Seconds the transport asked us to wait (HTTP 429 Retry-After), or 0. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public boolean isRateLimited() {
    return retryAfterSeconds > 0 || "ratelimited".equals(code);
  }
}
