package io.cfychatops.slack;

import java.util.List;

/**
 * What is not ready yet (e.g. "store: connection refused"); empty means ready. Must be quick and
 * must not throw: it runs on every {@code GET /readyz}.
 */
@FunctionalInterface
public interface Readiness {
  List<String> notReady();

  Readiness ALWAYS = List::of;

  /** Both checks' problems. */
  default Readiness and(Readiness other) {
    return () -> {
      List<String> a = notReady();
      List<String> b = other.notReady();
      if (a.isEmpty()) {
        return b;
      }
      if (b.isEmpty()) {
        return a;
      }
      return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    };
  }
}
