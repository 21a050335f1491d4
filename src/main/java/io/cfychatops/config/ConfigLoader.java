package io.cfychatops.config;

import static io.cfychatops.config.ConfigValues.orDefault;
import static io.cfychatops.json.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfychatops.access.Grant;
import io.cfychatops.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML config (path from {@code --config} or {@code CFY_CHATOPS_CONFIG}), applies
 * environment overrides and resolves secrets from {@code *_env} / {@code *_file} keys. Collects
 * every problem and throws one {@link ConfigException} listing them all.
 *
 * <p>With no file, a single manager may come from {@code CLOUDIFY_URL}, {@code CLOUDIFY_USERNAME},
 * {@code CLOUDIFY_PASSWORD} (or {@code CLOUDIFY_PASSWORD_FILE}), {@code CLOUDIFY_TENANT} and {@code
 * CLOUDIFY_CA_CERT}; {@code DATABASE_URL} overrides the store. {@code CFY_CHATOPS_ADMINS}
 * (comma-separated user ids) adds an {@code admin} grant on every manager, with or without a file.
 *
 * <p>One class per section ({@link ManagersSection}, {@link AccessSection}, {@link BackupsSection};
 * {@code slack}, {@code store} and {@code operations} are short and read here), all reading through
 * one {@link ConfigValues}, which holds the environment and the problems found.
 */
public final class ConfigLoader {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern INSTANCE =
      Pattern.compile("[A-Za-z0-9._-]{1," + StoreConfig.MAX_INSTANCE_NAME + "}");

  private final ConfigValues v;
  private final ManagersSection managersSection;
  private final AccessSection accessSection;
  private final BackupsSection backupsSection;

  public ConfigLoader(Map<String, String> env) {
    this.v = new ConfigValues(env);
    this.managersSection = new ManagersSection(v);
    this.accessSection = new AccessSection(v);
    this.backupsSection = new BackupsSection(v);
  }

  /** Loads {@code file} (may be null: environment only). */
  public BotConfig load(Path file) {
    JsonNode root;
    try {
      root = readYaml(file);
    } catch (IOException e) {
      throw new ConfigException(List.of("cannot read config file " + file + ": " + e.getMessage()));
    }
    BotConfig cfg = parse(root);
    if (!v.problems().isEmpty()) {
      throw new ConfigException(v.problems());
    }
    return cfg;
  }

  /** Parses YAML text (for tests and the built-in demo config). */
  public BotConfig loadText(String yaml) {
    JsonNode root;
    try {
      root = Json.yaml().readTree(yaml);
    } catch (IOException e) {
      throw new ConfigException(List.of("config is not valid YAML: " + e.getMessage()));
    }
    BotConfig cfg = parse(root == null ? Json.object() : root);
    if (!v.problems().isEmpty()) {
      throw new ConfigException(v.problems());
    }
    return cfg;
  }

  private static JsonNode readYaml(Path file) throws IOException {
    ObjectMapper yaml = Json.yaml();
    if (file == null) {
      return yaml.createObjectNode();
    }
    JsonNode n = yaml.readTree(Files.readString(file, StandardCharsets.UTF_8));
    return n == null ? yaml.createObjectNode() : n;
  }

  private BotConfig parse(JsonNode root) {
    v.checkKeys(
        root,
        "",
        Set.of("managers", "access", "approvals", "slack", "store", "backups", "operations"));
    Set<String> names = new LinkedHashSet<>();
    List<ManagerConfig> managers = managersSection.read(root.path("managers"), names);
    List<Grant> grants = accessSection.grants(root.path("access"), names);
    accessSection.bootstrapAdmins().ifPresent(grants::add);
    List<ApprovalRule> rules = accessSection.approvals(root.path("approvals"), names);
    SlackConfig slack = slack(root.path("slack"));
    StoreConfig store = store(root.path("store"));
    BackupSettings backup = backupsSection.backup(root.path("backups"), store.dataDir());
    OperationSettings ops = ops(root.path("operations"));
    return new BotConfig(managers, grants, rules, slack, store, backup, ops);
  }

  private SlackConfig slack(JsonNode s) {
    v.checkKeys(
        s,
        "slack",
        Set.of("incident_channel", "reports_channel", "oncall_group", "access_contact"));
    return new SlackConfig(
        text(s, "incident_channel"),
        text(s, "reports_channel"),
        text(s, "oncall_group"),
        orDefault(text(s, "access_contact"), "an admin of this bot"));
  }

  private StoreConfig store(JsonNode s) {
    v.checkKeys(
        s,
        "store",
        Set.of("url", "username", "password_env", "password_file", "data_dir", "instance_name"));
    String url = orDefault(v.env("DATABASE_URL"), text(s, "url"));
    if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:hsqldb:")) {
      v.problem(
          "store.url / DATABASE_URL: expected jdbc:postgresql://… or jdbc:hsqldb:…, got `"
              + url
              + "`");
    }
    Path dataDir =
        Path.of(orDefault(v.env("CFY_CHATOPS_DATA"), orDefault(text(s, "data_dir"), "./data")));
    String instance = orDefault(v.env("CFY_CHATOPS_INSTANCE"), text(s, "instance_name"));
    if (instance != null && !INSTANCE.matcher(instance).matches()) {
      v.problem(
          "store.instance_name / CFY_CHATOPS_INSTANCE: 1 to "
              + StoreConfig.MAX_INSTANCE_NAME
              + " letters, digits, `.`, `_` or `-`, got `"
              + instance
              + "`");
      instance = null;
    }
    return new StoreConfig(
        url,
        orDefault(v.env("DATABASE_USER"), text(s, "username")),
        orDefault(Secret.of(v.env("DATABASE_PASSWORD")), v.secret(s, "password", "store")),
        dataDir,
        instance);
  }

  private OperationSettings ops(JsonNode o) {
    v.checkKeys(
        o,
        "operations",
        Set.of(
            "restore_timeout", "safety_snapshot", "maintenance_timeout", "progress_edit_interval"));
    OperationSettings d = OperationSettings.defaults();
    return new OperationSettings(
        v.duration(o, "restore_timeout", d.restoreTimeout(), "operations"),
        o.path("safety_snapshot").asBoolean(d.safetySnapshot()),
        v.duration(o, "maintenance_timeout", d.maintenanceTimeout(), "operations"),
        v.duration(o, "progress_edit_interval", d.progressEditInterval(), "operations"));
  }

  /**
   * Parses {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}; null when malformed.
   */
  public static Duration parseDuration(String s) {
    Matcher m = DURATION.matcher(s.trim());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
