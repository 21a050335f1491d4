package io.cfychatops.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in free text: passwords and tokens in {@code key=value}, {@code "key": "value"} and
 * header forms, Slack tokens, Cloudify {@code ctok-} tokens and Basic credentials. The last line of
 * defence: code should not log secrets in the first place.
 */
public final class Redaction {
  private static final String MASK = "***";
  private static final List<Pattern> KEYED =
      List.of(
          Pattern.compile(
              "(?i)(\"?(?:[a-z_]*password|passwd|secret|token|signing_secret|api_key)\"?\\s*[:=]\\s*\"?)([^\"\\s,&}]+)"),
          Pattern.compile("(?i)(authorization:\\s*(?:basic|bearer)\\s+)(\\S+)"),
          Pattern.compile("(?i)(authentication-token:\\s*)(\\S+)"));
  private static final Pattern SLACK = Pattern.compile("\\bx(?:ox[abposr]|app)-[A-Za-z0-9-]{6,}");
  private static final Pattern CTOK = Pattern.compile("\\bctok-([A-Za-z0-9]+)-[A-Za-z0-9]+");
  private static final Pattern URL_CREDS = Pattern.compile("(://[^/\\s:@]+:)([^@/\\s]+)@");

  private Redaction() {}

  public static String redact(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    String out = s;
    for (Pattern p : KEYED) {
      Matcher m = p.matcher(out);
      out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
    }
    out = SLACK.matcher(out).replaceAll(MASK);
    out = CTOK.matcher(out).replaceAll("ctok-$1-" + MASK);
    out = URL_CREDS.matcher(out).replaceAll("$1" + MASK + "@");
    return out;
  }
}
