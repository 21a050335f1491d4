package io.cfychatops.config;

import java.nio.file.Path;

/**
 * The database: a JDBC URL ({@code jdbc:postgresql://…} for several replicas) or, when absent, the
 * embedded HSQLDB file under {@code dataDir}.
 *
 * @param instanceName this replica's name among those sharing the database ({@code
 *     store.instance_name} or {@code CFY_CHATOPS_INSTANCE}); null means the host name. It must stay
 *     the same across restarts of one replica and differ between replicas: on start the bot takes
 *     back at once the work its previous process (same name) held when it died.
 */
public record StoreConfig(
    String jdbcUrl, String username, Secret password, Path dataDir, String instanceName) {
  /** Longest instance name (db-scheduler's {@code picked_by} column). */
  public static final int MAX_INSTANCE_NAME = 50;

  public String effectiveUrl() {
    if (jdbcUrl != null && !jdbcUrl.isBlank()) {
      return jdbcUrl;
    }
    return "jdbc:hsqldb:file:" + dataDir.resolve("cfy-chatops").toAbsolutePath() + ";shutdown=true";
  }
}
