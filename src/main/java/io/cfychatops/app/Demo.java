package io.cfychatops.app;

import io.cfychatops.config.BotConfig;
import io.cfychatops.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;

/**
 * The built-in demo set-up for {@code console --simulator}: one manager named {@code default}
 * pointing at the in-process simulator, a second simulator named {@code scratch} ({@code scratch:
 * true}) that {@code default}'s restore drill restores onto ({@code /cfy drills run} after a {@code
 * /cfy backups run}), and a demo policy — {@code alice} is an operator, {@code bob} and {@code
 * carol} are approvers, {@code dave} has no role, and destructive actions need one approval.
 */
final class Demo {
  static final String PASSWORD_ENV = "CFY_DEMO_PASSWORD";

  private Demo() {}

  static BotConfig config(String simulatorUrl, String scratchUrl, Path dataDir) {
    String yaml =
        """
        managers:
          - name: default
            url: %s
            tenant: default_tenant
            username: admin
            password_env: %s
            drill: { target: scratch, pick: latest, timeout: 30m, max_age: 14d }
          - name: scratch
            url: %s
            tenant: default_tenant
            username: admin
            password_env: %s
            scratch: true
        access:
          grants:
            - { manager: "*", role: operator, users: [alice] }
            - { manager: "*", role: approver, users: [bob, carol] }
        approvals:
          defaults: { required_votes: 1, expiry: 30m }
        slack:
          incident_channel: console
          reports_channel: console
          access_contact: "an admin (demo policy: alice operates, bob and carol approve)"
        store:
          data_dir: "%s"
        backups:
          archive_root: "%s"
        operations:
          progress_edit_interval: 1s
        """
            .formatted(
                simulatorUrl,
                PASSWORD_ENV,
                scratchUrl,
                PASSWORD_ENV,
                dataDir.toAbsolutePath(),
                dataDir.resolve("archives").toAbsolutePath());
    return new ConfigLoader(Map.of(PASSWORD_ENV, "admin")).loadText(yaml);
  }
}
