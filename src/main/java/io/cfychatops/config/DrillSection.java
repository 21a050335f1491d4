package io.cfychatops.config;

import static io.cfychatops.json.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import io.cfychatops.cloudify.ManagerName;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code managers[].drill}: {@code {cron, zone, target, pick: latest | random_within: 7d, timeout,
 * max_age}}. Whether the target is a scratch manager is checked once every manager is read ({@link
 * ManagersSection}).
 */
final class DrillSection {
  private DrillSection() {}

  static @Nullable DrillConfig read(ConfigValues v, JsonNode d, String where) {
    if (d.isMissingNode() || d.isNull()) {
      return null;
    }
    if (!d.isObject()) {
      v.problem(where + ": must be a mapping with at least `target`");
      return null;
    }
    v.checkKeys(d, where, Set.of("cron", "zone", "target", "pick", "timeout", "max_age"));
    String target = text(d, "target");
    if (target == null || !ManagerName.isValid(target)) {
      v.problem(where + ".target: required, the name of a `scratch: true` manager");
      target = target == null ? "?" : target;
    }
    String cron = text(d, "cron");
    ZoneId zone = ZoneId.systemDefault();
    if (text(d, "zone") != null) {
      try {
        zone = ZoneId.of(text(d, "zone"));
      } catch (RuntimeException e) {
        v.problem(where + ".zone: unknown time zone `" + text(d, "zone") + "`");
      }
    }
    if (cron != null) {
      if (cron.trim().split("\\s+").length != 6) {
        v.problem(
            where
                + ".cron: expected 6 fields (sec min hour day month weekday), got `"
                + cron
                + "`");
      } else {
        try {
          new CronSchedule(cron.strip(), zone);
        } catch (RuntimeException e) {
          v.problem(where + ".cron: `" + cron + "` is not a valid cron expression");
        }
      }
    }
    DrillConfig.Pick pick = DrillConfig.Pick.LATEST;
    Duration window = Duration.ZERO;
    JsonNode p = d.path("pick");
    if (p.isObject()) {
      v.checkKeys(p, where + ".pick", Set.of("random_within"));
      pick = DrillConfig.Pick.RANDOM_WITHIN;
      window = v.duration(p, "random_within", Duration.ZERO, where + ".pick");
      if (window.isZero() || window.isNegative()) {
        v.problem(where + ".pick.random_within: a positive duration like 7d");
      }
    } else if (!p.isMissingNode() && !"latest".equals(p.asText())) {
      v.problem(where + ".pick: `latest` or `random_within: 7d`, got `" + p.asText() + "`");
    }
    Duration timeout = v.duration(d, "timeout", DrillConfig.DEFAULT_TIMEOUT, where);
    if (timeout.isZero() || timeout.isNegative()) {
      v.problem(where + ".timeout: must be positive");
      timeout = DrillConfig.DEFAULT_TIMEOUT;
    }
    Duration maxAge = v.duration(d, "max_age", DrillConfig.DEFAULT_MAX_AGE, where);
    if (maxAge.isZero() || maxAge.isNegative()) {
      v.problem(where + ".max_age: must be positive");
      maxAge = DrillConfig.DEFAULT_MAX_AGE;
    }
    return new DrillConfig(cron, zone, target, pick, window, timeout, maxAge);
  }
}
