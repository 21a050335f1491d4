package io.cfychatops.cloudify;

import io.cfychatops.text.Redactor;

/**
 * An error response whose body is not Cloudify JSON: nginx 502 while the REST service restarts
 * (legacy restore), 503/504 from nginx or its rate limiter. Such GETs are retried with backoff.
 */
public class ProxyErrorException extends CloudifyException {
  private final String bodySnippet;

  public ProxyErrorException(int httpStatus, String bodySnippet, String request) {
    super(
        httpStatus,
        null,
        "Non-JSON error response from the manager or its proxy: " + bodySnippet,
        request);
    this.bodySnippet = Redactor.redact(bodySnippet);
  }

  /** First characters of the body, whitespace collapsed, redacted. */
  public String bodySnippet() {
    return bodySnippet;
  }
}
