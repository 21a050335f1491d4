package io.cfychatops.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A raw HTTP client for the simulator tests (the real Cloudify client lives elsewhere). */
final class SimClient {
  static final ObjectMapper MAPPER = new ObjectMapper();

  record Resp(int status, HttpHeaders headers, byte[] raw) {
    String body() {
      return new String(raw, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return MAPPER.readTree(raw);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body(), e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String errorCode() {
      return json().path("error_code").asText();
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final Map<String, String> headers = new LinkedHashMap<>();

  SimClient(CloudifySimulator sim) {
    this.base = sim.baseUrl();
    basic("admin", "admin");
    headers.put("Tenant", "default_tenant");
  }

  SimClient basic(String user, String password) {
    headers.remove("Authentication-Token");
    headers.put(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  SimClient token(String value) {
    headers.remove("Authorization");
    headers.put("Authentication-Token", value);
    return this;
  }

  SimClient header(String name, String value) {
    if (value == null) {
      headers.remove(name);
    } else {
      headers.put(name, value);
    }
    return this;
  }

  SimClient anonymous() {
    headers.remove("Authorization");
    headers.remove("Authentication-Token");
    return this;
  }

  Resp get(String path) {
    return send("GET", path, null, null);
  }

  Resp delete(String path) {
    return send("DELETE", path, null, null);
  }

  Resp putJson(String path, String json) {
    return send("PUT", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  Resp postJson(String path, String json) {
    return send("POST", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  Resp post(String path) {
    return send("POST", path, null, null);
  }

  Resp send(String method, String path, byte[] body, String contentType) {
    try {
      return sendOrThrow(method, path, body, contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Same as {@link #send} but lets a transport failure surface as {@link IOException}. */
  Resp sendOrThrow(String method, String path, byte[] body, String contentType) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path)))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Resp(r.statusCode(), r.headers(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
    headers.forEach(b::header);
    return b;
  }

  HttpClient http() {
    return http;
  }

  String url(String path) {
    return path.startsWith("/api/") ? base + path : base + "/api/v3.1/" + path;
  }
}
