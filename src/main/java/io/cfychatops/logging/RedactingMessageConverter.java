package io.cfychatops.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.cfychatops.text.Redactor;

/** {@code %rmsg}: the formatted message with secrets masked. */
public final class RedactingMessageConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Redactor.redact(event.getFormattedMessage());
  }
}
