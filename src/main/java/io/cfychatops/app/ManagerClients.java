package io.cfychatops.app;

import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.cloudify.http.RetryPolicy;
import io.cfychatops.config.ManagerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Cloudify clients, two per configured manager: one for chat reads and the nightly run
 * (idempotent GETs retry with backoff) and one for operations, which never retries inside a call:
 * the operation poller has its own back-off and must not hold a scheduler thread. Clients are
 * thread-safe and built once; {@link CloudifyManagerPort} adapts them to the ops port.
 */
final class ManagerClients implements AutoCloseable {
  private final Map<String, CloudifyClient> clients = new LinkedHashMap<>();
  private final Map<String, CloudifyClient> opsClients = new LinkedHashMap<>();

  ManagerClients(List<ManagerConfig> managers) {
    for (ManagerConfig m : managers) {
      ManagerConnection c = connection(m);
      clients.put(m.name(), HttpCloudifyClient.create(c));
      opsClients.put(m.name(), HttpCloudifyClient.builder(c).retryPolicy(RetryPolicy.NONE).build());
    }
  }

  /** Maps configuration to a client connection; secrets are revealed only here. */
  static ManagerConnection connection(ManagerConfig m) {
    Credentials creds =
        m.token() != null
            ? Credentials.token(m.token().reveal())
            : Credentials.basic(m.username(), m.password() == null ? "" : m.password().reveal());
    return new ManagerConnection(
        m.name(),
        m.url(),
        m.tenant(),
        creds,
        m.caCert(),
        m.trustAll(),
        m.connectTimeout(),
        m.readTimeout());
  }

  /** The retrying client of {@code name}: chat reads and the nightly run. */
  Optional<CloudifyClient> client(String name) {
    return Optional.ofNullable(clients.get(name));
  }

  /** The client for operations: no retries inside a call. */
  Optional<CloudifyClient> opsClient(String name) {
    return Optional.ofNullable(opsClients.get(name));
  }

  @Override
  public void close() {
    clients.values().forEach(CloudifyClient::close);
    opsClients.values().forEach(CloudifyClient::close);
  }
}
