package io.cfychatops.slack;

import com.slack.api.Slack;
import io.cfychatops.chat.ChatHandler;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.core.AppHome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point for the composition root ({@code cfy-chatops slack [--http] [--port N]}).
 *
 * <pre>{@code
 * SlackSettings s = SlackSettings.fromEnv().validate(http);
 * SlackBot bot = SlackBot.connect(s);          // no network yet
 * ChatPort port = bot.chatPort();              // give it to the core
 * ChatHandler core = ...;                      // built with the port
 * bot.start(core, readiness, metrics, home, http);   // auth.test, then socket or HTTP listener
 * Runtime.getRuntime().addShutdownHook(new Thread(bot::close));
 * }</pre>
 *
 * <p>Or in one step when the core does not need the port up front: {@link #start(SlackSettings,
 * ChatHandler, Readiness, MetricsText, AppHome, boolean)}.
 */
public final class SlackBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackBot.class);

  private final SlackSettings settings;
  private final Clock clock;
  private final Slack slack;
  private final SlackChatPort port;
  private SlackApp slackApp;
  private SlackHttpServer httpServer;
  private SlackSocketMode socketMode;
  private ManagementServer management;

  private SlackBot(SlackSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.slack = SlackApp.newSlack(settings);
    this.port = new SlackChatPort(slack.methods(settings.botToken()), new BlockKitRenderer());
  }

  /** Builds the Web API client; makes no call. */
  public static SlackBot connect(SlackSettings settings) {
    return new SlackBot(settings, Clock.systemUTC());
  }

  /** As {@link #connect(SlackSettings)}; {@code clock} decides the request-signature window. */
  public static SlackBot connect(SlackSettings settings, Clock clock) {
    return new SlackBot(settings, clock);
  }

  /**
   * Validates {@code settings}, then {@link #connect} and {@link #start(ChatHandler, Readiness,
   * MetricsText, AppHome, boolean)}.
   */
  public static SlackBot start(
      SlackSettings settings,
      ChatHandler handler,
      Readiness readiness,
      MetricsText metrics,
      AppHome home,
      boolean http)
      throws IOException {
    settings.validate(http);
    return connect(settings).start(handler, readiness, metrics, home, http);
  }

  /** The Web API port (same HTTP client as the bot); usable before {@link #start}. */
  public ChatPort chatPort() {
    return port;
  }

  /**
   * Starts the bot: {@code auth.test} (fails fast on a bad token), then Socket Mode with a liveness
   * listener on {@code healthPort}, or the HTTP listener on {@code port}; in both modes the {@link
   * ManagementServer} ({@code /healthz}, {@code /readyz}, {@code /metrics}) on {@code
   * managementBind:managementPort}. Returns once listening.
   */
  public synchronized SlackBot start(
      ChatHandler handler, Readiness readiness, MetricsText metrics, AppHome home, boolean http)
      throws IOException {
    if (slackApp != null) {
      throw new IllegalStateException("already started");
    }
    settings.validate(http);
    Readiness ready = readiness == null ? Readiness.ALWAYS : readiness;
    slackApp =
        new SlackApp(
            slack,
            settings,
            handler,
            home,
            SlackApp.DEFAULT_WORKERS,
            SlackApp.DEFAULT_QUEUE,
            clock);
    try {
      slackApp.app().start(); // auth.test
    } catch (RuntimeException e) {
      close();
      throw new IllegalStateException(
          "Slack refused the bot token (auth.test failed): " + e.getMessage(), e);
    }
    try {
      if (http) {
        httpServer =
            new SlackHttpServer(
                slackApp.app(),
                new InetSocketAddress(settings.port()),
                slackApp.verifier(),
                HttpListener.Limits.PUBLIC);
      } else {
        socketMode =
            new SlackSocketMode(slackApp.app(), settings.appToken(), settings.healthPort());
        ready = socketMode.readiness().and(ready);
      }
      management =
          new ManagementServer(
                  new InetSocketAddress(settings.managementBind(), settings.managementPort()),
                  ready,
                  metrics)
              .start();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    if (http) {
      httpServer.start();
    } else {
      try {
        socketMode.startAsync();
      } catch (Exception e) {
        close();
        throw new IOException("Slack Socket Mode could not connect: " + e.getMessage(), e);
      }
    }
    log.info("Slack bot started in {} mode ({})", http ? "HTTP" : "Socket", settings);
    return this;
  }

  /**
   * Port of the HTTP listener (HTTP mode) or of the liveness listener (Socket Mode); -1 before
   * start.
   */
  public int listenPort() {
    return httpServer != null
        ? httpServer.port()
        : socketMode != null ? socketMode.healthPort() : -1;
  }

  /** Port of the management listener; -1 before start. */
  public int managementPort() {
    return management != null ? management.port() : -1;
  }

  /** Problems with the Slack side only: for composing a readiness check. */
  public List<String> notReady() {
    if (slackApp == null) {
      return List.of("slack: not started");
    }
    if (socketMode != null && !socketMode.connected()) {
      return List.of("slack: socket mode not connected");
    }
    return List.of();
  }

  SlackApp slackApp() {
    return slackApp;
  }

  /** For tests: the HTTP mode listener, null in Socket Mode. */
  SlackHttpServer httpServer() {
    return httpServer;
  }

  @Override
  public synchronized void close() {
    if (management != null) {
      management.close();
      management = null;
    }
    if (httpServer != null) {
      httpServer.close();
      httpServer = null;
    }
    if (socketMode != null) {
      socketMode.close();
      socketMode = null;
    }
    if (slackApp != null) {
      slackApp.close();
      slackApp = null;
    }
  }
}
