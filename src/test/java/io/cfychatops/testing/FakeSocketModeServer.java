package io.cfychatops.testing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local Socket Mode endpoint (Java-WebSocket server on {@code 127.0.0.1:0}). Sends Slack's {@code
 * hello} to every new connection, records every frame the bot sends (acks look like {@code
 * {"envelope_id":"…"}}) and lets tests push envelopes with {@link #send}. Hand {@link #url()} to
 * {@link FakeSlackApi#socketModeUrl} so {@code apps.connections.open} returns it.
 */
public final class FakeSocketModeServer implements AutoCloseable {
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private final BlockingQueue<WebSocket> connections = new LinkedBlockingQueue<>();
  private final Server server;

  public FakeSocketModeServer() throws InterruptedException {
    server = new Server();
    server.setReuseAddr(true);
    server.setDaemon(true);
    server.start();
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("fake socket mode server did not start");
    }
  }

  public String url() {
    return "ws://127.0.0.1:" + server.getPort() + "/";
  }

  /** Waits for a client to connect (it has been sent {@code hello}). */
  public boolean awaitConnection(Duration timeout) throws InterruptedException {
    WebSocket ws = connections.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (ws != null) {
      connections.add(ws); // keep it for the next caller
    }
    return ws != null;
  }

  /** Sends {@code json} to every connected client. */
  public void send(String json) {
    server.broadcast(json);
  }

  /** The next frame the bot sent, or null after {@code timeout}. */
  public String poll(Duration timeout) throws InterruptedException {
    return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Envelope ids the bot acknowledged, scanning frames until {@code envelopeId} shows or time runs
   * out.
   */
  public String awaitAck(String envelopeId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String f =
          received.poll(
              Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
      if (f != null && f.contains("\"envelope_id\"") && f.contains(envelopeId)) {
        return f;
      }
    }
    return null;
  }

  /** A {@code slash_commands} envelope as Socket Mode delivers it. */
  public static String slashCommandEnvelope(String envelopeId, String payloadJson) {
    return "{\"envelope_id\":\""
        + envelopeId
        + "\",\"type\":\"slash_commands\","
        + "\"accepts_response_payload\":true,\"payload\":"
        + payloadJson
        + "}";
  }

  /** An {@code interactive} envelope (e.g. {@code block_actions}). */
  public static String interactiveEnvelope(String envelopeId, String payloadJson) {
    return "{\"envelope_id\":\""
        + envelopeId
        + "\",\"type\":\"interactive\","
        + "\"accepts_response_payload\":false,\"payload\":"
        + payloadJson
        + "}";
  }

  @Override
  public void close() throws InterruptedException {
    server.stop(1000);
  }

  private final class Server extends WebSocketServer {
    Server() {
      super(new InetSocketAddress("127.0.0.1", 0));
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      conn.send(
          "{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake-applink\","
              + "\"approximate_connection_time\":3600},\"connection_info\":{\"app_id\":\"A0FAKE\"}}");
      connections.add(conn);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
      connections.remove(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      received.add(message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
      // surfaced through missing acks in tests
    }

    @Override
    public void onStart() {
      started.countDown();
    }
  }
}
