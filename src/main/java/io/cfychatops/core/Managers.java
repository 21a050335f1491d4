package io.cfychatops.core;

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
 * The managers registry: per configured manager, a {@link CloudifyClient} for interactive commands
 * (idempotent GETs retry with backoff) and one for operations and the nightly run, which never
 * retries inside a call: their poller has its own back-off and must not hold a scheduler thread.
 * Clients are thread-safe and built once.
 */
public final class Managers implements AutoCloseable {
  private final Map<String, ManagerConfig> configs = new LinkedHashMap<>();
  private final Map<String, CloudifyClient> clients = new LinkedHashMap<>();
  private final Map<String, CloudifyClient> opsClients = new LinkedHashMap<>();

  public Managers(List<ManagerConfig> managers) {
    for (ManagerConfig m : managers) {
      configs.put(m.name(), m);
      ManagerConnection c = connection(m);
      clients.put(m.name(), HttpCloudifyClient.create(c));
      opsClients.put(m.name(), HttpCloudifyClient.builder(c).retryPolicy(RetryPolicy.NONE).build());
    }
  }

  /** Maps configuration to a client connection; secrets are revealed only here. */
  public static ManagerConnection connection(ManagerConfig m) {
    Credentials creds =
        m.token() != null
            ? Credentials.token(m.token().reveal())
            : Credentials.basic(m.username(), m.password() == null ? "" : m.password().reveal());
    return new ManagerConnection(m.name(), m.url(), m.tenant(), creds, m.caCert(), m.trustAll(), m.connectTimeout(), m.readTimeout());
  }

  public Optional<CloudifyClient> client(String name) {
    return Optional.ofNullable(clients.get(name));
  }

  /** The client for operations and nightly runs: no retries inside a call. */
  public Optional<CloudifyClient> opsClient(String name) {
    return Optional.ofNullable(opsClients.get(name));
  }

  public Optional<ManagerConfig> config(String name) {
    return Optional.ofNullable(configs.get(name));
  }

  public List<String> names() {
    return List.copyOf(configs.keySet());
  }

  @Override
  public void close() {
    clients.values().forEach(CloudifyClient::close);
    opsClients.values().forEach(CloudifyClient::close);
  }
}
