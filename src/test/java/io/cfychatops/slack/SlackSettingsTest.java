package io.cfychatops.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {
  @Test
  void listsEveryMissingVariableAtOnceForTheMode() {
    SlackSettings s = SlackSettings.fromEnv(Map.of());
    assertThat(s.problems(false)).hasSize(2).anyMatch(p -> p.startsWith("SLACK_BOT_TOKEN"))
        .anyMatch(p -> p.startsWith("SLACK_APP_TOKEN"));
    assertThat(s.problems(true)).hasSize(2).anyMatch(p -> p.startsWith("SLACK_SIGNING_SECRET"));
    assertThatThrownBy(() -> s.validate(true)).hasMessageContaining("SLACK_BOT_TOKEN").hasMessageContaining("SLACK_SIGNING_SECRET");
  }

  @Test
  void defaultsAndOverrides() {
    SlackSettings s = SlackSettings.fromEnv(Map.of("SLACK_BOT_TOKEN", "xoxb-1-secret", "SLACK_APP_TOKEN", "xapp-1-secret",
        "SLACK_API_URL", "http://127.0.0.1:9/api", "PORT", "8080"));
    assertThat(s.problems(false)).isEmpty();
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.healthPort()).isEqualTo(3000);
    assertThat(s.apiUrl()).isEqualTo("http://127.0.0.1:9/api/");
  }

  @Test
  void tokensNeverAppearInMessages() {
    SlackSettings s = SlackSettings.fromEnv(Map.of("SLACK_BOT_TOKEN", "xapp-wrong-kind-secret123",
        "SLACK_APP_TOKEN", "xoxb-wrong-kind-secret456", "SLACK_SIGNING_SECRET", "topsecret"));
    String all = s + String.join("\n", s.problems(false)) + String.join("\n", s.problems(true));
    assertThat(all).doesNotContain("secret123").doesNotContain("secret456").doesNotContain("topsecret")
        .contains("xapp-****").contains("xoxb-****");
    assertThat(SlackSettings.mask("xoxb-123-abcd")).isEqualTo("xoxb-****");
    assertThat(SlackSettings.mask("nodash")).isEqualTo("****");
  }

  @Test
  void badPortNamesTheVariable() {
    assertThatThrownBy(() -> SlackSettings.fromEnv(Map.of("PORT", "eighty")))
        .hasMessageContaining("PORT").hasMessageContaining("eighty");
  }
}
