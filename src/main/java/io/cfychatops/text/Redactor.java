package io.cfychatops.text;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks secrets in free text before it reaches logs, exception messages, the audit log or chat: the
 * one redactor of the bot (the log converters use it too). Stateless and thread-safe. Masks:
 *
 * <ul>
 *   <li>values of secret-looking keys in JSON (also backslash-escaped JSON), YAML, headers and
 *       query strings: any key containing {@code password}, {@code passwd}, {@code pwd}, {@code
 *       passphrase}, {@code secret}, {@code token}, {@code api_key}, {@code authorization}, {@code
 *       credential}, {@code signature} or {@code private_key}, and the key {@code sig} (Azure SAS).
 *       So {@code X-Amz-Signature}, {@code X-Amz-Credential}, {@code X-Amz-Security-Token}, GCS
 *       {@code Signature} and {@code X-Goog-Signature} are masked. A quoted value is masked whole,
 *       spaces included; an unquoted YAML value ({@code key: value} at the start of a line) to the
 *       end of the line; any other unquoted value to the next space or delimiter ({@code Basic x} /
 *       {@code Bearer x} count as one value);
 *   <li>{@code Basic <base64>} and {@code Bearer <token>} credentials anywhere;
 *   <li>the value after a secret command-line flag: {@code --password x}, {@code --token "x y"}
 *       ({@code --password=x} is a key/value pair). A short {@code -p} is left alone: the bot's
 *       grammar has no such flag and elsewhere it often means a port ({@code docker run -p});
 *   <li>URL-encoded pairs ({@code sig%3D…}, {@code X-Amz-Signature%3D…}, up to the next {@code
 *       %26}) and YAML block scalars ({@code password: |} and its more-indented lines);
 *   <li>Cloudify 6.4+ tokens {@code ctok-<id>-<secret>}, Slack tokens ({@code xox?-…}, {@code
 *       xapp-…}), GitHub tokens ({@code ghp_…}, {@code github_pat_…}) and the bodies of PEM private
 *       keys ({@code -----BEGIN … PRIVATE KEY-----} … {@code -----END …});
 *   <li>user info in URLs, with or without a password ({@code https://user:pass@host}, {@code
 *       https://ghp_token@host}).
 * </ul>
 *
 * <p><b>Cost.</b> Every method runs in time linear in its input: key/value pairs and URLs are found
 * by one hand-written left-to-right scan, and the remaining patterns have no nested quantifiers
 * (their repetitions are possessive). Input longer than {@link #MAX_INPUT} characters is clipped
 * first ({@link #clip}), so one call costs at most a few milliseconds whatever a chat user types.
 *
 * <p>Redaction is best effort on free text; the first line of defence is not to put secrets into
 * strings at all.
 */
public final class Redactor {

  public static final String MASK = "***";

  /**
   * The longest text redacted, in characters (64 KiB). Longer text is cut to about this length,
   * back to a space where one is near, and ends with a note saying how much was dropped.
   */
  public static final int MAX_INPUT = 64 * 1024;

  /** How far back from the cut {@link #clip} looks for a space to cut at. */
  private static final int CLIP_BACKTRACK = 256;

  private static final Pattern CLOUDIFY_TOKEN =
      Pattern.compile("\\bctok-[A-Za-z0-9]++-[A-Za-z0-9]++");

  private static final Pattern SLACK_TOKEN =
      Pattern.compile("\\bx(?:ox[abposr]|app)-[A-Za-z0-9-]{6,}+");

  /**
   * GitHub tokens: classic ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_})
   * and fine-grained.
   */
  private static final Pattern GITHUB_TOKEN =
      Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{20,}+|github_pat_[A-Za-z0-9_]{20,}+)");

  private static final String PEM_BEGIN = "-----BEGIN ";
  private static final String PEM_END = "-----END ";

  /** The longest PEM label looked at ({@code ENCRYPTED PRIVATE KEY} is 21 characters). */
  private static final int PEM_LABEL_MAX = 64;

  private Redactor() {}

  /** Returns {@code text} clipped to {@link #MAX_INPUT} with secrets masked; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = SecretScanner.scan(maskPrivateKeys(clip(text)), false);
    if (s.contains("ctok-")) {
      s = CLOUDIFY_TOKEN.matcher(s).replaceAll("ctok-" + MASK);
    }
    if (s.contains("xox") || s.contains("xapp-")) {
      s = SLACK_TOKEN.matcher(s).replaceAll(MASK);
    }
    if (mayHoldGitHubToken(s)) {
      s = GITHUB_TOKEN.matcher(s).replaceAll(MASK);
    }
    return s;
  }

  /** The prefixes every {@link #GITHUB_TOKEN} match starts with. */
  private static final String[] GITHUB_PREFIXES = {
    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"
  };

  /**
   * Whether {@code s} holds one of {@link #GITHUB_PREFIXES}: a few intrinsic {@code indexOf} scans,
   * far cheaper than the regex (about 0.7 ms per 64 KiB of plain text), which then runs only on
   * text that may hold a token.
   */
  static boolean mayHoldGitHubToken(String s) {
    for (String prefix : GITHUB_PREFIXES) {
      if (s.contains(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Masks the body of every PEM private key ({@code -----BEGIN … PRIVATE KEY-----} to {@code
   * -----END …}); a key with no END line is masked to the end of the text. Linear: each header is
   * looked for within {@link #PEM_LABEL_MAX} characters, and the search for an END line resumes
   * after it (or masks the rest and stops).
   */
  static String maskPrivateKeys(String s) {
    int begin = s.indexOf(PEM_BEGIN);
    if (begin < 0) {
      return s;
    }
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    while (begin >= 0) {
      int labelStart = begin + PEM_BEGIN.length();
      int labelEnd = -1;
      for (int j = labelStart; j < Math.min(n, labelStart + PEM_LABEL_MAX); j++) {
        if (s.startsWith("-----", j)) {
          labelEnd = j;
          break;
        }
      }
      if (labelEnd < 0 || !s.startsWith("PRIVATE KEY", labelEnd - "PRIVATE KEY".length())) {
        begin = s.indexOf(PEM_BEGIN, labelStart);
        continue;
      }
      int bodyStart = labelEnd + 5;
      int end = s.indexOf(PEM_END, bodyStart);
      int bodyEnd = end < 0 ? n : end;
      out = out == null ? new StringBuilder(n) : out;
      out.append(s, copied, bodyStart).append(end < 0 ? MASK : "\n" + MASK + "\n");
      copied = bodyEnd;
      if (end < 0) {
        break;
      }
      begin = s.indexOf(PEM_BEGIN, bodyEnd + PEM_END.length());
    }
    return out == null ? s : out.append(s, copied, n).toString();
  }

  /**
   * What people see (chat, the audit log, {@code ops show}): {@link #redact} and, in addition,
   * every URL reduced to {@code scheme://host[:port]/path}, without user info, query or fragment (a
   * pre-signed upload URL's query is its credential). Null stays null.
   */
  public static String forDisplay(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return redact(SecretScanner.scan(clip(text), true));
  }

  /**
   * {@code text} when it has at most {@link #MAX_INPUT} characters; otherwise its first ~64 KiB
   * (cut at a space when one is within 256 characters of the limit, so a secret is not cut in two)
   * plus {@code "… [N characters clipped]"}.
   */
  public static String clip(String text) {
    if (text == null || text.length() <= MAX_INPUT) {
      return text;
    }
    int cut = MAX_INPUT;
    for (int i = MAX_INPUT - 1; i >= MAX_INPUT - CLIP_BACKTRACK; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        cut = i;
        break;
      }
    }
    if (Character.isLowSurrogate(text.charAt(cut))) {
      cut--;
    }
    return text.substring(0, cut) + "… [" + (text.length() - cut) + " characters clipped]";
  }

  /** True when a map key or header name looks like it holds a secret. */
  public static boolean isSecretKey(String key) {
    return key != null && SecretScanner.isSecretKey(key, 0, key.length());
  }

  /**
   * Copy of {@code map} with the values of secret-looking keys replaced by {@link #MASK} and nested
   * maps redacted recursively; other values pass through {@link #redact(String)} when they are
   * strings.
   */
  public static Map<String, Object> redactMap(Map<String, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> {
          if (isSecretKey(k)) {
            out.put(k, MASK);
          } else if (v instanceof Map<?, ?> nested) {
            Map<String, Object> n = new LinkedHashMap<>();
            nested.forEach((nk, nv) -> n.put(String.valueOf(nk), nv));
            out.put(k, redactMap(n));
          } else if (v instanceof String str) {
            out.put(k, redact(str));
          } else {
            out.put(k, v);
          }
        });
    return out;
  }
}
