package io.cfychatops.archive;

import io.cfychatops.text.Truncate;
import java.util.regex.Pattern;

/** Making text from an archive fit to show: names and versions are shown only if plain. */
final class Names {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._@ -]{1,256}");

  private Names() {}

  /** A tenant name fit to show; others are replaced (they come from a possibly hostile archive). */
  static String display(String tenant) {
    if (tenant == null || tenant.isEmpty()) {
      return null;
    }
    return PLAIN_NAME.matcher(tenant).matches()
        ? tenant
        : "(unprintable tenant name #" + Integer.toHexString(tenant.hashCode()) + ")";
  }

  /** An entry name fit for a message: at most 120 plain characters. */
  static String safeName(String name) {
    return Truncate.clip(name.replaceAll("[^A-Za-z0-9._/-]", "?"), 121);
  }

  static String safeVersion(String v) {
    return v.matches("[0-9A-Za-z.+_-]{1,64}") ? v : "(unreadable)";
  }
}
