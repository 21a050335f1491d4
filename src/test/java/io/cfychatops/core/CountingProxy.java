package io.cfychatops.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP reverse proxy in front of the Cloudify simulator that records every request as
 * {@code "METHOD /path"} (and, for {@link #recorded}, its query and body): proves which requests
 * reached the manager, with what (and that none did).
 */
public final class CountingProxy implements AutoCloseable {
  private static final Set<String> SKIP_REQUEST =
      Set.of(
          "host",
          "content-length",
          "connection",
          "upgrade",
          "expect",
          "transfer-encoding",
          "keep-alive",
          "te",
          "trailer",
          "http2-settings");
  private static final Set<String> SKIP_RESPONSE =
      Set.of("content-length", "transfer-encoding", "connection", "date");

  private final String target;
  private final HttpServer server;
  private final ExecutorService pool;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<String> requests = new ArrayList<>();
  private final List<Recorded> recorded = new ArrayList<>();

  /** One forwarded request: method, raw path, raw query (or null) and the body as text. */
  public record Recorded(String method, String path, String query, String body) {}

  public CountingProxy(String targetBaseUrl) throws IOException {
    this.target =
        targetBaseUrl.endsWith("/")
            ? targetBaseUrl.substring(0, targetBaseUrl.length() - 1)
            : targetBaseUrl;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    this.pool =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "counting-proxy");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.createContext("/", this::forward);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  public synchronized int count() {
    return requests.size();
  }

  /** The recorded requests whose {@code "METHOD /path"} matches {@code regex}, in order. */
  public synchronized List<Recorded> recorded(String regex) {
    return recorded.stream().filter(r -> (r.method() + " " + r.path()).matches(regex)).toList();
  }

  /** Requests so far whose {@code "METHOD /path"} matches {@code regex}. */
  public synchronized long count(String regex) {
    return requests.stream().filter(r -> r.matches(regex)).count();
  }

  private void forward(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      URI uri = ex.getRequestURI();
      synchronized (this) {
        requests.add(method + " " + uri.getPath());
      }
      byte[] body = ex.getRequestBody().readAllBytes();
      synchronized (this) {
        recorded.add(
            new Recorded(
                method,
                uri.getRawPath(),
                uri.getRawQuery(),
                new String(
                    body,
                    0,
                    Math.min(body.length, 64 * 1024),
                    java.nio.charset.StandardCharsets.UTF_8)));
      }
      HttpRequest.Builder b =
          HttpRequest.newBuilder(
                  URI.create(
                      target
                          + uri.getRawPath()
                          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
              .timeout(Duration.ofSeconds(60))
              .method(
                  method,
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders()
          .forEach(
              (k, vs) -> {
                if (!SKIP_REQUEST.contains(k.toLowerCase(Locale.ROOT))) {
                  vs.forEach(v -> b.header(k, v));
                }
              });
      HttpResponse<byte[]> resp;
      try {
        resp = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ex.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        ex.sendResponseHeaders(502, -1); // the simulator dropped the connection: pass a failure on
        return;
      }
      resp.headers()
          .map()
          .forEach(
              (k, vs) -> {
                if (!k.startsWith(":") && !SKIP_RESPONSE.contains(k.toLowerCase(Locale.ROOT))) {
                  ex.getResponseHeaders().put(k, new ArrayList<>(vs));
                }
              });
      byte[] out = resp.body();
      boolean noBody =
          method.equals("HEAD") || resp.statusCode() == 204 || resp.statusCode() == 304;
      ex.sendResponseHeaders(resp.statusCode(), noBody ? -1 : out.length == 0 ? -1 : out.length);
      if (!noBody && out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
