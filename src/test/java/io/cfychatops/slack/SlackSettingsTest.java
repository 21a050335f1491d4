package io.cfychatops.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {
  @Test
  void listsEveryMissingVariableAtOnceForTheMode() {
    SlackSettings s = SlackSettings.fromEnv(Map.of());
    assertThat(s.problems(false))
        .hasSize(2)
        .anyMatch(p -> p.startsWith("SLACK_BOT_TOKEN"))
        .anyMatch(p -> p.startsWith("SLACK_APP_TOKEN"));
    assertThat(s.problems(true)).hasSize(2).anyMatch(p -> p.startsWith("SLACK_SIGNING_SECRET"));
    assertThatThrownBy(() -> s.validate(true))
        .hasMessageContaining("SLACK_BOT_TOKEN")
        .hasMessageContaining("SLACK_SIGNING_SECRET");
  }

  @Test
  void defaultsAndOverrides() {
    SlackSettings s =
        SlackSettings.fromEnv(
            Map.of(
                "SLACK_BOT_TOKEN",
                "xoxb-1-secret",
                "SLACK_APP_TOKEN",
                "xapp-1-secret",
                "SLACK_API_URL",
                "http://127.0.0.1:9/api",
                "PORT",
                "8080"));
    assertThat(s.problems(false)).isEmpty();
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.healthPort()).isEqualTo(3000);
    assertThat(s.apiUrl()).isEqualTo("http://127.0.0.1:9/api/");
  }

  @Test
  void tokensNeverAppearInMessages() {
    SlackSettings s =
        SlackSettings.fromEnv(
            Map.of(
                "SLACK_BOT_TOKEN",
                "xapp-wrong-kind-secret123",
                "SLACK_APP_TOKEN",
                "xoxb-wrong-kind-secret456",
                "SLACK_SIGNING_SECRET",
                "topsecret"));
    String all = s + String.join("\n", s.problems(false)) + String.join("\n", s.problems(true));
    assertThat(all)
        .doesNotContain("secret123")
        .doesNotContain("secret456")
        .doesNotContain("topsecret")
        .contains("xapp-****")
        .contains("xoxb-****");
    assertThat(SlackSettings.mask("xoxb-123-abcd")).isEqualTo("xoxb-****");
    assertThat(SlackSettings.mask("nodash")).isEqualTo("****");
  }

  @Test
  void managementListenerDefaultsToLoopbackAndCanBeMoved() {
    SlackSettings s = SlackSettings.fromEnv(Map.of());
    assertThat(s.managementPort()).isEqualTo(3001);
    assertThat(s.managementBind()).isEqualTo("127.0.0.1");
    SlackSettings k8s =
        SlackSettings.fromEnv(Map.of("MANAGEMENT_PORT", "9090", "MANAGEMENT_BIND", "0.0.0.0"));
    assertThat(k8s.managementPort()).isEqualTo(9090);
    assertThat(k8s.managementBind()).isEqualTo("0.0.0.0");
    assertThat(HealthCheck.defaultUrl(null, null)).isEqualTo("http://127.0.0.1:3001/healthz");
    assertThat(HealthCheck.defaultUrl("0.0.0.0", "9090"))
        .isEqualTo("http://127.0.0.1:9090/healthz");
    assertThat(HealthCheck.defaultUrl("10.1.2.3", "9090"))
        .isEqualTo("http://10.1.2.3:9090/healthz");
  }

  @Test
  void managementPortMustDifferFromThePublicPort() {
    SlackSettings s =
        SlackSettings.fromEnv(
            Map.of(
                "SLACK_BOT_TOKEN",
                "xoxb-1",
                "SLACK_SIGNING_SECRET",
                "s",
                "SLACK_APP_TOKEN",
                "xapp-1",
                "PORT",
                "3001",
                "HEALTH_PORT",
                "3001"));
    assertThat(s.problems(true))
        .anyMatch(p -> p.startsWith("MANAGEMENT_PORT (3001) must differ from PORT"));
    assertThat(s.problems(false))
        .anyMatch(p -> p.startsWith("MANAGEMENT_PORT (3001) must differ from HEALTH_PORT"));
    assertThatThrownBy(() -> SlackSettings.fromEnv(Map.of("MANAGEMENT_PORT", "70000")))
        .hasMessageContaining("MANAGEMENT_PORT");
  }

  @Test
  void badPortNamesTheVariable() {
    assertThatThrownBy(() -> SlackSettings.fromEnv(Map.of("PORT", "eighty")))
        .hasMessageContaining("PORT")
        .hasMessageContaining("eighty");
  }
}
