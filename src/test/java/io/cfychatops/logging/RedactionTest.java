package io.cfychatops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/**
 * The text log converters mask with the one redactor ({@code text.Redactor}), message and stack
 * trace (JSON lines: {@link RedactingJsonEncoderTest}).
 */
class RedactionTest {
  private static LoggingEvent event(String msg, Throwable t) {
    LoggerContext ctx = new LoggerContext();
    return new LoggingEvent("test", ctx.getLogger("test"), Level.INFO, msg, t, null);
  }

  @Test
  void masksPasswordsTokensAndHeaders() {
    String in =
        "{\"postgresql_password\": \"hunter2\", \"user\": \"admin\"} password=s3cret Authorization: Basic YWRtaW46YWRtaW4="
            + " Authentication-Token: ctok-12-abcdef xoxb-1234567-abcdefgh xapp-1-A111-222 https://u:pw@host/x ctok-9-zzzz";
    String out = new RedactingMessageConverter().convert(event(in, null));
    assertThat(out)
        .doesNotContain(
            "hunter2",
            "s3cret",
            "YWRtaW46YWRtaW4=",
            "abcdef",
            "xoxb-1234567",
            "xapp-1-A111",
            ":pw@",
            "zzzz")
        .contains("\"user\": \"admin\"")
        .contains("ctok-***");
  }

  @Test
  void stackTracesAreMaskedToo() {
    RedactingThrowableConverter c = new RedactingThrowableConverter();
    c.setContext(new LoggerContext());
    c.start();
    String out =
        c.convert(
            event(
                "failed",
                new IllegalStateException(
                    "GET https://x/y?sig=SAS-SECRET failed, token: t0ps3cret")));
    assertThat(out).contains("IllegalStateException").doesNotContain("SAS-SECRET", "t0ps3cret");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    String s = "snapshot nightly-prod-20261125-0200 created in 42 s";
    assertThat(new RedactingMessageConverter().convert(event(s, null))).isEqualTo(s);
  }
}
