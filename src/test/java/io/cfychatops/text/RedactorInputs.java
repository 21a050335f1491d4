package io.cfychatops.text;

import java.util.Random;

/**
 * Inputs built to hurt a redactor: random text and text a backtracking matcher chokes on (repeated
 * secret words, separators, quotes, backslashes, {@code %}, {@code @}, {@code ://}). Shared by
 * {@link RedactorProperties} and {@code bench/RedactionBench}.
 */
public final class RedactorInputs {
  private RedactorInputs() {}

  /** Pieces adversarial inputs are made of. */
  static final String[] PIECES = {
    "pwd",
    "password",
    "passwd",
    "token",
    "secret",
    "sig",
    "Signature",
    "X-Amz-Credential",
    "api_key",
    "authorization",
    "credential",
    "private_key",
    "passphrase",
    "=",
    ":",
    " ",
    "\"",
    "'",
    "`",
    "\\",
    "\\\"",
    "%",
    "%2F",
    "@",
    "://",
    "https",
    "&",
    "?",
    "Basic ",
    "Bearer ",
    "ctok-",
    "xoxb-",
    "-",
    "_",
    ".",
    "\n",
    "{",
    "}",
    "a",
    "Z9",
    "--password ",
    "--token",
    "-----BEGIN PRIVATE KEY-----",
    "-----BEGIN ",
    "-----END ",
    "ghp_",
    "github_pat_",
    "%3D",
    "%26",
    "password: |\n",
    "  ",
    "|",
    ">-"
  };

  public enum Shape {
    /** Printable ASCII noise. */
    RANDOM_ASCII,
    /** Any UTF-16 code units, surrogates included. */
    RANDOM_CHARS,
    /** One piece repeated: {@code pwdpwdpwd…}, {@code ======}, {@code \\\\\\}. */
    REPEATED,
    /** Two pieces alternating: {@code pwd=pwd=…}, {@code "\"…}. */
    ALTERNATING,
    /** Random pieces. */
    PIECES,
    /** The issue's command: {@code cfy snapshots list --search pwdpwd…}. */
    SEARCH
  }

  public static String build(Shape shape, int length, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder(length + 32);
    switch (shape) {
      case RANDOM_ASCII -> {
        while (b.length() < length) {
          b.append((char) (32 + r.nextInt(95)));
        }
      }
      case RANDOM_CHARS -> {
        while (b.length() < length) {
          b.append((char) r.nextInt(Character.MAX_VALUE + 1));
        }
      }
      case REPEATED -> {
        String p = PIECES[r.nextInt(PIECES.length)];
        while (b.length() < length) {
          b.append(p);
        }
      }
      case ALTERNATING -> {
        String p = PIECES[r.nextInt(PIECES.length)];
        String q = PIECES[r.nextInt(PIECES.length)];
        while (b.length() < length) {
          b.append(p).append(q);
        }
      }
      case PIECES -> {
        while (b.length() < length) {
          b.append(PIECES[r.nextInt(PIECES.length)]);
        }
      }
      case SEARCH -> {
        b.append("cfy snapshots list --search ");
        while (b.length() < length) {
          b.append("pwd");
        }
      }
    }
    b.setLength(Math.min(b.length(), length));
    return b.toString();
  }
}
