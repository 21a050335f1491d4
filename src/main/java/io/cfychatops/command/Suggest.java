package io.cfychatops.command;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for mistyped words: edit distance up to 2, else a unique prefix match. */
final class Suggest {
  static final int MAX_DISTANCE = 2;
  private static final int MAX_INPUT = 64;

  private Suggest() {}

  /**
   * The candidate closest to {@code typed} (case-insensitive), or empty if none is close. Among
   * equally close candidates the first wins.
   */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    if (typed == null || typed.isEmpty() || typed.length() > MAX_INPUT) {
      return Optional.empty();
    }
    String t = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      String lc = c.toLowerCase(Locale.ROOT);
      int d = distance(t, lc);
      // A distance as long as the word itself means it shares nothing worth suggesting.
      if (d <= MAX_DISTANCE && d < t.length() && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    if (best != null) {
      return Optional.of(best);
    }
    if (t.length() < 2) {
      return Optional.empty();
    }
    // A unique prefix match; several count as one when the shortest starts all the others
    // ("maint" -> maintenance, maintenance-mode).
    String shortest = null;
    for (String c : candidates) {
      if (c.toLowerCase(Locale.ROOT).startsWith(t)
          && (shortest == null || c.length() < shortest.length())) {
        shortest = c;
      }
    }
    if (shortest == null) {
      return Optional.empty();
    }
    String base = shortest.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      String lc = c.toLowerCase(Locale.ROOT);
      if (lc.startsWith(t) && !lc.startsWith(base)) {
        return Optional.empty();
      }
    }
    return Optional.of(shortest);
  }

  /** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
  static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[n][m];
  }
}
