package io.cfychatops.ops;

import io.cfychatops.app.CloudifyManagerPort;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.cloudify.http.RetryPolicy;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.testing.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The simulator over real HTTP (loopback), the real client, and an engine driven by its clock. */
final class SimHarness implements AutoCloseable {
  final SettableClock clock = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
  final CloudifySimulator sim;
  final CloudifyClient client;
  final CountingApi counting;
  final Harness h;

  SimHarness(
      Path tmp, java.util.function.UnaryOperator<SimulatorConfig.Builder> cfg, OpsConfig ops) {
    sim =
        new CloudifySimulator(
            cfg.apply(SimulatorConfig.builder().clock(clock).storageDir(tmp.resolve("sim")))
                .build());
    try {
      sim.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client = newClient(sim);
    counting = new CountingApi(new CloudifyManagerPort(name -> client));
    h = new Harness(counting.api, ops, clock, clock::set);
  }

  static CloudifyClient newClient(CloudifySimulator sim) {
    return HttpCloudifyClient.builder(
            ManagerConnection.of(
                    "prod",
                    URI.create(sim.baseUrl()),
                    SimulatorConfig.DEFAULT_TENANT,
                    Credentials.basic(
                        SimulatorConfig.DEFAULT_USER, SimulatorConfig.DEFAULT_PASSWORD))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))
        .retryPolicy(RetryPolicy.NONE)
        .build();
  }

  String maintenance() {
    return client.getMaintenance().status().name().toLowerCase();
  }

  @Override
  public void close() {
    client.close();
    sim.stop();
  }
}
