package io.cfychatops.config;

import static io.cfychatops.config.ConfigValues.orDefault;
import static io.cfychatops.json.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.offsite.LockMode;
import io.cfychatops.offsite.LockPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code backups:} archive root, dead-man delay, parallelism, tick, retention and {@code offsite}.
 */
final class BackupsSection {
  private final ConfigValues v;

  BackupsSection(ConfigValues v) {
    this.v = v;
  }

  BackupSettings backup(JsonNode b, Path dataDir) {
    v.checkKeys(
        b,
        "backups",
        Set.of("archive_root", "dead_man_after", "parallelism", "retention", "tick", "offsite"));
    Path root =
        text(b, "archive_root") == null
            ? dataDir.resolve("archives")
            : Path.of(text(b, "archive_root"));
    int par = b.path("parallelism").asInt(8);
    if (par < 1 || par > 64) {
      v.problem("backups.parallelism: between 1 and 64, got " + par);
    }
    RetentionConfig retention =
        b.has("retention")
            ? retention(b.path("retention"), "backups.retention")
            : RetentionConfig.defaults();
    Duration tick = v.duration(b, "tick", BackupSettings.DEFAULT_TICK, "backups");
    if (tick.compareTo(BackupSettings.MIN_TICK) < 0
        || tick.compareTo(BackupSettings.MAX_TICK) > 0) {
      v.problem("backups.tick: between 1s and 5m, got `" + text(b, "tick") + "`");
      tick = BackupSettings.DEFAULT_TICK;
    }
    return new BackupSettings(
        root,
        v.duration(b, "dead_man_after", BackupSettings.DEFAULT_DEAD_MAN_AFTER, "backups"),
        par,
        retention,
        tick,
        offsite(b.path("offsite")));
  }

  private RetentionConfig retention(JsonNode r, String where) {
    if (r.isMissingNode() || r.isNull()) {
      return RetentionConfig.none();
    }
    v.checkKeys(r, where, Set.of("keep_last", "daily", "weekly", "monthly"));
    return new RetentionConfig(
        v.count(r, "keep_last", where),
        v.count(r, "daily", where),
        v.count(r, "weekly", where),
        v.count(r, "monthly", where));
  }

  private OffsiteConfig offsite(JsonNode o) {
    String w = "backups.offsite";
    if (o.isMissingNode() || o.isNull()) {
      return null;
    }
    if (!o.isObject()) {
      v.problem(w + ": must be a map with at least `bucket` (see config.example.yml)");
      return null;
    }
    v.checkKeys(
        o,
        w,
        Set.of(
            "endpoint",
            "region",
            "bucket",
            "prefix",
            "path_style",
            "access_key_env",
            "secret_key_env",
            "access_key_file",
            "secret_key_file",
            "object_lock",
            "checksums",
            "part_size",
            "connect_timeout",
            "read_timeout",
            "ca_cert"));
    for (String literal : List.of("access_key", "secret_key")) {
      if (o.has(literal)) {
        v.problem(
            w
                + "."
                + literal
                + ": do not put keys in the config file; use "
                + literal
                + "_env or "
                + literal
                + "_file");
      }
    }
    URI endpoint = null;
    boolean custom = text(o, "endpoint") != null;
    if (custom) {
      try {
        String e = text(o, "endpoint");
        endpoint = URI.create(e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
      } catch (IllegalArgumentException e) {
        v.problem(w + ".endpoint: not a URL: `" + text(o, "endpoint") + "`");
      }
    }
    String region =
        orDefault(text(o, "region"), custom ? OffsiteConfig.DEFAULT_REGION_CUSTOM_ENDPOINT : null);
    boolean pathStyle = custom;
    if (o.has("path_style")) {
      if (o.path("path_style").isBoolean()) {
        pathStyle = o.path("path_style").asBoolean();
      } else {
        v.problem(w + ".path_style: true or false, got `" + o.path("path_style").asText() + "`");
      }
    }
    OffsiteConfig.Checksums checksums =
        custom ? OffsiteConfig.Checksums.WHEN_REQUIRED : OffsiteConfig.Checksums.WHEN_SUPPORTED;
    if (text(o, "checksums") != null) {
      OffsiteConfig.Checksums c = OffsiteConfig.Checksums.parse(text(o, "checksums"));
      if (c == null) {
        v.problem(
            w + ".checksums: when_required or when_supported, got `" + text(o, "checksums") + "`");
      } else {
        checksums = c;
      }
    }
    OffsiteConfig cfg =
        new OffsiteConfig(
            endpoint,
            region,
            text(o, "bucket"),
            orDefault(text(o, "prefix"), OffsiteConfig.DEFAULT_PREFIX),
            pathStyle,
            v.secret(o, "access_key", w),
            v.secret(o, "secret_key", w),
            objectLock(o.path("object_lock"), w + ".object_lock"),
            checksums,
            v.size(o, "part_size", OffsiteConfig.DEFAULT_PART_SIZE, w),
            v.duration(o, "connect_timeout", OffsiteConfig.DEFAULT_CONNECT_TIMEOUT, w),
            v.duration(o, "read_timeout", OffsiteConfig.DEFAULT_READ_TIMEOUT, w),
            text(o, "ca_cert") == null ? null : Path.of(text(o, "ca_cert")));
    for (String p : cfg.problems()) {
      v.problem(w + "." + p);
    }
    return cfg;
  }

  private LockPolicy objectLock(JsonNode l, String where) {
    if (l.isMissingNode() || l.isNull()) {
      return null;
    }
    if (!l.isObject()) {
      v.problem(where + ": a map {mode: GOVERNANCE|COMPLIANCE, days: N}, got `" + l.asText() + "`");
      return null;
    }
    v.checkKeys(l, where, Set.of("mode", "days"));
    LockMode mode = LockMode.parse(text(l, "mode"));
    if (mode == null) {
      v.problem(where + ".mode: GOVERNANCE or COMPLIANCE, got `" + text(l, "mode") + "`");
    }
    JsonNode d = l.path("days");
    int days = d.canConvertToInt() && d.isIntegralNumber() ? d.asInt() : -1;
    if (days < 1 || days > LockPolicy.MAX_DAYS) {
      v.problem(
          where
              + ".days: a whole number of days between 1 and "
              + LockPolicy.MAX_DAYS
              + ", got `"
              + (d.isMissingNode() ? "nothing" : d.asText())
              + "`");
    }
    return mode == null || days < 1 || days > LockPolicy.MAX_DAYS
        ? null
        : new LockPolicy(mode, days);
  }
}
