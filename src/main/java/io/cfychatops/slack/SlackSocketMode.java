package io.cfychatops.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode (the default): Bolt's {@link SocketModeApp} on the Tyrus backend, plus a small JDK
 * HTTP listener for {@code /healthz}, {@code /readyz} and {@code /metrics}. Readiness includes
 * "socket connected" (the client's WebSocket session is open).
 *
 * <p>The WebSocket URL comes from {@code apps.connections.open} on the configured Web API base, so
 * {@code SLACK_API_URL} redirects the socket too (that is how the offline tests run).
 */
public final class SlackSocketMode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);

  private final SocketModeApp socketModeApp;
  private final HttpServer health;

  public SlackSocketMode(App app, String appToken, int healthPort, Readiness readiness,
      MetricsText metrics) throws IOException {
    Objects.requireNonNull(appToken, "appToken");
    this.socketModeApp = new SocketModeApp(appToken, SocketModeClient.Backend.Tyrus, app);
    this.health = HttpServer.create(new InetSocketAddress(healthPort), 16);
    health.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "cfy-slack-health");
      t.setDaemon(true);
      return t;
    }));
    Readiness socket = () -> connected() ? List.of() : List.of("slack: socket mode not connected");
    HealthEndpoints.install(health, socket.and(readiness == null ? Readiness.ALWAYS : readiness),
        metrics == null ? MetricsText.NONE : metrics);
  }

  /**
   * Starts the health listener, then connects ({@code auth.test}, {@code apps.connections.open},
   * WebSocket) without blocking. Throws when the token is refused or the first connection fails.
   */
  public SlackSocketMode startAsync() throws Exception {
    health.start();
    socketModeApp.startAsync();
    log.info("Slack Socket Mode started; health on port {}", healthPort());
    return this;
  }

  /** True while the WebSocket session is open. */
  public boolean connected() {
    SocketModeClient c = socketModeApp.getClient();
    try {
      return c != null && !socketModeApp.isClientStopped() && c.verifyConnection();
    } catch (RuntimeException e) {
      return false;
    }
  }

  public int healthPort() {
    return health.getAddress().getPort();
  }

  public void stop() {
    try {
      socketModeApp.stop();
    } catch (Exception e) {
      log.warn("Socket Mode stop failed: {}", e.toString());
    }
    health.stop(0);
  }

  @Override
  public void close() {
    stop();
  }
}
