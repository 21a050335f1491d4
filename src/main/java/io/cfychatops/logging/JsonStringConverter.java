package io.cfychatops.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %jmsg}: the redacted message plus any stack trace, escaped to sit inside a JSON string, for
 * {@code LOG_FORMAT=json} lines.
 */
public final class JsonStringConverter extends ClassicConverter {
  private final ThrowableProxyConverter tpc = new ThrowableProxyConverter();

  @Override
  public void start() {
    tpc.setContext(getContext());
    tpc.start();
    super.start();
  }

  @Override
  public String convert(ILoggingEvent event) {
    String msg = Redaction.redact(event.getFormattedMessage());
    if (event.getThrowableProxy() != null) {
      msg = msg + "\n" + Redaction.redact(tpc.convert(event));
    }
    return escape(msg);
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
