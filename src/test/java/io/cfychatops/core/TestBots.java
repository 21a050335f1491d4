package io.cfychatops.core;

import io.cfychatops.config.BotConfig;
import io.cfychatops.config.ConfigLoader;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ClusterScenario;
import io.cfychatops.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Shared set-up for the end-to-end tests: a fast simulator and a bot config pointing at it. */
public final class TestBots {
  /** The manager password; it must never show up in chat. */
  public static final String MANAGER_PASSWORD = "e2e-Mgr-pa55w0rd-7731";

  public static final String PASSWORD_ENV = "E2E_CFY_PASSWORD";

  private TestBots() {}

  /** A started single-node simulator with sub-second executions. */
  public static CloudifySimulator fastSimulator() throws IOException {
    CloudifySimulator sim =
        new CloudifySimulator(
            SimulatorConfig.builder()
                .port(0)
                .password(MANAGER_PASSWORD)
                .clusterScenario(ClusterScenario.SINGLE_NODE)
                .pendingDuration(Duration.ofMillis(100))
                .runDuration(Duration.ofMillis(300))
                .restoreRunDuration(Duration.ofMillis(600))
                .outageDelay(Duration.ofMillis(100))
                .outageDuration(Duration.ofMillis(300))
                .postRestoreDelay(Duration.ofMillis(200))
                .build());
    sim.start();
    return sim;
  }

  /**
   * A config with managers {@code default} (and {@code staging}) at {@code managerUrl}; {@code
   * grantsYaml} is the list under {@code access.grants}; {@code storeYaml} the {@code store:} body.
   */
  public static BotConfig config(
      String managerUrl, String grantsYaml, String storeYaml, Path archives, boolean twoManagers) {
    return config(managerUrl, grantsYaml, storeYaml, archives, twoManagers, Map.of());
  }

  /** As above, with extra environment variables for the config (e.g. a store password). */
  public static BotConfig config(
      String managerUrl,
      String grantsYaml,
      String storeYaml,
      Path archives,
      boolean twoManagers,
      Map<String, String> extraEnv) {
    String second =
        twoManagers
            ? """
          - name: staging
            url: %s
            tenant: default_tenant
            username: admin
            password_env: %s
        """
                .formatted(managerUrl, PASSWORD_ENV)
            : "";
    String yaml =
        """
        managers:
          - name: default
            url: %s
            tenant: default_tenant
            username: admin
            password_env: %s
        %s
        access:
          grants:
        %s
        approvals:
          defaults: { required_votes: 1, expiry: 30m }
        slack:
          access_contact: "the platform team (#platform)"
        store:
        %s
        backups:
          archive_root: "%s"
        operations:
          progress_edit_interval: 1s
        """
            .formatted(
                managerUrl, PASSWORD_ENV, second, grantsYaml, storeYaml, archives.toAbsolutePath());
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put(PASSWORD_ENV, MANAGER_PASSWORD);
    return new ConfigLoader(env).loadText(yaml);
  }
}
