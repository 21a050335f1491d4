package io.cfychatops.sim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The tokens table ({@code /tokens}, §6.1). Not thread-safe: {@link SimState} calls it under its
 * lock.
 */
final class Tokens {
  static final List<String> FIELDS =
      List.of("id", "value", "username", "role", "expiration_date", "last_used", "description");

  record Token(
      String id,
      String secret,
      String username,
      String role,
      Instant expiresAt,
      String description) {
    Map<String, Object> json(boolean revealSecret) {
      return Json.obj(
          "id",
          id,
          "value",
          "ctok-" + id + "-" + (revealSecret ? secret : "********"),
          "username",
          username,
          "role",
          role,
          "expiration_date",
          Json.timestamp(expiresAt),
          "last_used",
          null,
          "description",
          description);
    }
  }

  private final Map<String, Token> table = new LinkedHashMap<>();

  /** Creates a token from {@code random} strings; returns its body with the secret shown once. */
  Map<String, Object> create(
      String user, String role, String description, Instant expiresAt, IntFunction<String> random) {
    Token t = new Token(random.apply(10), random.apply(32), user, role, expiresAt, description);
    table.put(t.id(), t);
    return t.json(true);
  }

  List<Map<String, Object>> items() {
    return table.values().stream().map(t -> t.json(false)).toList();
  }

  void clear() {
    table.clear();
  }

  /** The token's user, or an {@link ApiError} 401. */
  Token check(String value, Instant now) {
    String[] parts = value.split("-");
    if (parts.length != 3 || !"ctok".equals(parts[0])) {
      throw ApiError.unauthorized("Invalid token structure");
    }
    Token t = table.get(parts[1]);
    if (t == null || !t.secret().equals(parts[2])) {
      throw ApiError.unauthorized("Authentication failed for token");
    }
    if (t.expiresAt() != null && !now.isBefore(t.expiresAt())) {
      throw ApiError.unauthorized("Token is expired");
    }
    return t;
  }
}
