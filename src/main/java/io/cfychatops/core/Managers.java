package io.cfychatops.core;

import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.config.ManagerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The managers registry: one {@link CloudifyClient} per configured manager, built once. Clients
 * are thread-safe and shared by commands, operations and the nightly run.
 */
public final class Managers implements AutoCloseable {
  private final Map<String, ManagerConfig> configs = new LinkedHashMap<>();
  private final Map<String, CloudifyClient> clients = new LinkedHashMap<>();

  public Managers(List<ManagerConfig> managers, Function<ManagerConnection, CloudifyClient> factory) {
    for (ManagerConfig m : managers) {
      configs.put(m.name(), m);
      clients.put(m.name(), factory.apply(connection(m)));
    }
  }

  public Managers(List<ManagerConfig> managers) {
    this(managers, CloudifyClient::create);
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

  public Optional<ManagerConfig> config(String name) {
    return Optional.ofNullable(configs.get(name));
  }

  public List<String> names() {
    return List.copyOf(configs.keySet());
  }

  @Override
  public void close() {
    clients.values().forEach(CloudifyClient::close);
  }
}
