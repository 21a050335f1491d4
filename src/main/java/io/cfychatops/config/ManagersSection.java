package io.cfychatops.config;

import static io.cfychatops.config.ConfigValues.orDefault;
import static io.cfychatops.json.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.cloudify.ManagerName;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code managers:} (name, URL, tenant, credentials from the environment or files, CA, timeouts,
 * nightly schedule), or the one manager of {@code CLOUDIFY_URL} and its {@code CLOUDIFY_*}
 * variables when the file lists none.
 */
final class ManagersSection {
  private final ConfigValues v;

  ManagersSection(ConfigValues v) {
    this.v = v;
  }

  /**
   * The managers of {@code ms} ({@code managers:}) or of {@code CLOUDIFY_URL}; {@code names} gets
   * the names the file lists (what grants and approval rules may refer to).
   */
  List<ManagerConfig> read(JsonNode ms, Set<String> names) {
    List<ManagerConfig> managers = new ArrayList<>();
    if (ms.isArray()) {
      int i = 0;
      for (JsonNode m : ms) {
        ManagerConfig mc = manager(m, "managers[" + i++ + "]");
        if (mc != null) {
          if (!names.add(mc.name())) {
            v.problem("managers: the name `" + mc.name() + "` is used twice");
          }
          managers.add(mc);
        }
      }
    } else if (!ms.isMissingNode()) {
      v.problem("managers: must be a list");
    }
    String envUrl = v.env("CLOUDIFY_URL");
    if (envUrl != null && !envUrl.isBlank()) {
      if (managers.isEmpty()) {
        managers.add(envManager(envUrl));
      } else {
        v.problem(
            "CLOUDIFY_URL is set but the config file already lists managers; use one or the other");
      }
    }
    drillTargets(managers);
    if (managers.isEmpty()) {
      v.problem("no manager configured: list `managers:` in the config file or set CLOUDIFY_URL");
    }
    return managers;
  }

  private ManagerConfig manager(JsonNode m, String where) {
    v.checkKeys(
        m,
        where,
        Set.of(
            "name",
            "url",
            "tenant",
            "username",
            "username_env",
            "password",
            "password_env",
            "password_file",
            "token_env",
            "token_file",
            "ca_cert",
            "trust_all",
            "connect_timeout",
            "read_timeout",
            "schedule",
            "cluster",
            "production",
            "scratch",
            "drill"));
    String name = text(m, "name");
    if (!ManagerName.isValid(name)) {
      v.problem(where + ".name: required, " + ManagerName.RULE + ", got `" + name + "`");
      name = name == null ? "?" : name;
    }
    String w = "managers." + name;
    URI url = v.url(text(m, "url"), w + ".url");
    String tenant = orDefault(text(m, "tenant"), ManagerConfig.DEFAULT_TENANT);
    String user = text(m, "username");
    if (user == null && text(m, "username_env") != null) {
      user = v.env(text(m, "username_env"));
    }
    if (m.has("password")) {
      v.problem(
          w
              + ".password: do not put passwords in the config file; use password_env or password_file");
    }
    Secret password = v.secret(m, "password", w);
    Secret token = v.secret(m, "token", w);
    if (token == null && (user == null || password == null)) {
      v.problem(
          w
              + ": credentials missing: give username with password_env/password_file, or token_env/token_file");
    }
    Path ca = null;
    if (text(m, "ca_cert") != null) {
      ca = Path.of(text(m, "ca_cert"));
      if (!Files.isReadable(ca)) {
        v.problem(w + ".ca_cert: file " + ca + " is not readable");
      }
    }
    boolean trustAll = m.path("trust_all").asBoolean(false);
    Duration connect = v.duration(m, "connect_timeout", ManagerConfig.DEFAULT_CONNECT_TIMEOUT, w);
    Duration read = v.duration(m, "read_timeout", ManagerConfig.DEFAULT_READ_TIMEOUT, w);
    return new ManagerConfig(
        name,
        url,
        tenant,
        user,
        password,
        token,
        ca,
        trustAll,
        connect,
        read,
        schedule(m.path("schedule"), w + ".schedule"),
        m.path("cluster").asBoolean(false),
        m.path("production").asBoolean(false),
        m.path("scratch").asBoolean(false),
        DrillSection.read(v, m.path("drill"), w + ".drill"));
  }

