package io.cfychatops.text;

import java.time.Duration;
import java.time.Instant;

/**
 * The one rendering of durations, ages and byte sizes for people: reports, command replies,
 * operation messages. Minutes and seconds are zero-padded after the leading unit ({@code 3m 05s}).
 */
public final class Durations {
  private Durations() {}

  /** {@code 45s}, {@code 3m 12s}, {@code 5h 03m}, {@code 2d 4h}. */
  public static String format(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + String.format("%02ds", s % 60);
    }
    if (s < 48 * 3600) {
      return (s / 3600) + "h " + String.format("%02dm", (s % 3600) / 60);
    }
    return (s / 86400) + "d " + ((s % 86400) / 3600) + "h";
  }

  /** The time from {@code then} to {@code now}, rendered as {@link #format}; never negative. */
  public static String ago(Instant then, Instant now) {
    return format(Duration.between(then, now));
  }

  /** {@code 512 B}, {@code 1.0 KiB}, {@code 64.0 MiB}, {@code 1.2 GiB}. */
  public static String bytes(long b) {
    if (b < 1024) {
      return b + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = b;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
