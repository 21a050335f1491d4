package io.cfychatops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfychatops.text.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * {@code LOG_FORMAT=json}: whatever a message, logger, thread or MDC value holds, each event is one
 * line holding one valid JSON object, and secrets are masked in every field.
 */
class RedactingJsonEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String encode(ILoggingEvent e) {
    RedactingJsonEncoder enc = new RedactingJsonEncoder();
    enc.setContext(new LoggerContext());
    enc.start();
    return new String(enc.encode(e), StandardCharsets.UTF_8);
  }

  private static LoggingEvent event(
      String logger, String thread, String msg, Map<String, String> mdc, Throwable t) {
    LoggerContext ctx = new LoggerContext();
    LoggingEvent e = new LoggingEvent("test", ctx.getLogger("test"), Level.WARN, msg, t, null);
    e.setLoggerName(logger);
    e.setThreadName(thread);
    e.setMDCPropertyMap(mdc);
    return e;
  }

  /** The line, checked to be exactly one line, parsed. */
  private static JsonNode oneLine(String out) throws Exception {
    assertThat(out).endsWith("\n");
    assertThat(out.substring(0, out.length() - 1)).doesNotContain("\n", "\r");
    JsonNode n = JSON.readTree(out);
    assertThat(n.isObject()).isTrue();
    return n;
  }

  @Test
  void quotesNewlinesAndSecretsInEveryField() throws Exception {
    Map<String, String> mdc = new LinkedHashMap<>();
    mdc.put("operation", "op-1\"},\"level\":\"ERROR\n");
    mdc.put("manager", "prod\\east");
    mdc.put("user", "U1 password=hunter2");
    mdc.put("db_password", "plain-secret-value");
    IllegalStateException cause =
        new IllegalStateException("Authorization: Bearer s3cr3t-bearer\nsecond \"line\"");
    RuntimeException top = new RuntimeException("GET https://u:pw-in-url@host/x failed", cause);
    top.addSuppressed(new IllegalArgumentException("token: xoxb-1234567-abcdefgh"));
    LoggingEvent e =
        event(
            "weird\"logger\nname",
            "worker \"1\"\t",
            "created {\"token\": \"abc\"}\nnext\u0001 line",
            mdc,
            top);
    e.addKeyValuePair(new org.slf4j.event.KeyValuePair("secret", "kv-secret"));
    e.addKeyValuePair(new org.slf4j.event.KeyValuePair("note", "a \"b\"\nc"));

    String out = encode(e);
    JsonNode n = oneLine(out);
    assertThat(out)
        .doesNotContain(
            "hunter2",
            "plain-secret-value",
            "s3cr3t-bearer",
            "pw-in-url",
            "xoxb-1234567",
            "kv-secret",
            "\"abc\"");
    assertThat(n.get("level").asText()).isEqualTo("WARN");
    assertThat(n.get("timestamp").asLong()).isEqualTo(e.getTimeStamp());
    assertThat(n.get("loggerName").asText()).isEqualTo("weird\"logger\nname");
    assertThat(n.get("threadName").asText()).isEqualTo("worker \"1\"\t");
    assertThat(n.get("formattedMessage").asText())
        .isEqualTo("created {\"token\": \"***\"}\nnext\u0001 line");
    assertThat(n.get("mdc").get("operation").asText()).isEqualTo("op-1\"},\"level\":\"ERROR\n");
    assertThat(n.get("mdc").get("manager").asText()).isEqualTo("prod\\east");
    assertThat(n.get("mdc").get("user").asText()).isEqualTo("U1 password=***");
    assertThat(n.get("mdc").get("db_password").asText()).isEqualTo("***");
    assertThat(n.get("kvpList").toString())
        .contains("\"secret\":\"***\"")
        .contains("a \\\"b\\\"\\nc");
    JsonNode t = n.get("throwable");
    assertThat(t.get("className").asText()).isEqualTo("java.lang.RuntimeException");
    assertThat(t.get("message").asText()).isEqualTo("GET https://***@host/x failed");
    assertThat(t.get("stepArray").size()).isPositive();
    assertThat(t.get("cause").get("message").asText())
        .startsWith("Authorization: ***")
        .contains("second \"line\"");
    assertThat(t.get("suppressed").get(0).get("message").asText()).isEqualTo("token: ***");
    assertThat(n.has("message")).as("the raw pattern would repeat the message").isFalse();
    assertThat(n.has("arguments")).isFalse();
  }

  @Test
  void anEventWithoutExtrasIsAPlainLine() throws Exception {
    JsonNode n = oneLine(encode(event("io.cfychatops.app.Bot", "main", "started", Map.of(), null)));
    assertThat(n.get("formattedMessage").asText()).isEqualTo("started");
    assertThat(n.get("throwable").isNull()).isTrue();
  }

  @Property(tries = 300)
  void anyTextGivesOneParsableLine(
      @ForAll @StringLength(max = 60) String msg,
      @ForAll @StringLength(max = 30) String logger,
      @ForAll @StringLength(max = 30) String thread,
      @ForAll @StringLength(max = 30) String mdcValue)
      throws Exception {
    Assume.that(
        noSurrogates(msg + logger + thread + mdcValue)); // UTF-8 cannot carry a lone surrogate
    String out =
        encode(
            event(
                logger,
                thread,
                msg,
                Map.of("operation", mdcValue),
                new IllegalStateException(msg)));
    JsonNode n = oneLine(out);
    assertThat(n.get("formattedMessage").asText()).isEqualTo(Redactor.redact(msg));
    assertThat(n.get("loggerName").asText()).isEqualTo(Redactor.redact(logger));
    assertThat(n.get("threadName").asText()).isEqualTo(Redactor.redact(thread));
    assertThat(n.get("mdc").get("operation").asText()).isEqualTo(Redactor.redact(mdcValue));
    assertThat(n.get("throwable").get("message").asText()).isEqualTo(Redactor.redact(msg));
  }

  private static boolean noSurrogates(String s) {
    return s.chars().noneMatch(c -> Character.isSurrogate((char) c));
  }

  @Test
  void logbackXmlPicksTheEncoderWithLogFormatQuietly() throws Exception {
    assertThat(encoderOfOut(null)).isInstanceOf(PatternLayoutEncoder.class);
    assertThat(encoderOfOut("text")).isInstanceOf(PatternLayoutEncoder.class);
    assertThat(encoderOfOut("json")).isInstanceOf(RedactingJsonEncoder.class);
  }

  /**
   * The encoder of the root's appender {@code out} with {@code LOG_FORMAT=format}; Logback had
   * nothing to warn about.
   */
  private static Encoder<ILoggingEvent> encoderOfOut(String format) throws Exception {
    LoggerContext ctx = new LoggerContext();
    if (format != null) {
      ctx.putProperty("LOG_FORMAT", format);
    }
    JoranConfigurator jc = new JoranConfigurator();
    jc.setContext(ctx);
    jc.doConfigure(RedactingJsonEncoderTest.class.getResource("/logback.xml"));
    try {
      assertThat(new StatusUtil(ctx).getHighestLevel(0))
          .as("Logback prints its status at start on a warning")
          .isLessThan(Status.WARN);
      Appender<ILoggingEvent> out = ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("out");
      assertThat(out).isInstanceOf(OutputStreamAppender.class);
      return ((OutputStreamAppender<ILoggingEvent>) out).getEncoder();
    } finally {
      ctx.stop();
    }
  }
}
