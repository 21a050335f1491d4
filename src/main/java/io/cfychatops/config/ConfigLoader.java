package io.cfychatops.config;

import static io.cfychatops.json.Json.strings;
import static io.cfychatops.json.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfychatops.access.Grant;
import io.cfychatops.access.Role;
import io.cfychatops.approvals.ApprovalAction;
import io.cfychatops.cloudify.ManagerName;
import io.cfychatops.json.Json;
import io.cfychatops.offsite.LockMode;
import io.cfychatops.offsite.LockPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML config (path from {@code --config} or {@code CFY_CHATOPS_CONFIG}), applies
 * environment overrides and resolves secrets from {@code *_env} / {@code *_file} keys. Collects every
 * problem and throws one {@link ConfigException} listing them all.
 *
 * <p>With no file, a single manager may come from {@code CLOUDIFY_URL}, {@code CLOUDIFY_USERNAME},
 * {@code CLOUDIFY_PASSWORD} (or {@code CLOUDIFY_PASSWORD_FILE}), {@code CLOUDIFY_TENANT} and
 * {@code CLOUDIFY_CA_CERT}; {@code DATABASE_URL} overrides the store. {@code CFY_CHATOPS_ADMINS}
 * (comma-separated user ids) adds an {@code admin} grant on every manager, with or without a file.
 */
