package io.cfychatops.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode (the default): Bolt's {@link SocketModeApp} on the Tyrus backend, plus a small {@link
 * HttpListener} on {@code HEALTH_PORT} that answers only {@code GET /healthz} (a plain liveness
 * {@code ok}, for probes that must reach the container from outside). Readiness (which includes
 * "socket connected": the client's WebSocket session is open) and metrics are on the {@link
 * ManagementServer}. The health listener has its own pool and deadlines ({@link #HEALTH_LIMITS}),
 * like every listener.
 *
 * <p>The WebSocket URL comes from {@code apps.connections.open} on the configured Web API base, so
 * {@code SLACK_API_URL} redirects the socket too (that is how the offline tests run).
 */
public final class SlackSocketMode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);

  /** Liveness probes only: a few threads, short deadlines. */
  static final HttpListener.Limits HEALTH_LIMITS =
      new HttpListener.Limits(4, 64, Duration.ofSeconds(5));

  private final SocketModeApp socketModeApp;
  private final HttpListener health;

  public SlackSocketMode(App app, String appToken, int healthPort) throws IOException {
    Objects.requireNonNull(appToken, "appToken");
    this.socketModeApp = new SocketModeApp(appToken, SocketModeClient.Backend.Tyrus, app);
    this.health =
        new HttpListener("slack-health", new InetSocketAddress(healthPort), HEALTH_LIMITS);
    HealthEndpoints.installLiveness(health);
  }

  /** "slack: socket mode not connected" while the WebSocket session is not open. */
  public Readiness readiness() {
    return () -> connected() ? List.of() : List.of("slack: socket mode not connected");
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
    return health.port();
  }

  public void stop() {
    try {
      socketModeApp.stop();
    } catch (Exception e) {
      log.warn("Socket Mode stop failed: {}", e.toString());
    }
    health.close();
  }

  @Override
  public void close() {
    stop();
  }
}
