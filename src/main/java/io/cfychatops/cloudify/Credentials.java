package io.cfychatops.cloudify;

import java.util.Objects;

/** How the client authenticates. {@code toString()} never shows the secret. */
public sealed interface Credentials permits Credentials.Basic, Credentials.Token {

  static Credentials basic(String username, String password) {
    return new Basic(username, password);
  }

  static Credentials token(String token) {
    return new Token(token);
  }

  /** HTTP Basic ({@code Authorization: Basic ...}). */
  record Basic(String username, String password) implements Credentials {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isEmpty() || !isAsciiLetter(username.charAt(0))) {
        // The manager silently ignores such users (security/user_handler.py).
        throw new IllegalArgumentException(
            "Cloudify usernames must start with an ASCII letter, got `" + username + "`");
      }
      if (username.indexOf(':') >= 0) {
        throw new IllegalArgumentException("A Basic-auth username cannot contain ':'");
      }
    }

    private static boolean isAsciiLetter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=***]";
    }
  }

  /** API token ({@code Authentication-Token: ...}), e.g. {@code ctok-<id>-<secret>} on 6.4+. */
  record Token(String token) implements Credentials {
    public Token {
      Objects.requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
    }

    @Override
    public String toString() {
      return "Token[***]";
    }
  }
}
