package io.cfychatops.it;

import io.cfychatops.testing.Await;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.SlackRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bot as README deploys it: {@code java -jar cfy-chatops.jar slack [--http --port N] --config
 * FILE} with {@code SLACK_BOT_TOKEN}, {@code SLACK_SIGNING_SECRET} (HTTP) or {@code
 * SLACK_APP_TOKEN} + {@code HEALTH_PORT} (Socket Mode), and {@code SLACK_API_URL} pointing at the
 * test's {@link FakeSlackApi}. {@link #http} and {@link #socketMode} return once {@code GET
 * /readyz} answers 200 (polled with a deadline); {@link #kill9()} and {@link #restart()} keep the
 * same config, data and port.
 */
final class BotProcess implements AutoCloseable {
  static final String PASSWORD_ENV = "IT_CFY_PASSWORD";
  static final Duration READY_WITHIN = Duration.ofSeconds(60);

  private final String name;
  private final Path logDir;
  private final List<String> args;
  private final Map<String, String> env;
  private final int port;
  private final int managementPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private ChildProcess process;
  private long readyAtMillis;

  private BotProcess(
      String name, Path logDir, List<String> args, Map<String, String> env, int port) {
    this.name = name;
    this.logDir = logDir;
    this.args = args;
    this.env = env;
    this.port = port;
    this.managementPort = Integer.parseInt(env.get("MANAGEMENT_PORT"));
  }

  /** HTTP mode on a free port: Slack POSTs (signed) to {@link #events()}. */
  static BotProcess http(String name, Path dir, BotYaml config, FakeSlackApi slack) {
    int port = ChildProcess.freePort();
    Path file = config.writeTo(dir.resolve(name + ".yml"));
    Map<String, String> env = baseEnv(name, slack);
    env.put("SLACK_SIGNING_SECRET", SlackRequests.SIGNING_SECRET);
    BotProcess b =
        new BotProcess(
            name,
            dir,
            List.of(
                "slack", "--http", "--port", Integer.toString(port), "--config", file.toString()),
            env,
            port);
    b.launch();
    return b;
  }

  /**
   * Socket Mode: {@code apps.connections.open} on the fake hands out the test's WebSocket URL;
   * health on a free port.
   */
  static BotProcess socketMode(String name, Path dir, BotYaml config, FakeSlackApi slack) {
    int port = ChildProcess.freePort();
    Path file = config.writeTo(dir.resolve(name + ".yml"));
    Map<String, String> env = baseEnv(name, slack);
    env.put("SLACK_APP_TOKEN", FakeSlackApi.APP_TOKEN);
    env.put("HEALTH_PORT", Integer.toString(port));
    BotProcess b =
        new BotProcess(name, dir, List.of("slack", "--config", file.toString()), env, port);
    b.launch();
    return b;
  }

  private static Map<String, String> baseEnv(String name, FakeSlackApi slack) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CFY_CHATOPS_INSTANCE", name); // stable across restarts, different per replica
    env.put("SLACK_BOT_TOKEN", FakeSlackApi.BOT_TOKEN);
    env.put("SLACK_API_URL", slack.apiUrl());
    env.put(PASSWORD_ENV, SimProcess.PASSWORD);
    env.put("LOG_LEVEL", "INFO");
    // /readyz and /metrics live on the loopback management listener; one free port per bot, so
    // replicas on one host do not clash on the default 3001
    env.put("MANAGEMENT_PORT", Integer.toString(ChildProcess.freePort()));
    return env;
  }

  private void launch() {
    process = ChildProcess.start(name, logDir, args, env);
    awaitReady();
  }

  /**
   * Starts the same bot again (same config, store, port) after a kill; returns when it is ready.
   */
  BotProcess restart() {
    if (process != null && process.alive()) {
      throw new IllegalStateException(name + " is still running");
    }
    launch();
    return this;
  }

  private void awaitReady() {
    boolean ready =
        Await.until(READY_WITHIN, () -> !process.alive() || managementStatus("/readyz") == 200);
    if (!ready || !process.alive()) {
      String why =
          process.alive() ? "not ready within " + READY_WITHIN : "exited before it was ready";
      process.close();
      throw new AssertionError(process.name() + " " + why + "\n" + process.tails());
    }
    readyAtMillis = System.currentTimeMillis();
  }

  /** kill -9 (checked: exit status 137); returns the epoch ms of the kill. */
  long kill9() {
    return process.kill9();
  }

  boolean alive() {
    return process != null && process.alive();
  }

  /** Epoch ms the current process was launched. */
  long startedAtMillis() {
    return process.startedAtMillis();
  }

  /** Epoch ms the current process first answered {@code /readyz} 200. */
  long readyAtMillis() {
    return readyAtMillis;
  }

  int port() {
    return port;
  }

  /** {@code POST} target for slash commands and interactions (HTTP mode). */
  URI events() {
    return URI.create("http://127.0.0.1:" + port + "/slack/events");
  }

  ChildProcess process() {
    return process;
  }

  /** GET on the bot's public listener ({@code /healthz}); status -1 when nothing answers. */
  int status(String path) {
    try {
      return get(path).statusCode();
    } catch (UncheckedIOException e) {
      return -1;
    }
  }

  /**
   * GET on the loopback management listener ({@code /healthz}, {@code /readyz}, {@code /metrics}).
   */
  int managementStatus(String path) {
    try {
      return management(path).statusCode();
    } catch (UncheckedIOException e) {
      return -1;
    }
  }

  HttpResponse<String> get(String path) {
    return send(port, path);
  }

  HttpResponse<String> management(String path) {
    return send(managementPort, path);
  }

  private HttpResponse<String> send(int toPort, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + toPort + path))
              .timeout(Duration.ofSeconds(5))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }

  /** Every process this bot ran (for failure messages). */
  String tails() {
    return process == null ? "" : process.tails();
  }
}
