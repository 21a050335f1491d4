package io.cfychatops.cloudify;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one Cloudify Manager.
 *
 * @param name display name used in logs and messages
 * @param baseUrl {@code http(s)://host[:port][/prefix]}; {@code /api/v3.1/...} is appended
 * @param tenant value of the {@code Tenant} header; null or blank sends none
 * @param caCertPem PEM file with the CA(s) to trust (e.g. {@code cloudify_external_ca_cert.pem});
 *     null uses the JVM default trust store
 * @param trustAll disables certificate and hostname verification; never the default, logged at
 *     WARN, and not combinable with {@code caCertPem}
 */
public record ManagerConnection(
    String name,
    URI baseUrl,
    String tenant,
    Credentials credentials,
    Path caCertPem,
    boolean trustAll,
    Duration connectTimeout,
    Duration readTimeout) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Lower than the Python client's 300 s: every call here is a small JSON call or a stream. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  public static final String DEFAULT_TENANT = "default_tenant";

  public ManagerConnection {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("manager name must not be blank");
    }
    Objects.requireNonNull(baseUrl, "baseUrl");
    String scheme = baseUrl.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException(
          "manager `" + name + "`: baseUrl must be http(s)://..., got `" + baseUrl + "`");
    }
    if (baseUrl.getHost() == null) {
      throw new IllegalArgumentException("manager `" + name + "`: baseUrl has no host: " + baseUrl);
    }
    if (baseUrl.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "manager `" + name + "`: put credentials in `credentials`, not in the URL");
    }
    Objects.requireNonNull(credentials, "credentials");
    if (trustAll && caCertPem != null) {
      throw new IllegalArgumentException(
          "manager `" + name + "`: set either caCertPem or trustAll, not both");
    }
    connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
    }
    if (readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("readTimeout must be positive, got " + readTimeout);
    }
  }

  /** Plain connection with default timeouts and JVM trust store. */
  public static ManagerConnection of(
      String name, URI baseUrl, String tenant, Credentials credentials) {
    return new ManagerConnection(name, baseUrl, tenant, credentials, null, false, null, null);
  }

  public ManagerConnection withCaCert(Path pem) {
    return new ManagerConnection(
        name, baseUrl, tenant, credentials, pem, false, connectTimeout, readTimeout);
  }

  public ManagerConnection withTrustAll(boolean trustAll) {
    return new ManagerConnection(
        name,
        baseUrl,
        tenant,
        credentials,
        trustAll ? null : caCertPem,
        trustAll,
        connectTimeout,
        readTimeout);
  }

  public ManagerConnection withTimeouts(Duration connect, Duration read) {
    return new ManagerConnection(
        name, baseUrl, tenant, credentials, caCertPem, trustAll, connect, read);
  }

  public ManagerConnection withCredentials(Credentials creds) {
    return new ManagerConnection(
        name, baseUrl, tenant, creds, caCertPem, trustAll, connectTimeout, readTimeout);
  }
}
