package io.cfychatops.cloudify.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.ListQuery;
import io.cfychatops.cloudify.ListResult;
import io.cfychatops.cloudify.MaintenanceModeException;
import io.cfychatops.cloudify.ProxyErrorException;
import io.cfychatops.cloudify.TransportException;
import io.cfychatops.concurrent.Sleeper;
import io.cfychatops.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntPredicate;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One manager's request/response cycle: URLs under {@code /api/v3.1}, sending with the retry policy
 * (idempotent calls only), mapping failures to the {@link CloudifyException} family once, JSON
 * bodies and paginated lists. Every {@link Response} is closed here.
 */
final class Exchange {

  private static final Logger log = LoggerFactory.getLogger(CloudifyClient.class);
  private static final MediaType JSON = MediaType.get("application/json");

  private final String manager;
  private final OkHttpClient http;
  private final HttpUrl apiBase;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;

  Exchange(
      String manager, OkHttpClient http, HttpUrl base, RetryPolicy retryPolicy, Sleeper sleeper) {
    this.manager = manager;
    this.http = http;
    this.apiBase = base.newBuilder().addPathSegment("api").addPathSegment("v3.1").build();
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
  }

  HttpUrl apiBase() {
    return apiBase;
  }

  /** Reads a response body; may throw a {@link CloudifyException}, which is not retried. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(Response response) throws IOException;
  }

  static BodyReader<JsonNode> jsonReader() {
    return r -> Json.tryParse(bodyString(r));
  }

  static String bodyString(Response r) throws IOException {
    ResponseBody body = r.body();
    return body == null ? "" : body.string();
  }

  HttpUrl url(String... segments) {
    HttpUrl.Builder b = apiBase.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  static Request.Builder request(HttpUrl url, Interceptors.Flags flags) {
    return new Request.Builder().url(url).tag(Interceptors.Flags.class, flags);
  }

  /** Exactly {@code Content-Type: application/json}: the server rejects other values with 415. */
  static RequestBody jsonBody(JsonNode node) {
    return RequestBody.create(Json.bytes(node), JSON);
  }

  static boolean is2xx(int code) {
    return code >= 200 && code < 300;
  }

  static JsonNode requireObject(JsonNode n, Request req) {
    if (n == null || !n.isObject()) {
      throw new CloudifyException(
          200, null, "Expected a JSON object in the response", Interceptors.describe(req));
    }
    return n;
  }

  JsonNode getJson(HttpUrl url, Interceptors.Flags flags) {
    Request req = request(url, flags).get().build();
    return requireObject(send(req, true, Exchange::is2xx, jsonReader()), req);
  }

  /** GET accepting a 500 whose JSON body carries {@code status} (status / cluster-status Fail). */
  JsonNode getStatusJson(HttpUrl url) {
    Request req = request(url, Interceptors.Flags.DEFAULT).get().build();
    JsonNode n =
        send(
            req,
            true,
            c -> is2xx(c) || c == 500,
            r -> {
              String body = bodyString(r);
              JsonNode parsed = Json.tryParse(body);
              if (r.code() == 500 && (parsed == null || Json.text(parsed, "status") == null)) {
                throw ErrorMapper.map(500, body, Interceptors.describe(req));
              }
              return parsed;
            });
    return requireObject(n, req);
  }

  /** A paginated GET of {@code resource}, following pages until the total or the query's limit. */
  <T> ListResult<T> list(
      String resource,
      ListQuery q,
      String trueFlag,
      Function<JsonNode, T> parser,
      Interceptors.Flags flags) {
    Objects.requireNonNull(q, "query");
    List<T> items = new ArrayList<>();
    int offset = 0;
    long total;
    while (true) {
      int size = q.limit() > 0 ? Math.min(q.pageSize(), q.limit() - items.size()) : q.pageSize();
      HttpUrl.Builder b = url(resource.split("/")).newBuilder();
      if (!q.include().isEmpty()) {
        b.addQueryParameter("_include", String.join(",", q.include()));
      }
      q.sort().forEach(s -> b.addQueryParameter("_sort", s));
      if (q.search() != null) {
        b.addQueryParameter("_search", q.search());
      }
      q.filters().forEach((k, vs) -> vs.forEach(v -> b.addQueryParameter(k, v)));
      if (q.allTenants()) {
        b.addQueryParameter("_all_tenants", "true");
      }
      if (trueFlag != null) {
        b.addQueryParameter(trueFlag, "true");
      }
      b.addQueryParameter("_offset", Integer.toString(offset));
      b.addQueryParameter("_size", Integer.toString(size));
      HttpUrl url = b.build();
      JsonNode env = getJson(url, flags);
      JsonNode page = env.get("items");
      if (page == null || !page.isArray()) {
        throw new CloudifyException(
            200, null, "List response has no `items` array", "GET " + url.encodedPath());
      }
      for (JsonNode item : page) {
        if (q.limit() > 0 && items.size() >= q.limit()) {
          break;
        }
        items.add(parser.apply(item));
      }
      offset += page.size();
      total = Models.paginationTotal(env, offset);
      if (page.size() == 0 || offset >= total || (q.limit() > 0 && items.size() >= q.limit())) {
        break;
      }
    }
    return new ListResult<>(items, total);
  }

  /**
   * Executes {@code req}, mapping failures to {@link CloudifyException}. When {@code idempotent},
   * retries transport errors, 502 and non-JSON 503/504/429 with backoff. A {@link
   * CloudifyException} thrown by {@code reader} propagates without retry.
   */
  <T> T send(Request req, boolean idempotent, IntPredicate accepted, BodyReader<T> reader) {
    String desc = Interceptors.describe(req);
    int attempt = 0;
    while (true) {
      attempt++;
      CloudifyException failure;
      Duration retryAfter = null;
      try (Response r = http.newCall(req).execute()) {
        if (accepted.test(r.code())) {
          return reader.read(r);
        }
        failure = ErrorMapper.map(r.code(), bodyString(r), desc);
        retryAfter = parseRetryAfter(r.header("Retry-After"));
      } catch (IOException e) {
        failure = new TransportException(describe(e), desc, e);
      }
      boolean retry = idempotent && attempt < retryPolicy.maxAttempts() && isRetryable(failure);
      if (!retry) {
        throw failure;
      }
      Duration delay = retryPolicy.delayBeforeRetry(attempt, retryAfter);
      log.debug(
          "[{}] {} failed (HTTP {}, {}); retry {}/{} in {} ms",
          manager,
          desc,
          failure.httpStatus(),
          failure.getClass().getSimpleName(),
          attempt,
          retryPolicy.maxAttempts() - 1,
          delay.toMillis());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.addSuppressed(e);
        throw failure;
      }
    }
  }

  static boolean isRetryable(CloudifyException e) {
    if (e instanceof TransportException) {
      return true;
    }
    if (e instanceof MaintenanceModeException) {
      return false;
    }
    int s = e.httpStatus();
    return s == 502 || (e instanceof ProxyErrorException && (s == 503 || s == 504 || s == 429));
  }

  static Duration parseRetryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null; // HTTP-date form: fall back to backoff
    }
  }

  static String describe(IOException e) {
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  void shutdown() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
