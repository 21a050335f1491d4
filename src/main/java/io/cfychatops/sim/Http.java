package io.cfychatops.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.sun.net.httpserver.HttpExchange;
import io.cfychatops.http.QueryString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Request and response helpers of the simulator's HTTP front (bodies, errors, nginx pages). */
final class Http {
  private static final Logger log = LoggerFactory.getLogger(Http.class);

  private Http() {}

  /** One request as the route handlers see it. */
  record Request(
      HttpExchange exchange,
      List<String> seg,
      String method,
      Map<String, List<String>> query,
      Principal who,
      java.time.Instant now) {
    int size() {
      return seg.size();
    }

    String seg(int i) {
      return seg.get(i);
    }

    /** The {@code Tenant} header, or the simulator's tenant when absent. */
    String tenant(String dflt) {
      String t = exchange.getRequestHeaders().getFirst("Tenant");
      return t == null || t.isEmpty() ? dflt : t;
    }
  }

  /** Who sent a request. */
  record Principal(String username, String role, String method) {
    boolean admin() {
      return "sys_admin".equals(role);
    }
  }

  private static final java.util.regex.Pattern API_PATH =
      java.util.regex.Pattern.compile("^/api/v(?:1|2|2\\.1|3|3\\.1)/(.*)$");

  /** The path's segments after {@code /api/vN/} ({@code /api/version} too); 404 otherwise. */
  static List<String> route(String path) {
    if (path.equals("/api/version") || path.equals("/api/version/")) {
      return List.of("version");
    }
    java.util.regex.Matcher m = API_PATH.matcher(path);
    if (!m.matches() || m.group(1).isEmpty()) {
      throw notFoundRoute();
    }
    String rest = m.group(1);
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    return java.util.Arrays.asList(rest.split("/", -1));
  }

  static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw methodNotAllowed();
    }
  }

  static void requireSingle(int n) {
    if (n != 1) {
      throw notFoundRoute();
    }
  }

  static ApiError notFoundRoute() {
    return new ApiError(
        404,
        "not_found_error",
        "404 Not Found: The requested URL was not found on"
            + " the server. If you entered the URL manually please check your spelling and try again.");
  }

  static ApiError methodNotAllowed() {
    return new ApiError(
        405,
        "method_not_allowed_error",
        "405 Method Not Allowed: The method is not allowed for the requested URL.");
  }

  static JsonNode jsonBody(HttpExchange ex) throws IOException {
    String ct = ex.getRequestHeaders().getFirst("Content-Type");
    if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiError(
          415, "unsupported_content_type_error", "Content type must be application/json");
    }
    byte[] raw;
    try (InputStream in = ex.getRequestBody()) {
      raw = in.readAllBytes();
    }
    if (raw.length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(raw);
    } catch (IOException e) {
      throw ApiError.badParameters(
          "Failed to decode JSON object: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (node == null || !node.isObject()) {
      throw ApiError.badParameters("Request body must be a JSON object");
    }
    return node;
  }

  /**
   * §1.1: JSON bool or "true"/"false" in any case; anything else, {@code null} included, is 400.
   */
  static boolean bool(JsonNode body, String name, boolean dflt) {
    JsonNode n = body.get(name);
    if (n == null) {
      return dflt;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isTextual()) {
      String s = n.asText().toLowerCase(Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return s.equals("true");
      }
    }
    throw ApiError.badParameters(name + " must be <true/false>, got " + pyRepr(n));
  }

  static String pyRepr(JsonNode n) {
    if (n.getNodeType() == JsonNodeType.NULL) {
      return "None";
    }
    return n.isTextual() ? n.asText() : n.toString();
  }

  /** The request's query ({@link QueryString}: the one parser, shared with the Slack adapter). */
  static Map<String, List<String>> parseQuery(String raw) {
    return QueryString.parse(raw);
  }

  static void html(HttpExchange ex, int status, String title) throws IOException {
    byte[] body =
        ("<html>\r\n<head><title>"
                + title
                + "</title></head>\r\n<body>\r\n<center><h1>"
                + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
            .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/html");
    ex.getResponseHeaders().set("Server", "nginx");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  static void json(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = Json.bytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void trySend(HttpExchange ex, int status, Object body) {
    try {
      json(ex, status, body);
    } catch (IOException | RuntimeException e) {
      log.debug("could not send error response: {}", e.toString());
    }
  }
}
