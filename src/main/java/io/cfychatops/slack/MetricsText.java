package io.cfychatops.slack;

/** The Prometheus text exposition served on {@code GET /metrics} (e.g. a Micrometer scrape). */
@FunctionalInterface
public interface MetricsText {
  String scrape();

  MetricsText NONE = () -> "";
}
