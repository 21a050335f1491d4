package io.cfychatops.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Column-value helpers shared by the repositories. */
final class Text {
  private Text() {}

  /** A set as a sorted comma-separated list ("admin,approver"). */
  static String joinSet(Collection<String> values) {
    return values.stream().sorted().collect(Collectors.joining(","));
  }

  static Set<String> splitSet(String s) {
    if (s == null || s.isBlank()) {
      return Set.of();
    }
    return new LinkedHashSet<>(Arrays.asList(s.split(",")));
  }

  static String joinLines(List<String> lines) {
    return String.join("\n", lines);
  }

  static List<String> splitLines(String s) {
    if (s == null || s.isEmpty()) {
      return List.of();
    }
    return List.of(s.split("\n", -1));
  }
}