  private ManagerConfig envManager(String url) {
    Secret pw = Secret.of(v.env("CLOUDIFY_PASSWORD"));
    if (pw == null && v.env("CLOUDIFY_PASSWORD_FILE") != null) {
      pw = v.readSecretFile(v.env("CLOUDIFY_PASSWORD_FILE"), "CLOUDIFY_PASSWORD_FILE");
    }
    String user = orDefault(v.env("CLOUDIFY_USERNAME"), "admin");
    if (pw == null) {
      v.problem("CLOUDIFY_URL is set but CLOUDIFY_PASSWORD (or CLOUDIFY_PASSWORD_FILE) is not");
    }
    Path ca = v.env("CLOUDIFY_CA_CERT") == null ? null : Path.of(v.env("CLOUDIFY_CA_CERT"));
    if (ca != null && !Files.isReadable(ca)) {
      v.problem("CLOUDIFY_CA_CERT: file " + ca + " is not readable");
    }
    return new ManagerConfig(
        "default",
        v.url(url, "CLOUDIFY_URL"),
        orDefault(v.env("CLOUDIFY_TENANT"), ManagerConfig.DEFAULT_TENANT),
        user,
        pw,
        null,
        ca,
        false,
        ManagerConfig.DEFAULT_CONNECT_TIMEOUT,
        ManagerConfig.DEFAULT_READ_TIMEOUT,
        ScheduleConfig.defaults(),
        false,
        false,
        false,
        null);
  }

  /**
   * A drill restores onto a scratch manager only: its target is a listed manager marked {@code
   * scratch: true}, never the manager itself.
   */
  private void drillTargets(List<ManagerConfig> managers) {
    for (ManagerConfig m : managers) {
      DrillConfig d = m.drill();
      if (d == null) {
        continue;
      }
      String w = "managers." + m.name() + ".drill.target";
      ManagerConfig t =
          managers.stream().filter(x -> x.name().equals(d.target())).findFirst().orElse(null);
      if (t == null) {
        v.problem(w + ": no manager is named `" + d.target() + "`");
      } else if (t.name().equals(m.name())) {
        v.problem(w + ": a drill restores onto another (scratch) manager, never onto itself");
      } else if (!t.scratch()) {
        v.problem(
            w
                + ": `"
                + d.target()
                + "` is not marked `scratch: true`; a drill replaces the target's contents and"
                + " only ever runs on a scratch manager");
      }
    }
  }

  private ScheduleConfig schedule(JsonNode s, String where) {
    if (s.isMissingNode() || s.isNull()) {
      return ScheduleConfig.defaults();
    }
    v.checkKeys(s, where, Set.of("enabled", "cron", "zone", "jitter"));
    String cron = orDefault(text(s, "cron"), ScheduleConfig.DEFAULT_CRON);
    if (cron.trim().split("\\s+").length != 6) {
      v.problem(
          where + ".cron: expected 6 fields (sec min hour day month weekday), got `" + cron + "`");
    }
    ZoneId zone = ZoneId.systemDefault();
    if (text(s, "zone") != null) {
      try {
        zone = ZoneId.of(text(s, "zone"));
      } catch (RuntimeException e) {
        v.problem(where + ".zone: unknown time zone `" + text(s, "zone") + "`");
      }
    }
    return new ScheduleConfig(
        s.path("enabled").asBoolean(true),
        cron,
        zone,
        v.duration(s, "jitter", Duration.ZERO, where));
  }
}
