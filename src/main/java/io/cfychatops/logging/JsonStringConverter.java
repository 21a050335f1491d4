package io.cfychatops.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.cfychatops.text.Redactor;

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
    String msg = Redactor.redact(event.getFormattedMessage());
    if (event.getThrowableProxy() != null) {
      msg = msg + "\n" + Redactor.redact(tpc.convert(event));
    }
    return escape(msg);
  }

  static String escape(String s) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(s));
  }
}
