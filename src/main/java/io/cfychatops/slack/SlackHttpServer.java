package io.cfychatops.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cfychatops.http.QueryString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP mode's public listener: Bolt on the JDK {@link HttpServer} ({@code bolt-jetty} 1.51.0 is not
 * available). It serves exactly two paths:
 *
 * <ul>
 *   <li>{@code POST /slack/events}: the raw body is read (at most {@link #MAX_BODY_BYTES}, else
 *       413), its Slack signature checked by {@link SignatureVerifier} (unsigned, forged, or a
 *       timestamp more than 5 minutes from now in either direction → 401 before any parsing; Bolt's
 *       {@code RequestVerification} runs the same verifier again), parsed with Bolt's {@link
 *       SlackRequestParser} and run through {@link App#run}; Bolt's status, headers and body are
 *       written back.
 *   <li>{@code GET /healthz}: a plain {@code ok} (liveness, no details). Readiness and metrics are
 *       on the {@link ManagementServer}, which binds loopback by default.
 * </ul>
 *
 * <p>The listener is an {@link HttpListener}: every exchange has a deadline ({@link
 * HttpListener.Limits#PUBLIC}: 10 s from its first byte to the end of the response) and the pool is
 * bounded, so slow clients are cut off and cannot queue requests behind them. Listeners only ack,
 * so a thread is never held by core work.
 */
public final class SlackHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackHttpServer.class);
  public static final String EVENTS_PATH = "/slack/events";
  public static final int MAX_BODY_BYTES = 1 << 20;

  private final App app;
  private final HttpListener listener;
  private final SlackRequestParser parser;
  private final SignatureVerifier verifier;
  private final boolean verify;

  /**
   * Binds {@code 0.0.0.0:port} (0 = ephemeral) without starting; signatures are checked against the
   * app's signing secret and the system clock. {@code app} should already be started ({@link
   * App#start()} runs {@code auth.test}).
   */
  public SlackHttpServer(App app, int port) throws IOException {
    this(
        app,
        new InetSocketAddress(port),
        new SignatureVerifier(app.config().getSigningSecret(), Clock.systemUTC()),
        HttpListener.Limits.PUBLIC);
  }

  SlackHttpServer(
      App app, InetSocketAddress bind, SignatureVerifier verifier, HttpListener.Limits limits)
      throws IOException {
    this.app = Objects.requireNonNull(app, "app");
    this.parser = new SlackRequestParser(app.config());
    this.verify = app.config().isRequestVerificationEnabled();
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.listener = new HttpListener("slack-http", bind, limits);
    listener.context(EVENTS_PATH, this::handleEvents);
    HealthEndpoints.installLiveness(listener);
  }

  public SlackHttpServer start() {
    listener.start();
    log.info("Slack HTTP mode listening on port {} ({} and /healthz)", port(), EVENTS_PATH);
    return this;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return listener.port();
  }

  /** The listener, for tests of its limits. */
  HttpListener listener() {
    return listener;
  }

  private void handleEvents(HttpExchange ex) throws IOException {
    try {
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "POST");
        HealthEndpoints.send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return;
      }
      String body = readBody(ex);
      if (body == null) {
        drain(ex); // answer only once the client has sent its body, or it may never read the 413
        ex.getResponseHeaders().set("Connection", "close");
        HealthEndpoints.send(ex, 413, "application/json", "{\"error\":\"request body too large\"}");
        return;
      }
      Map<String, List<String>> headerMap = new HashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headerMap.put(k, new ArrayList<>(v)));
      RequestHeaders headers = new RequestHeaders(headerMap);
      if (verify && !signatureValid(headers, body)) {
        log.warn(
            "Rejected request with a missing, forged or stale signature from {}",
            ex.getRemoteAddress());
        HealthEndpoints.send(ex, 401, "application/json", "{\"error\":\"invalid request\"}");
        return;
      }
      Request<?> req;
      try {
        req =
            parser.parse(
                SlackRequestParser.HttpRequest.builder()
                    .requestUri(ex.getRequestURI().getPath())
                    .queryString(QueryString.parse(ex.getRequestURI().getRawQuery()))
                    .headers(headers)
                    .requestBody(body)
                    .remoteAddress(ex.getRemoteAddress().getAddress().getHostAddress())
                    .build());
      } catch (RuntimeException e) {
        log.warn("Unparseable Slack request: {}", e.toString());
        req = null;
      }
      if (req == null) {
        HealthEndpoints.send(ex, 400, "application/json", "{\"error\":\"unsupported request\"}");
        return;
      }
      Response resp = app.run(req);
      if (resp.getHeaders() != null) {
        resp.getHeaders()
            .forEach(
                (k, vs) -> {
                  if (!"content-type".equalsIgnoreCase(k)
                      && !"content-length".equalsIgnoreCase(k)) {
                    vs.forEach(v -> ex.getResponseHeaders().add(k, v));
                  }
                });
      }
      int status = resp.getStatusCode() == null ? 200 : resp.getStatusCode();
      HealthEndpoints.send(ex, status, resp.getContentType(), resp.getBody());
    } catch (IOException e) {
      log.debug("Slack request: the client went away or was cut off ({})", e.toString());
      ex.close();
    } catch (Exception e) {
      log.error("Slack request failed", e);
      try {
        HealthEndpoints.send(ex, 500, "application/json", "{\"error\":\"internal error\"}");
      } catch (IOException | RuntimeException ignored) {
        ex.close();
      }
    }
  }

  private boolean signatureValid(RequestHeaders headers, String body) {
    String ts = headers.getFirstValue(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
    String sig = headers.getFirstValue(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
    if (ts == null || sig == null) {
      return false;
    }
    return verifier.isValid(ts, body, sig);
  }

  /**
   * Reads and discards what is left of a refused body, up to 16 MiB (then the connection is
   * closed).
   */
  private static void drain(HttpExchange ex) {
    try {
      InputStream in = ex.getRequestBody();
      byte[] buf = new byte[65536];
      long left = 16L << 20;
      for (int r; left > 0 && (r = in.read(buf)) != -1; ) {
        left -= r;
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  /** The body as UTF-8, or null when it exceeds {@link #MAX_BODY_BYTES}. */
  private static String readBody(HttpExchange ex) throws IOException {
    String len = ex.getRequestHeaders().getFirst("Content-Length");
    if (len != null) {
      try {
        if (Long.parseLong(len.trim()) > MAX_BODY_BYTES) {
          return null;
        }
      } catch (NumberFormatException ignored) {
        // fall through to the streamed limit
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int total = 0;
      for (int r; (r = in.read(buf)) != -1; ) {
        total += r;
        if (total > MAX_BODY_BYTES) {
          return null;
        }
        out.write(buf, 0, r);
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    listener.close();
  }
}
