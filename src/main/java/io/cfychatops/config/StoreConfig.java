package io.cfychatops.config;

import java.nio.file.Path;

/**
 * The database: a JDBC URL ({@code jdbc:postgresql://…} for several replicas) or, when absent, the
 * embedded HSQLDB file under {@code dataDir}.
 */
public record StoreConfig(String jdbcUrl, String username, Secret password, Path dataDir) {
  public String effectiveUrl() {
    if (jdbcUrl != null && !jdbcUrl.isBlank()) {
      return jdbcUrl;
    }
    return "jdbc:hsqldb:file:" + dataDir.resolve("cfy-chatops").toAbsolutePath() + ";shutdown=true";
  }
}
