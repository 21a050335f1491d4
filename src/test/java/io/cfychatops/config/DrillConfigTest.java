package io.cfychatops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code managers[].drill} and {@code scratch}: a drill only ever targets a scratch manager. */
class DrillConfigTest {
  private static String yaml(String drill, boolean scratch) {
    return """
        managers:
          - name: prod
            url: "http://10.0.0.1"
            username: admin
            password_env: PW
            drill: %s
          - name: scratch
            url: "http://10.0.0.2"
            username: admin
            password_env: PW
            scratch: %s
        """
        .formatted(drill, scratch);
  }

  private static BotConfig load(String text) {
    return new ConfigLoader(Map.of("PW", "x")).loadText(text);
  }

  @Test
  void aDrillOntoAScratchManagerIsRead() {
    BotConfig c =
        load(
            yaml(
                "{ cron: \"0 0 5 * * SUN\", zone: Europe/Paris, target: scratch,"
                    + " pick: { random_within: 7d }, timeout: 45m, max_age: 10d }",
                true));
    DrillConfig d = c.managers().get(0).drill();
    assertThat(d).isNotNull();
    assertThat(d.target()).isEqualTo("scratch");
    assertThat(d.cron()).isEqualTo("0 0 5 * * SUN");
    assertThat(d.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(d.pick()).isEqualTo(DrillConfig.Pick.RANDOM_WITHIN);
    assertThat(d.window()).isEqualTo(Duration.ofDays(7));
    assertThat(d.timeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(d.maxAge()).isEqualTo(Duration.ofDays(10));
    assertThat(c.managers().get(1).scratch()).isTrue();
    assertThat(c.managers().get(1).drill()).isNull();
    DrillConfig defaults = load(yaml("{ target: scratch }", true)).managers().get(0).drill();
    assertThat(defaults.pick()).isEqualTo(DrillConfig.Pick.LATEST);
    assertThat(defaults.cron()).isNull();
    assertThat(defaults.timeout()).isEqualTo(DrillConfig.DEFAULT_TIMEOUT);
  }

  @Test
  void aDrillWhoseTargetIsNotScratchIsRefused() {
    assertThatThrownBy(() -> load(yaml("{ target: scratch }", false)))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(
                        p ->
                            p.contains("managers.prod.drill.target")
                                && p.contains("not marked `scratch: true`")));
  }

  @Test
  void unknownTargetsSelfTargetsAndBadValuesAreEachNamed() {
    assertThatThrownBy(() -> load(yaml("{ target: nowhere }", true)))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.contains("no manager is named `nowhere`")));
    assertThatThrownBy(() -> load(yaml("{ target: prod }", true)))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems()).anyMatch(p -> p.contains("never onto itself")));
    assertThatThrownBy(
            () ->
                load(
                    yaml(
                        "{ target: scratch, cron: \"0 0 99 * * *\", zone: Mars/Base,"
                            + " pick: oldest, timeout: soon }",
                        true)))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.contains("drill.cron"))
                    .anyMatch(p -> p.contains("drill.zone: unknown time zone `Mars/Base`"))
                    .anyMatch(p -> p.contains("drill.pick: `latest` or `random_within: 7d`"))
                    .anyMatch(p -> p.contains("drill.timeout")));
  }
}
