package io.cfychatops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.access.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void exampleConfigLoadsWithItsSecretsFromTheEnvironment() throws Exception {
    Path example = Path.of("config.example.yml");
    String text =
        Files.readString(example)
            .replace("ca_cert: /etc/cfy-chatops/prod-ca.pem", "trust_all: false");
    BotConfig cfg =
        new ConfigLoader(Map.of("CFY_PROD_PASSWORD", "pw-123", "CFY_STAGING_TOKEN", "ctok-1-abc"))
            .loadText(text);
    assertThat(cfg.managerNames()).containsExactly("prod", "staging");
    ManagerConfig prod = cfg.manager("prod").orElseThrow();
    assertThat(prod.password().reveal()).isEqualTo("pw-123");
    assertThat(prod.toString()).doesNotContain("pw-123");
    assertThat(cfg.backup().retention().daily()).isEqualTo(7);
    assertThat(prod.schedule().zone().getId()).isEqualTo("Europe/London");
    assertThat(prod.schedule().jitter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(cfg.manager("staging").orElseThrow().token().reveal()).isEqualTo("ctok-1-abc");
    assertThat(cfg.grants()).hasSize(4);
    assertThat(cfg.approvals()).hasSize(4);
    assertThat(cfg.slack().reportsChannel()).isEqualTo("#cfy-backups");
    assertThat(cfg.backup().tick()).isEqualTo(Duration.ofSeconds(5));
    assertThat(cfg.store().instanceName())
        .as("default: the host name, resolved by the bot")
        .isNull();
  }

  @Test
  void instanceNameComesFromTheEnvironmentOrTheFileAndTheTickIsBounded() {
    String yaml =
        """
        managers:
          - { name: m, url: "http://10.0.0.1", username: admin, password_env: PW }
        store: { instance_name: bot-1 }
        backups: { tick: 2s }
        """;
    BotConfig fromFile = new ConfigLoader(Map.of("PW", "x")).loadText(yaml);
    assertThat(fromFile.store().instanceName()).isEqualTo("bot-1");
    assertThat(fromFile.backup().tick()).isEqualTo(Duration.ofSeconds(2));
    BotConfig fromEnv =
        new ConfigLoader(Map.of("PW", "x", "CFY_CHATOPS_INSTANCE", "pod-7.cluster")).loadText(yaml);
    assertThat(fromEnv.store().instanceName()).isEqualTo("pod-7.cluster");
    String bad = yaml.replace("bot-1", "\"two words\"").replace("2s", "10m");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PW", "x")).loadText(bad))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> assertThat(p).contains("store.instance_name / CFY_CHATOPS_INSTANCE"))
                    .anySatisfy(p -> assertThat(p).contains("backups.tick: between 1s and 5m")));
  }

  @Test
  void everyProblemIsListedAtOnce() {
    String yaml =
        """
        managers:
          - name: 9bad
            url: ftp://x
            password: inline
          - name: ok
            url: http://10.0.0.1
            username: admin
            password_env: MISSING_VAR
            schedule: { cron: "0 2 * *", zone: Mars/Base }
        access:
          grants:
            - { manager: nope, role: god, users: [U1] }
        approvals:
          rules:
            - { manager: ok, action: explode, required_votes: 0 }
        colour: blue
        """;
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).loadText(yaml))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).contains("managers[0].name"))
                    .anySatisfy(p -> assertThat(p).contains("must be an http(s) URL"))
                    .anySatisfy(
                        p -> assertThat(p).contains("do not put passwords in the config file"))
                    .anySatisfy(p -> assertThat(p).contains("MISSING_VAR is not set"))
                    .anySatisfy(p -> assertThat(p).contains("expected 6 fields"))
                    .anySatisfy(p -> assertThat(p).contains("unknown time zone"))
                    .anySatisfy(p -> assertThat(p).contains("no manager named `nope`"))
                    .anySatisfy(p -> assertThat(p).contains("role: one of"))
                    .anySatisfy(p -> assertThat(p).contains("action: one of"))
                    .anySatisfy(p -> assertThat(p).contains("required_votes: between 1 and 10"))
                    .anySatisfy(p -> assertThat(p).contains("colour: unknown key")));
  }

  @Test
  void singleManagerFromEnvironmentVariables(@TempDir Path dir) throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "from-file\n");
    BotConfig cfg =
        new ConfigLoader(
                Map.of(
                    "CLOUDIFY_URL",
                    "https://mgr.example:443/",
                    "CLOUDIFY_PASSWORD_FILE",
                    pw.toString(),
                    "CLOUDIFY_TENANT",
                    "t1",
                    "DATABASE_URL",
                    "jdbc:postgresql://127.0.0.1/test"))
            .load(null);
    ManagerConfig m = cfg.defaultManager().orElseThrow();
    assertThat(m.name()).isEqualTo("default");
    assertThat(m.url().toString()).isEqualTo("https://mgr.example:443");
    assertThat(m.username()).isEqualTo("admin");
    assertThat(m.password().reveal()).isEqualTo("from-file");
    assertThat(m.tenant()).isEqualTo("t1");
    assertThat(cfg.store().effectiveUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/test");
  }

  @Test
  void environmentAloneGivesNobodyARoleUnlessBootstrapAdminsAreNamed() {
    Map<String, String> env =
        Map.of("CLOUDIFY_URL", "https://mgr.example/", "CLOUDIFY_PASSWORD", "pw");
    assertThat(new ConfigLoader(env).load(null).grants()).isEmpty();
    Map<String, String> withAdmins = new java.util.HashMap<>(env);
    withAdmins.put("CFY_CHATOPS_ADMINS", " U123 , U456,");
    BotConfig cfg = new ConfigLoader(withAdmins).load(null);
    assertThat(cfg.grants())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.manager()).isEqualTo("*");
              assertThat(g.role()).isEqualTo(Role.ADMIN);
              assertThat(g.users()).containsExactlyInAnyOrder("U123", "U456");
              assertThat(g.appliesTo("default")).isTrue();
            });
  }

  @Test
  void bootstrapAdminsAddToTheConfigFilesGrants() {
    BotConfig cfg =
        new ConfigLoader(Map.of("PW", "x", "CFY_CHATOPS_ADMINS", "U999"))
            .loadText(
                """
        managers:
          - { name: prod, url: "https://p.example", username: admin, password_env: PW }
        access:
          grants:
            - { manager: prod, role: viewer, users: [U1] }
        """);
    assertThat(cfg.grants())
        .hasSize(2)
        .anySatisfy(g -> assertThat(g.users()).containsExactly("U1"))
        .anySatisfy(
            g ->
                assertThat(g.role().label() + " " + g.manager() + " " + g.users())
                    .isEqualTo("admin * [U999]"));
  }

  @Test
  void badBootstrapAdminIdsAreReported() {
    assertThatThrownBy(
            () ->
                new ConfigLoader(
                        Map.of(
                            "CLOUDIFY_URL",
                            "https://m.example",
                            "CLOUDIFY_PASSWORD",
                            "pw",
                            "CFY_CHATOPS_ADMINS",
                            "U1,<@U2>"))
                    .load(null))
        .hasMessageContaining("CFY_CHATOPS_ADMINS: `<@U2>` is not a user id");
    assertThatThrownBy(
            () ->
                new ConfigLoader(
                        Map.of(
                            "CLOUDIFY_URL",
                            "https://m.example",
                            "CLOUDIFY_PASSWORD",
                            "pw",
                            "CFY_CHATOPS_ADMINS",
                            " , "))
                    .load(null))
        .hasMessageContaining("names no user id");
  }

  @Test
  void noManagerAtAllIsAProblem() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null))
        .hasMessageContaining("no manager configured");
  }

  @Test
  void durationsParse() {
    assertThat(ConfigLoader.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(ConfigLoader.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(ConfigLoader.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(ConfigLoader.parseDuration("soon")).isNull();
  }
}