public final class ConfigLoader {
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,13})\\s*(MiB|GiB)?");
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._-]{1," + StoreConfig.MAX_INSTANCE_NAME + "}");

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
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
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
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
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
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
    checkKeys(root, "", Set.of("managers", "access", "approvals", "slack", "store", "backups", "operations"));
    List<ManagerConfig> managers = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    JsonNode ms = root.path("managers");
    if (ms.isArray()) {
      int i = 0;
      for (JsonNode m : ms) {
        ManagerConfig mc = manager(m, "managers[" + i++ + "]");
        if (mc != null) {
          if (!names.add(mc.name())) {
            problems.add("managers: the name `" + mc.name() + "` is used twice");
          }
          managers.add(mc);
        }
      }
    } else if (!ms.isMissingNode()) {
      problems.add("managers: must be a list");
    }
    String envUrl = env.get("CLOUDIFY_URL");
    if (envUrl != null && !envUrl.isBlank()) {
      if (managers.isEmpty()) {
        managers.add(envManager(envUrl));
      } else {
        problems.add("CLOUDIFY_URL is set but the config file already lists managers; use one or the other");
      }
    }
    if (managers.isEmpty()) {
      problems.add("no manager configured: list `managers:` in the config file or set CLOUDIFY_URL");
    }
    List<Grant> grants = grants(root.path("access"), names);
    bootstrapAdmins().ifPresent(grants::add);
    List<ApprovalRule> rules = approvals(root.path("approvals"), names);
    SlackConfig slack = slack(root.path("slack"));
    StoreConfig store = store(root.path("store"));
    BackupSettings backup = backup(root.path("backups"), store.dataDir());
    OperationSettings ops = ops(root.path("operations"));
    return new BotConfig(managers, grants, rules, slack, store, backup, ops);
  }

  private ManagerConfig manager(JsonNode m, String where) {
    checkKeys(m, where, Set.of("name", "url", "tenant", "username", "username_env", "password", "password_env", "password_file",
        "token_env", "token_file", "ca_cert", "trust_all", "connect_timeout", "read_timeout", "schedule", "cluster"));
    String name = text(m, "name");
    if (!ManagerName.isValid(name)) {
      problems.add(where + ".name: required, " + ManagerName.RULE + ", got `" + name + "`");
      name = name == null ? "?" : name;
    }
    String w = "managers." + name;
    URI url = url(text(m, "url"), w + ".url");
    String tenant = orDefault(text(m, "tenant"), ManagerConfig.DEFAULT_TENANT);
    String user = text(m, "username");
    if (user == null && text(m, "username_env") != null) {
      user = env.get(text(m, "username_env"));
    }
    if (m.has("password")) {
      problems.add(w + ".password: do not put passwords in the config file; use password_env or password_file");
    }
    Secret password = secret(m, "password", w);
    Secret token = secret(m, "token", w);
    if (token == null && (user == null || password == null)) {
      problems.add(w + ": credentials missing: give username with password_env/password_file, or token_env/token_file");
    }
    Path ca = null;
    if (text(m, "ca_cert") != null) {
      ca = Path.of(text(m, "ca_cert"));
      if (!Files.isReadable(ca)) {
        problems.add(w + ".ca_cert: file " + ca + " is not readable");
      }
    }
    boolean trustAll = m.path("trust_all").asBoolean(false);
    Duration connect = duration(m, "connect_timeout", ManagerConfig.DEFAULT_CONNECT_TIMEOUT, w);
    Duration read = duration(m, "read_timeout", ManagerConfig.DEFAULT_READ_TIMEOUT, w);
    return new ManagerConfig(name, url, tenant, user, password, token, ca, trustAll, connect, read,
        schedule(m.path("schedule"), w + ".schedule"), m.path("cluster").asBoolean(false));
  }

  private ManagerConfig envManager(String url) {
    Secret pw = Secret.of(env.get("CLOUDIFY_PASSWORD"));
    if (pw == null && env.get("CLOUDIFY_PASSWORD_FILE") != null) {
      pw = readSecretFile(env.get("CLOUDIFY_PASSWORD_FILE"), "CLOUDIFY_PASSWORD_FILE");
    }
    String user = orDefault(env.get("CLOUDIFY_USERNAME"), "admin");
    if (pw == null) {
      problems.add("CLOUDIFY_URL is set but CLOUDIFY_PASSWORD (or CLOUDIFY_PASSWORD_FILE) is not");
    }
    Path ca = env.get("CLOUDIFY_CA_CERT") == null ? null : Path.of(env.get("CLOUDIFY_CA_CERT"));
    if (ca != null && !Files.isReadable(ca)) {
      problems.add("CLOUDIFY_CA_CERT: file " + ca + " is not readable");
    }
    return new ManagerConfig("default", url(url, "CLOUDIFY_URL"),
        orDefault(env.get("CLOUDIFY_TENANT"), ManagerConfig.DEFAULT_TENANT), user, pw, null, ca, false,
        ManagerConfig.DEFAULT_CONNECT_TIMEOUT, ManagerConfig.DEFAULT_READ_TIMEOUT, ScheduleConfig.defaults(), false);
  }

  private Secret secret(JsonNode m, String base, String where) {
    String envName = text(m, base + "_env");
    String file = text(m, base + "_file");
    if (envName != null && file != null) {
      problems.add(where + ": give " + base + "_env or " + base + "_file, not both");
    }
    if (envName != null) {
      String v = env.get(envName);
      if (v == null || v.isEmpty()) {
        problems.add(where + "." + base + "_env: environment variable " + envName + " is not set");
        return null;
      }
      return Secret.of(v);
    }
    if (file != null) {
      return readSecretFile(file, where + "." + base + "_file");
    }
    return null;
  }

  private Secret readSecretFile(String file, String where) {
    try {
      return Secret.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      problems.add(where + ": cannot read " + file);
      return null;
    }
  }

  private ScheduleConfig schedule(JsonNode s, String where) {
    if (s.isMissingNode() || s.isNull()) {
      return ScheduleConfig.defaults();
    }
    checkKeys(s, where, Set.of("enabled", "cron", "zone", "jitter"));
    String cron = orDefault(text(s, "cron"), ScheduleConfig.DEFAULT_CRON);
    if (cron.trim().split("\\s+").length != 6) {
      problems.add(where + ".cron: expected 6 fields (sec min hour day month weekday), got `" + cron + "`");
    }
    ZoneId zone = ZoneId.systemDefault();
    if (text(s, "zone") != null) {
      try {
        zone = ZoneId.of(text(s, "zone"));
      } catch (RuntimeException e) {
        problems.add(where + ".zone: unknown time zone `" + text(s, "zone") + "`");
      }
    }
    return new ScheduleConfig(s.path("enabled").asBoolean(true), cron, zone, duration(s, "jitter", Duration.ZERO, where));
  }

  private RetentionConfig retention(JsonNode r, String where) {
    if (r.isMissingNode() || r.isNull()) {
      return RetentionConfig.none();
    }
    checkKeys(r, where, Set.of("keep_last", "daily", "weekly", "monthly"));
    return new RetentionConfig(count(r, "keep_last", where), count(r, "daily", where), count(r, "weekly", where),
        count(r, "monthly", where));
  }

  private int count(JsonNode n, String key, String where) {
    JsonNode v = n.path(key);
    if (v.isMissingNode()) {
      return 0;
    }
    if (!v.canConvertToInt() || v.asInt() < 0) {
      problems.add(where + "." + key + ": must be a whole number ≥ 0, got `" + v.asText() + "`");
      return 0;
    }
    return v.asInt();
  }

  private List<Grant> grants(JsonNode access, Set<String> managers) {
    List<Grant> out = new ArrayList<>();
    if (access.isMissingNode()) {
      return out;
    }
    checkKeys(access, "access", Set.of("grants"));
    int i = 0;
    for (JsonNode g : access.path("grants")) {
      String where = "access.grants[" + i++ + "]";
      checkKeys(g, where, Set.of("manager", "role", "users", "groups"));
      String manager = orDefault(text(g, "manager"), "*");
      if (!"*".equals(manager) && !managers.contains(manager)) {
        problems.add(where + ".manager: no manager named `" + manager + "`");
      }
      String label = text(g, "role");
      Role role = Role.tryParse(label).filter(r -> r.label().equals(label)).orElse(null);
      if (role == null) {
        problems.add(where + ".role: one of " + Role.labels() + " required, got `" + label + "`");
      }
      Set<String> users = strings(g.path("users"));
      Set<String> groups = strings(g.path("groups"));
      if (users.isEmpty() && groups.isEmpty()) {
        problems.add(where + ": grants the role to nobody (give users or groups)");
      }
      out.add(new Grant(manager, role == null ? Role.VIEWER : role, users, groups));
    }
    return out;
  }

  /**
   * {@code CFY_CHATOPS_ADMINS=U123,U456}: the first admins, admin on every manager, so a bot
   * configured from the environment alone has someone who can use it (and grant the rest). Adds to
   * any grants of the config file.
   */
  private java.util.Optional<Grant> bootstrapAdmins() {
    String raw = env.get("CFY_CHATOPS_ADMINS");
    if (raw == null || raw.isBlank()) {
      return java.util.Optional.empty();
    }
    Set<String> users = new LinkedHashSet<>();
    for (String part : raw.split(",")) {
      String id = part.strip();
      if (id.isEmpty()) {
        continue;
      }
      if (!USER_ID.matcher(id).matches()) {
        problems.add("CFY_CHATOPS_ADMINS: `" + id + "` is not a user id (letters, digits, `.`, `_` or `-`, max 64),"
            + " e.g. CFY_CHATOPS_ADMINS=U0123ABCD,U0456EFGH");
        continue;
      }
      users.add(id);
    }
    if (users.isEmpty()) {
      problems.add("CFY_CHATOPS_ADMINS is set but names no user id, e.g. CFY_CHATOPS_ADMINS=U0123ABCD");
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Grant("*", Role.ADMIN, users, Set.of()));
  }

  private List<ApprovalRule> approvals(JsonNode a, Set<String> managers) {
    List<ApprovalRule> out = new ArrayList<>();
    if (a.isMissingNode()) {
      return out;
    }
    checkKeys(a, "approvals", Set.of("defaults", "rules"));
    if (!a.path("defaults").isMissingNode()) {
      out.add(rule(a.path("defaults"), "approvals.defaults", "*", "*"));
    }
    int i = 0;
    for (JsonNode r : a.path("rules")) {
      String where = "approvals.rules[" + i++ + "]";
      String manager = orDefault(text(r, "manager"), "*");
      if (!"*".equals(manager) && !managers.contains(manager)) {
        problems.add(where + ".manager: no manager named `" + manager + "`");
      }
      String action = orDefault(text(r, "action"), "*");
      if (!ApprovalAction.ANY.equals(action) && ApprovalAction.fromConfigName(action).isEmpty()) {
        problems.add(where + ".action: one of " + ApprovalAction.configNames() + " or `" + ApprovalAction.ANY
            + "` expected, got `" + action + "`");
      }
      out.add(rule(r, where, manager, action));
    }
    return out;
  }

  private ApprovalRule rule(JsonNode r, String where, String manager, String action) {
    checkKeys(r, where, Set.of("manager", "action", "required", "required_votes", "approver_roles", "approver_groups",
        "expiry", "reason_required"));
    Integer votes = null;
    if (r.has("required_votes")) {
      votes = r.path("required_votes").asInt(-1);
      if (votes < 1 || votes > 10) {
        problems.add(where + ".required_votes: between 1 and 10, got `" + r.path("required_votes").asText() + "`");
      }
    }
    Set<Role> roles = null;
    if (r.has("approver_roles")) {
      roles = EnumSet.noneOf(Role.class);
      for (String label : strings(r.path("approver_roles"))) {
        Optional<Role> role = Role.tryParse(label).filter(x -> x.label().equals(label));
        if (role.isPresent()) {
          roles.add(role.get());
        } else {
          problems.add(where + ".approver_roles: unknown role `" + label + "`");
        }
      }
    }
    return new ApprovalRule(manager, action, r.has("required") ? r.path("required").asBoolean() : null, votes, roles,
        r.has("approver_groups") ? strings(r.path("approver_groups")) : null,
        r.has("expiry") ? duration(r, "expiry", null, where) : null,
        r.has("reason_required") ? r.path("reason_required").asBoolean() : null);
  }

  private SlackConfig slack(JsonNode s) {
    checkKeys(s, "slack", Set.of("incident_channel", "reports_channel", "oncall_group", "access_contact"));
    return new SlackConfig(text(s, "incident_channel"), text(s, "reports_channel"), text(s, "oncall_group"),
        orDefault(text(s, "access_contact"), "an admin of this bot"));
  }

  private StoreConfig store(JsonNode s) {
    checkKeys(s, "store", Set.of("url", "username", "password_env", "password_file", "data_dir", "instance_name"));
    String url = orDefault(env.get("DATABASE_URL"), text(s, "url"));
    if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:hsqldb:")) {
      problems.add("store.url / DATABASE_URL: expected jdbc:postgresql://… or jdbc:hsqldb:…, got `" + url + "`");
    }
    Path dataDir = Path.of(orDefault(env.get("CFY_CHATOPS_DATA"), orDefault(text(s, "data_dir"), "./data")));
    String instance = orDefault(env.get("CFY_CHATOPS_INSTANCE"), text(s, "instance_name"));
    if (instance != null && !INSTANCE.matcher(instance).matches()) {
      problems.add("store.instance_name / CFY_CHATOPS_INSTANCE: 1 to " + StoreConfig.MAX_INSTANCE_NAME
          + " letters, digits, `.`, `_` or `-`, got `" + instance + "`");
      instance = null;
    }
    return new StoreConfig(url, orDefault(env.get("DATABASE_USER"), text(s, "username")),
        orDefault(Secret.of(env.get("DATABASE_PASSWORD")), secret(s, "password", "store")), dataDir, instance);
  }

  private BackupSettings backup(JsonNode b, Path dataDir) {
    checkKeys(b, "backups", Set.of("archive_root", "dead_man_after", "parallelism", "retention", "tick", "offsite"));
    Path root = text(b, "archive_root") == null ? dataDir.resolve("archives") : Path.of(text(b, "archive_root"));
    int par = b.path("parallelism").asInt(8);
    if (par < 1 || par > 64) {
      problems.add("backups.parallelism: between 1 and 64, got " + par);
    }
    RetentionConfig retention =
        b.has("retention") ? retention(b.path("retention"), "backups.retention") : RetentionConfig.defaults();
    Duration tick = duration(b, "tick", BackupSettings.DEFAULT_TICK, "backups");
    if (tick.compareTo(BackupSettings.MIN_TICK) < 0 || tick.compareTo(BackupSettings.MAX_TICK) > 0) {
      problems.add("backups.tick: between 1s and 5m, got `" + text(b, "tick") + "`");
      tick = BackupSettings.DEFAULT_TICK;
    }
    return new BackupSettings(root, duration(b, "dead_man_after", BackupSettings.DEFAULT_DEAD_MAN_AFTER, "backups"), par, retention, tick,
        offsite(b.path("offsite")));
  }

  private OffsiteConfig offsite(JsonNode o) {
    String w = "backups.offsite";
    if (o.isMissingNode() || o.isNull()) {
      return null;
    }
    if (!o.isObject()) {
      problems.add(w + ": must be a map with at least `bucket` (see config.example.yml)");
      return null;
    }
    checkKeys(o, w, Set.of("endpoint", "region", "bucket", "prefix", "path_style", "access_key_env", "secret_key_env",
        "access_key_file", "secret_key_file", "object_lock", "checksums", "part_size", "connect_timeout", "read_timeout",
        "ca_cert"));
    for (String literal : List.of("access_key", "secret_key")) {
      if (o.has(literal)) {
        problems.add(w + "." + literal + ": do not put keys in the config file; use " + literal + "_env or " + literal + "_file");
      }
    }
    URI endpoint = null;
    boolean custom = text(o, "endpoint") != null;
    if (custom) {
      try {
        String e = text(o, "endpoint");
        endpoint = URI.create(e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
      } catch (IllegalArgumentException e) {
        problems.add(w + ".endpoint: not a URL: `" + text(o, "endpoint") + "`");
      }
    }
    String region = orDefault(text(o, "region"), custom ? OffsiteConfig.DEFAULT_REGION_CUSTOM_ENDPOINT : null);
    boolean pathStyle = custom;
    if (o.has("path_style")) {
      if (o.path("path_style").isBoolean()) {
        pathStyle = o.path("path_style").asBoolean();
      } else {
        problems.add(w + ".path_style: true or false, got `" + o.path("path_style").asText() + "`");
      }
    }
    OffsiteConfig.Checksums checksums = custom ? OffsiteConfig.Checksums.WHEN_REQUIRED : OffsiteConfig.Checksums.WHEN_SUPPORTED;
    if (text(o, "checksums") != null) {
      OffsiteConfig.Checksums c = OffsiteConfig.Checksums.parse(text(o, "checksums"));
      if (c == null) {
        problems.add(w + ".checksums: when_required or when_supported, got `" + text(o, "checksums") + "`");
      } else {
        checksums = c;
      }
    }
    OffsiteConfig cfg = new OffsiteConfig(endpoint, region, text(o, "bucket"), orDefault(text(o, "prefix"), OffsiteConfig.DEFAULT_PREFIX),
        pathStyle, secret(o, "access_key", w), secret(o, "secret_key", w), objectLock(o.path("object_lock"), w + ".object_lock"),
        checksums, size(o, "part_size", OffsiteConfig.DEFAULT_PART_SIZE, w),
        duration(o, "connect_timeout", OffsiteConfig.DEFAULT_CONNECT_TIMEOUT, w),
        duration(o, "read_timeout", OffsiteConfig.DEFAULT_READ_TIMEOUT, w),
        text(o, "ca_cert") == null ? null : Path.of(text(o, "ca_cert")));
    for (String p : cfg.problems()) {
      problems.add(w + "." + p);
    }
    return cfg;
  }

  private LockPolicy objectLock(JsonNode l, String where) {
    if (l.isMissingNode() || l.isNull()) {
      return null;
    }
    if (!l.isObject()) {
      problems.add(where + ": a map {mode: GOVERNANCE|COMPLIANCE, days: N}, got `" + l.asText() + "`");
      return null;
    }
    checkKeys(l, where, Set.of("mode", "days"));
    LockMode mode = LockMode.parse(text(l, "mode"));
    if (mode == null) {
      problems.add(where + ".mode: GOVERNANCE or COMPLIANCE, got `" + text(l, "mode") + "`");
    }
    JsonNode d = l.path("days");
    int days = d.canConvertToInt() && d.isIntegralNumber() ? d.asInt() : -1;
    if (days < 1 || days > LockPolicy.MAX_DAYS) {
      problems.add(where + ".days: a whole number of days between 1 and " + LockPolicy.MAX_DAYS + ", got `"
          + (d.isMissingNode() ? "nothing" : d.asText()) + "`");
    }
    return mode == null || days < 1 || days > LockPolicy.MAX_DAYS ? null : new LockPolicy(mode, days);
  }

  private long size(JsonNode n, String key, long dflt, String where) {
    String s = text(n, key);
    if (s == null) {
      return dflt;
    }
    Matcher m = SIZE.matcher(s.trim());
    if (!m.matches()) {
      problems.add(where + "." + key + ": a size like 64MiB or 1GiB (or bytes), got `" + s + "`");
      return dflt;
    }
    try {
      long v = Long.parseLong(m.group(1));
      return m.group(2) == null ? v : Math.multiplyExact(v, "MiB".equals(m.group(2)) ? 1L << 20 : 1L << 30);
    } catch (ArithmeticException e) {
      problems.add(where + "." + key + ": too large, got `" + s + "`");
      return dflt;
    }
  }

  private OperationSettings ops(JsonNode o) {
    checkKeys(o, "operations", Set.of("restore_timeout", "safety_snapshot", "maintenance_timeout", "progress_edit_interval"));
    OperationSettings d = OperationSettings.defaults();
    return new OperationSettings(duration(o, "restore_timeout", d.restoreTimeout(), "operations"),
        o.path("safety_snapshot").asBoolean(d.safetySnapshot()),
        duration(o, "maintenance_timeout", d.maintenanceTimeout(), "operations"),
        duration(o, "progress_edit_interval", d.progressEditInterval(), "operations"));
  }

  // --- helpers

  private void checkKeys(JsonNode n, String where, Set<String> allowed) {
    if (n == null || !n.isObject()) {
      return;
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        problems.add((where.isEmpty() ? "" : where + ".") + k + ": unknown key (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private URI url(String s, String where) {
    if (s == null) {
      problems.add(where + ": required (e.g. https://10.0.0.5)");
      return URI.create("http://invalid");
    }
    try {
      URI u = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        problems.add(where + ": must be an http(s) URL, got `" + s + "`");
      }
      if (u.getUserInfo() != null) {
        problems.add(where + ": must not carry credentials in the URL");
      }
      return u;
    } catch (IllegalArgumentException e) {
      problems.add(where + ": not a URL: `" + s + "`");
      return URI.create("http://invalid");
    }
  }

  private Duration duration(JsonNode n, String key, Duration dflt, String where) {
    String s = text(n, key);
    if (s == null) {
      return dflt;
    }
    Duration d = parseDuration(s);
    if (d == null) {
      problems.add(where + "." + key + ": expected a duration like 30s, 10m, 2h or 1d, got `" + s + "`");
      return dflt;
    }
    return d;
  }

  /** Parses {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}; null when malformed. */
  public static Duration parseDuration(String s) {
    Matcher m = DURATION.matcher(s.trim());
    if (!m.matches()) {
      return null;
    }
    long v = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(v);
      case "s" -> Duration.ofSeconds(v);
      case "m" -> Duration.ofMinutes(v);
      case "h" -> Duration.ofHours(v);
      default -> Duration.ofDays(v);
    };
  }

  private static <T> T orDefault(T v, T d) {
    return v == null ? d : v;
  }
}
