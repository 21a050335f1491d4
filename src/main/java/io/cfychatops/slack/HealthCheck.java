package io.cfychatops.slack;

import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Container health probe: {@code java -cp cfy-chatops.jar io.cfychatops.slack.HealthCheck [url]}.
 * Exits 0 when the URL answers 200 within 3 s, else 1. Default URL: the management listener's
 * {@code /healthz}, {@code http://${MANAGEMENT_BIND unless a wildcard, else
 * 127.0.0.1}:${MANAGEMENT_PORT or 3001}/healthz} — the listener with its own pool, which nothing on
 * the public port can starve. Pass {@code .../readyz} for a readiness probe.
 */
public final class HealthCheck {
  private HealthCheck() {}

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : defaultUrl();
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(3000);
      c.setReadTimeout(3000);
      int code = c.getResponseCode();
      c.disconnect();
      System.exit(code == 200 ? 0 : 1);
    } catch (Exception e) {
      System.err.println("healthcheck " + url + " failed: " + e);
      System.exit(1);
    }
  }

  static String defaultUrl() {
    return defaultUrl(System.getenv("MANAGEMENT_BIND"), System.getenv("MANAGEMENT_PORT"));
  }

  static String defaultUrl(String bind, String port) {
    String host = firstNonBlank(bind, SlackSettings.DEFAULT_MANAGEMENT_BIND);
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    String p = firstNonBlank(port, String.valueOf(SlackSettings.DEFAULT_MANAGEMENT_PORT));
    return "http://" + host + ":" + p + "/healthz";
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return "";
  }
}
