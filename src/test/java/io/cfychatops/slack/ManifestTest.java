package io.cfychatops.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ManifestTest {
  static final Path MANIFEST = Path.of("manifest.yml");
  static final Path SCHEMA = Path.of("..", "shared", "slack", "manifest.schema.1.0.0.json");

  /** Scopes the code may ask for; anything else needs a reason in docs/slack.md first. */
  static final Set<String> ALLOWED_SCOPES =
      Set.of(
          "commands",
          "chat:write",
          "chat:write.public",
          "channels:read",
          "channels:join",
          "channels:manage",
          "usergroups:read",
          "files:write");

  static JsonNode manifest() throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(MANIFEST.toFile());
  }

  @Test
  void manifestMatchesSlacksSchema() throws Exception {
    if (!Files.exists(SCHEMA)) {
      System.out.println(
          "NOTICE: " + SCHEMA.toAbsolutePath() + " is absent; manifest schema validation skipped");
      Assumptions.abort("manifest schema not available");
    }
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(SCHEMA)) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    Set<ValidationMessage> errors = schema.validate(manifest());
    assertThat(errors).isEmpty();
  }

  @Test
  void leastScopesAndTheFeaturesTheCodeUses() throws Exception {
    JsonNode m = manifest();
    List<String> scopes = new ArrayList<>();
    m.at("/oauth_config/scopes/bot").forEach(n -> scopes.add(n.asText()));
    assertThat(scopes)
        .isSubsetOf(ALLOWED_SCOPES)
        .doesNotHaveDuplicates()
        .contains("commands", "chat:write");
    assertThat(m.at("/oauth_config/scopes/user").isMissingNode()).isTrue();

    List<String> commands = new ArrayList<>();
    m.at("/features/slash_commands").forEach(n -> commands.add(n.path("command").asText()));
    assertThat(commands).containsExactly(SlackApp.COMMAND);
    assertThat(m.at("/features/slash_commands/0/should_escape").asBoolean(true)).isFalse();
    assertThat(m.at("/features/slash_commands/0/usage_hint").asText())
        .contains("snapshots")
        .contains("help");
    assertThat(m.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
    assertThat(m.at("/settings/socket_mode_enabled").asBoolean()).isTrue();
    assertThat(m.at("/features/app_home/home_tab_enabled").asBoolean()).isTrue();
    assertThat(m.at("/settings/event_subscriptions/bot_events").toString())
        .contains("app_home_opened");
  }

  @Test
  void docsExplainEveryScope() throws Exception {
    String docs = Files.readString(Path.of("docs", "slack.md"));
    manifest()
        .at("/oauth_config/scopes/bot")
        .forEach(n -> assertThat(docs).contains("`" + n.asText() + "`"));
  }
}
