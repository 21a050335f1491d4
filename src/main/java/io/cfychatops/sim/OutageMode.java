package io.cfychatops.sim;

/** How the simulated REST backend is unavailable while nginx stays up (§8.1). */
public enum OutageMode {
  /** nginx answers 502 Bad Gateway with its default HTML page ({@code text/html}). */
  HTTP_502_HTML,
  /** The connection is closed without any response; clients see an {@code IOException}. */
  DROP_CONNECTIONS;

  /** Parses {@code 502}, {@code drop}, or the constant name (case-insensitive). */
  public static OutageMode parse(String s) {
    String v = s.trim().toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "502", "http_502_html", "html" -> HTTP_502_HTML;
      case "drop", "drop_connections" -> DROP_CONNECTIONS;
      default ->
          throw new IllegalArgumentException("Unknown outage mode `" + s + "`; use 502 or drop");
    };
  }
}
