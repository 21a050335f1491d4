package io.cfychatops.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slack settings read from the environment. Tokens are secrets: {@link #toString()} masks them and
 * no message produced here contains one.
 *
 * @param botToken {@code SLACK_BOT_TOKEN} ({@code xoxb-…}), always required
 * @param appToken {@code SLACK_APP_TOKEN} ({@code xapp-…}, scope {@code connections:write}),
 *     required in Socket Mode
 * @param signingSecret {@code SLACK_SIGNING_SECRET}, required in HTTP mode
 * @param apiUrl {@code SLACK_API_URL}: Web API base, e.g. {@code http://127.0.0.1:8080/api/}; null
 *     means Slack's default {@code https://slack.com/api/}
 * @param port {@code PORT}: HTTP mode's public listener, {@code /slack/events} and {@code /healthz}
 *     (default 3000)
 * @param healthPort {@code HEALTH_PORT}: Socket Mode's public liveness listener, {@code /healthz}
 *     only (default 3000; 0 = ephemeral)
 * @param managementPort {@code MANAGEMENT_PORT}: {@code /healthz}, {@code /readyz} and {@code
 *     /metrics} in both modes (default 3001; 0 = ephemeral)
 * @param managementBind {@code MANAGEMENT_BIND}: the address the management listener binds (default
 *     {@code 127.0.0.1}; {@code 0.0.0.0} for a Kubernetes HTTP readiness probe)
 */
public record SlackSettings(
    String botToken,
    String appToken,
    String signingSecret,
    String apiUrl,
    int port,
    int healthPort,
    int managementPort,
    String managementBind) {

  public static final int DEFAULT_PORT = 3000;
  public static final int DEFAULT_HEALTH_PORT = 3000;
  public static final int DEFAULT_MANAGEMENT_PORT = 3001;
  public static final String DEFAULT_MANAGEMENT_BIND = "127.0.0.1";

  /** Reads the process environment. */
  public static SlackSettings fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * Reads settings from {@code env}. Never throws for missing values: call {@link
   * #validate(boolean)} once the mode is known. Throws {@link IllegalArgumentException} naming the
   * variable when a port is not a number in 0..65535.
   */
  public static SlackSettings fromEnv(Map<String, String> env) {
    return new SlackSettings(
        blankToNull(env.get("SLACK_BOT_TOKEN")),
        blankToNull(env.get("SLACK_APP_TOKEN")),
        blankToNull(env.get("SLACK_SIGNING_SECRET")),
        blankToNull(env.get("SLACK_API_URL")),
        port(env, "PORT", DEFAULT_PORT),
        port(env, "HEALTH_PORT", DEFAULT_HEALTH_PORT),
        port(env, "MANAGEMENT_PORT", DEFAULT_MANAGEMENT_PORT),
        blankToNull(env.get("MANAGEMENT_BIND")));
  }

  /**
   * Settings for tests and benchmarks: every listener on an ephemeral port, management on loopback.
   */
  public static SlackSettings ephemeral(
      String botToken, String appToken, String signingSecret, String apiUrl) {
    return new SlackSettings(
        botToken, appToken, signingSecret, apiUrl, 0, 0, 0, DEFAULT_MANAGEMENT_BIND);
  }

  public SlackSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("PORT must be 0..65535, was " + port);
    }
    if (healthPort < 0 || healthPort > 65535) {
      throw new IllegalArgumentException("HEALTH_PORT must be 0..65535, was " + healthPort);
    }
    if (managementPort < 0 || managementPort > 65535) {
      throw new IllegalArgumentException("MANAGEMENT_PORT must be 0..65535, was " + managementPort);
    }
    managementBind =
        managementBind == null || managementBind.isBlank()
            ? DEFAULT_MANAGEMENT_BIND
            : managementBind.strip();
    if (apiUrl != null && !apiUrl.endsWith("/")) {
      apiUrl = apiUrl + "/";
    }
  }

  /** A copy listening on {@code port} (HTTP mode) and {@code healthPort} (Socket Mode). */
  public SlackSettings withPorts(int port, int healthPort) {
    return new SlackSettings(
        botToken,
        appToken,
        signingSecret,
        apiUrl,
        port,
        healthPort,
        managementPort,
        managementBind);
  }

  /** A copy whose management listener binds {@code bind:port}. */
  public SlackSettings withManagement(int port, String bind) {
    return new SlackSettings(
        botToken, appToken, signingSecret, apiUrl, this.port, healthPort, port, bind);
  }

  /** Problems for the chosen mode, every one at once; empty when the settings are usable. */
  public List<String> problems(boolean httpMode) {
    List<String> p = new ArrayList<>();
    if (botToken == null) {
      p.add("SLACK_BOT_TOKEN is not set (the bot token, xoxb-…)");
    } else if (!botToken.startsWith("xoxb-")) {
      p.add(
          "SLACK_BOT_TOKEN does not look like a bot token (expected xoxb-…, got "
              + mask(botToken)
              + ")");
    }
    if (httpMode && signingSecret == null) {
      p.add(
          "SLACK_SIGNING_SECRET is not set (required in HTTP mode: Basic Information → Signing Secret)");
    }
    if (!httpMode) {
      if (appToken == null) {
        p.add(
            "SLACK_APP_TOKEN is not set (required in Socket Mode: an app-level token xapp-… with connections:write)");
      } else if (!appToken.startsWith("xapp-")) {
        p.add(
            "SLACK_APP_TOKEN does not look like an app-level token (expected xapp-…, got "
                + mask(appToken)
                + ")");
      }
    }
    if (apiUrl != null && !(apiUrl.startsWith("http://") || apiUrl.startsWith("https://"))) {
      p.add("SLACK_API_URL must start with http:// or https://, was " + apiUrl);
    }
    int publicPort = httpMode ? port : healthPort;
    if (managementPort != 0 && managementPort == publicPort) {
      p.add(
          "MANAGEMENT_PORT ("
              + managementPort
              + ") must differ from "
              + (httpMode ? "PORT" : "HEALTH_PORT")
              + ": /readyz and /metrics are served on their own listener");
    }
    return p;
  }

  /**
   * Throws {@link IllegalStateException} listing every problem when {@link #problems} is not empty.
   */
  public SlackSettings validate(boolean httpMode) {
    List<String> p = problems(httpMode);
    if (!p.isEmpty()) {
      throw new IllegalStateException(
          "Slack settings are incomplete ("
              + (httpMode ? "HTTP" : "Socket")
              + " mode):\n  - "
              + String.join("\n  - ", p));
    }
    return this;
  }

  /** {@code xoxb-123-abc} → {@code xoxb-****}; null → {@code <unset>}. */
  public static String mask(String secret) {
    if (secret == null) {
      return "<unset>";
    }
    int dash = secret.indexOf('-');
    return (dash > 0 && dash <= 5 ? secret.substring(0, dash + 1) : "") + "****";
  }

  @Override
  public String toString() {
    return "SlackSettings[botToken="
        + mask(botToken)
        + ", appToken="
        + mask(appToken)
        + ", signingSecret="
        + (signingSecret == null ? "<unset>" : "****")
        + ", apiUrl="
        + (apiUrl == null ? "<default>" : apiUrl)
        + ", port="
        + port
        + ", healthPort="
        + healthPort
        + ", management="
        + managementBind
        + ":"
        + managementPort
        + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static int port(Map<String, String> env, String name, int def) {
    String v = blankToNull(env.get(name));
    if (v == null) {
      return def;
    }
    try {
      int p = Integer.parseInt(v);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number 0..65535, was '" + v + "'");
    }
  }
}
