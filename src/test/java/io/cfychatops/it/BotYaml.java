package io.cfychatops.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The config file an acceptance case gives the bot, in the format README documents. Defaults:
 * {@link Users#ALICE} operates, {@link Users#BOB} and {@link Users#CAROL} approve, one vote within
 * 30 minutes, reports to {@link #REPORTS}, embedded store under the case's directory.
 */
final class BotYaml {
  /**
   * A cron that names no instant between 2016 and 2044 (29 February on a Monday): no nightly run
   * during a test.
   */
  static final String NEVER_DURING_TESTS = "0 0 0 29 2 MON";

  static final String REPORTS = "C0REPORTS";
  static final String ONCALL = "S0ONCALL";

  private record Manager(String name, String url, String cron) {}

  private final List<Manager> managers = new ArrayList<>();
  private final List<String> approvalRules = new ArrayList<>();
  private final java.util.Map<String, String> extras = new java.util.HashMap<>();
  private String store;
  private Path archiveRoot;
  private String deadManAfter = "26h";
  private String offsite;

  private BotYaml() {}

  /** An embedded-store bot; data and archives under {@code dir}. */
  static BotYaml embedded(Path dir) {
    BotYaml y = new BotYaml();
    y.store = "  data_dir: \"" + dir.resolve("data").toAbsolutePath() + "\"";
    y.archiveRoot = dir.resolve("archives").toAbsolutePath();
    return y;
  }

  /** A PostgreSQL-store bot (trust auth; the schema is in the URL); archives under {@code dir}. */
  static BotYaml postgres(Path dir, String jdbcUrl, String user) {
    BotYaml y = new BotYaml();
    y.store = "  url: \"" + jdbcUrl + "\"\n  username: " + user;
    y.archiveRoot = dir.resolve("archives").toAbsolutePath();
    return y;
  }

  /** A manager whose nightly never falls due during a test. */
  BotYaml manager(String name, String url) {
    return manager(name, url, NEVER_DURING_TESTS);
  }

  BotYaml manager(String name, String url, String cron) {
    managers.add(new Manager(name, url, cron));
    return this;
  }

  /** One entry of {@code approvals.rules}, as a YAML flow map. */
  BotYaml approvalRule(String flowMap) {
    approvalRules.add(flowMap);
    return this;
  }

  /** Extra keys of manager {@code name}, as YAML lines indented under it (e.g. a drill). */
  BotYaml extra(String name, String yamlLines) {
    extras.merge(name, yamlLines, (a, b) -> a + b);
    return this;
  }

  BotYaml deadManAfter(String duration) {
    deadManAfter = duration;
    return this;
  }

  /** {@code backups.offsite}: the lines under it, indented by four spaces. */
  BotYaml offsite(String lines) {
    offsite = lines;
    return this;
  }

  String yaml() {
    StringBuilder sb = new StringBuilder("managers:\n");
    for (Manager m : managers) {
      sb.append("  - name: ")
          .append(m.name())
          .append('\n')
          .append("    url: ")
          .append(m.url())
          .append('\n')
          .append("    tenant: default_tenant\n")
          .append("    username: admin\n")
          .append("    password_env: ")
          .append(BotProcess.PASSWORD_ENV)
          .append('\n')
          .append("    connect_timeout: 2s\n")
          .append("    read_timeout: 15s\n")
          .append("    schedule: { cron: \"")
          .append(m.cron())
          .append("\", zone: UTC }\n")
          .append(extras.getOrDefault(m.name(), ""));
    }
    sb.append(
        """
        access:
          grants:
            - { manager: "*", role: operator, users: [%s] }
            - { manager: "*", role: approver, users: [%s, %s] }
        approvals:
          defaults: { required_votes: 1, expiry: 30m }
        """
            .formatted(Users.ALICE, Users.BOB, Users.CAROL));
    if (!approvalRules.isEmpty()) {
      sb.append("  rules:\n");
      approvalRules.forEach(r -> sb.append("    - ").append(r).append('\n'));
    }
    sb.append(
        """
        slack:
          reports_channel: %s
          oncall_group: %s
          access_contact: "#platform"
        store:
        %s
        backups:
          archive_root: "%s"
          dead_man_after: %s
        operations:
          progress_edit_interval: 1s
        """
            .formatted(REPORTS, ONCALL, store, archiveRoot, deadManAfter));
    if (offsite != null) {
      int at = sb.indexOf("operations:\n");
      sb.insert(at, "  offsite:\n" + offsite.stripTrailing() + "\n");
    }
    return sb.toString();
  }

  Path writeTo(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, yaml(), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Slack user ids of the cases. */
  static final class Users {
    static final String ALICE = "U0ALICE";
    static final String BOB = "U0BOB";
    static final String CAROL = "U0CAROL";
    static final String DAVE = "U0DAVE";

    private Users() {}
  }
}
