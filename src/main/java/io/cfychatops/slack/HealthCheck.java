package io.cfychatops.slack;

import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Container health probe: {@code java -cp cfy-chatops.jar io.cfychatops.slack.HealthCheck [url]}.
 * Exits 0 when {@code GET /healthz} answers 200 within 3 s, else 1. Default URL:
 * {@code http://127.0.0.1:${HEALTH_PORT or PORT or 3000}/healthz}.
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
    String port = firstNonBlank(System.getenv("HEALTH_PORT"), System.getenv("PORT"), "3000");
    return "http://127.0.0.1:" + port + "/healthz";
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
