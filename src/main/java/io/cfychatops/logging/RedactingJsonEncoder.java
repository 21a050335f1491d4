package io.cfychatops.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.JsonEscapeUtil;
import io.cfychatops.text.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * {@code LOG_FORMAT=json}: Logback's {@link JsonEncoder} (one JSON object per line) fed a view of
 * each event in which every text a caller or the input can influence has passed the one redactor,
 * {@link Redactor}: the formatted message, thread name, logger name, MDC and key/value pairs (a
 * secret-looking key masks its whole value), and the message of the throwable, its causes and
 * suppressed exceptions.
 *
 * <p>Fields, by default: {@code timestamp} (epoch milliseconds), {@code level}, {@code threadName},
 * {@code loggerName}, {@code markers} (when any), {@code mdc} (an object: {@code operation}, {@code
 * manager}, {@code user} …, when any), {@code kvpList} (when any), {@code formattedMessage}, {@code
 * throwable} (null, or {@code className}, {@code message}, {@code stepArray}, {@code cause}, {@code
 * suppressed}). The raw message pattern and its arguments are left out (they would repeat the
 * message unredacted), as are the sequence number, nanoseconds and the logger context.
 *
 * <p>Logback 1.5.18 escapes the message, thread name, MDC, key/value pairs, markers and throwable
 * message itself, but writes the logger name, the throwable's class name and stack frames as they
 * are; this view escapes those (they come from code, so only in odd cases is there anything to
 * escape), so a quote or newline anywhere still gives one valid JSON line ({@code
 * RedactingJsonEncoderTest} parses what comes out).
 */
public class RedactingJsonEncoder extends JsonEncoder {
  public RedactingJsonEncoder() {
    setWithSequenceNumber(false);
    setWithNanoseconds(false);
    setWithContext(false);
    setWithMessage(false);
    setWithArguments(false);
    setWithFormattedMessage(true);
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return super.encode(new Redacted(event));
  }

  /** {@code s} escaped for a JSON string when it has a character that needs it; else itself. */
  static String escapeIfNeeded(String s) {
    return needsEscape(s) ? JsonEscapeUtil.jsonEscapeString(s) : s;
  }

  private static boolean needsEscape(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> redact(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return map;
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach(
        (k, v) ->
            out.put(
                Redactor.redact(k), Redactor.isSecretKey(k) ? Redactor.MASK : Redactor.redact(v)));
    return out;
  }

  /** The event as the encoder may see it. */
  private static final class Redacted implements ILoggingEvent {
    private final ILoggingEvent e;
    private @Nullable String formatted;
    private @Nullable Map<String, String> mdc;

    Redacted(ILoggingEvent e) {
      this.e = e;
    }

    @Override
    public String getThreadName() {
      return Redactor.redact(e.getThreadName());
    }

    @Override
    public Level getLevel() {
      return e.getLevel();
    }

    @Override
    public String getMessage() {
      return getFormattedMessage();
    }

    @Override
    public Object @Nullable [] getArgumentArray() {
      return null; // the formatted message carries them, redacted
    }

    @Override
    public String getFormattedMessage() {
      if (formatted == null) {
        formatted = Redactor.redact(e.getFormattedMessage());
      }
      return formatted;
    }

    @Override
    public String getLoggerName() {
      return escapeIfNeeded(Redactor.redact(e.getLoggerName()));
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
      return e.getLoggerContextVO();
    }

    @Override
    public @Nullable IThrowableProxy getThrowableProxy() {
      IThrowableProxy t = e.getThrowableProxy();
      return t == null ? null : new RedactedThrowable(t);
    }

    @Override
    public StackTraceElement[] getCallerData() {
      return e.getCallerData();
    }

    @Override
    public boolean hasCallerData() {
      return e.hasCallerData();
    }

    @Override
    public List<Marker> getMarkerList() {
      return e.getMarkerList();
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
      if (mdc == null) {
        mdc = redact(e.getMDCPropertyMap());
      }
      return mdc;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> getMdc() {
      return getMDCPropertyMap();
    }

    @Override
    public long getTimeStamp() {
      return e.getTimeStamp();
    }

    @Override
    public int getNanoseconds() {
      return e.getNanoseconds();
    }

    @Override
    public long getSequenceNumber() {
      return e.getSequenceNumber();
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
      List<KeyValuePair> kvs = e.getKeyValuePairs();
      if (kvs == null || kvs.isEmpty()) {
        return kvs;
      }
      List<KeyValuePair> out = new ArrayList<>(kvs.size());
      for (KeyValuePair kv : kvs) {
        String value =
            Redactor.isSecretKey(kv.key)
                ? Redactor.MASK
                : Redactor.redact(String.valueOf(kv.value));
        out.add(new KeyValuePair(Redactor.redact(kv.key), value));
      }
      return out;
    }

    @Override
    public void prepareForDeferredProcessing() {
      e.prepareForDeferredProcessing();
    }
  }

  /** A throwable with its message (and its causes' and suppressed ones') redacted. */
  private static final class RedactedThrowable implements IThrowableProxy {
    private final IThrowableProxy t;

    RedactedThrowable(IThrowableProxy t) {
      this.t = t;
    }

    @Override
    public String getMessage() {
      return Redactor.redact(t.getMessage());
    }

    @Override
    public String getClassName() {
      return escapeIfNeeded(t.getClassName());
    }

    @Override
    public StackTraceElementProxy @Nullable [] getStackTraceElementProxyArray() {
      StackTraceElementProxy[] steps = t.getStackTraceElementProxyArray();
      if (steps == null) {
        return null;
      }
      StackTraceElementProxy[] out = null;
      for (int i = 0; i < steps.length; i++) {
        StackTraceElement s = steps[i].getStackTraceElement();
        if (needsEscape(s.getClassName())
            || needsEscape(s.getMethodName())
            || needsEscape(s.getFileName())) {
          if (out == null) {
            out = steps.clone();
          }
          out[i] =
              new StackTraceElementProxy(
                  new StackTraceElement(
                      escapeIfNeeded(s.getClassName()),
                      escapeIfNeeded(s.getMethodName()),
                      escapeIfNeeded(s.getFileName()),
                      s.getLineNumber()));
        }
      }
      return out == null ? steps : out;
    }

    @Override
    public int getCommonFrames() {
      return t.getCommonFrames();
    }

    @Override
    public @Nullable IThrowableProxy getCause() {
      IThrowableProxy c = t.getCause();
      return c == null ? null : new RedactedThrowable(c);
    }

    @Override
    public IThrowableProxy @Nullable [] getSuppressed() {
      IThrowableProxy[] s = t.getSuppressed();
      if (s == null) {
        return null;
      }
      IThrowableProxy[] out = new IThrowableProxy[s.length];
      for (int i = 0; i < s.length; i++) {
        out[i] = new RedactedThrowable(s[i]);
      }
      return out;
    }

    @Override
    public boolean isCyclic() {
      return t.isCyclic();
    }
  }
}
