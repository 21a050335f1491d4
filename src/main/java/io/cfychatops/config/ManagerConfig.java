package io.cfychatops.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One Cloudify Manager the bot drives.
 *
 * @param name short name used in commands ({@code -m prod})
 * @param url REST base URL, e.g. {@code https://10.0.0.5}
 * @param tenant tenant header value (default {@code default_tenant})
 * @param username Basic-auth user (null when a token is used)
 * @param password Basic-auth password
 * @param token {@code Authentication-Token} (alternative to username/password)
 * @param caCert PEM file of the CA to trust for TLS (null: the JVM's default trust store)
 * @param trustAll skip TLS verification (explicit opt-in; logged as a warning)
 * @param schedule nightly backup schedule
 * @param cluster true when the manager is an HA cluster (restores show the encoding-alphabet step)
 * @param production true for a production manager: the vote completing the quorum of any approval
 *     on it must type the snapshot id (typed confirmation), whatever the approval rule says
 * @param scratch true for a scratch manager: drills restore onto it without approval; a drill never
 *     targets a manager that is not one
 * @param drill this manager's restore drill, null when it has none
 */
public record ManagerConfig(
    String name,
    URI url,
    String tenant,
    String username,
    Secret password,
    Secret token,
    Path caCert,
    boolean trustAll,
    Duration connectTimeout,
    Duration readTimeout,
    ScheduleConfig schedule,
    boolean cluster,
    boolean production,
    boolean scratch,
    @org.jspecify.annotations.Nullable DrillConfig drill) {

  public static final String DEFAULT_TENANT = "default_tenant";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /** A manager that is not marked {@code production}. */
  public ManagerConfig(
      String name,
      URI url,
      String tenant,
      String username,
      Secret password,
      Secret token,
      Path caCert,
      boolean trustAll,
      Duration connectTimeout,
      Duration readTimeout,
      ScheduleConfig schedule,
      boolean cluster) {
    this(
        name,
        url,
        tenant,
        username,
        password,
        token,
        caCert,
        trustAll,
        connectTimeout,
        readTimeout,
        schedule,
        cluster,
        false,
        false,
        null);
  }

  @Override
  public String toString() {
    return "ManagerConfig[name="
        + name
        + ", url="
        + url
        + ", tenant="
        + tenant
        + ", user="
        + username
        + (production ? ", production" : "")
        + "]";
  }
}
