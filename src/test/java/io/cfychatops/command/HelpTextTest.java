package io.cfychatops.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HelpTextTest {

  static Stream<String> topics() {
    List<String> all = new ArrayList<>(HelpText.topics());
    all.add(null);
    return all.stream();
  }

  @Test
  void listsEveryCommandPath() {
    assertThat(HelpText.commandPaths())
        .containsExactly(
            "snapshots list",
            "snapshots create",
            "snapshots download",
            "snapshots inspect",
            "snapshots upload",
            "snapshots restore",
            "snapshots delete",
            "snapshots status",
            "maintenance-mode status",
            "maintenance-mode activate",
            "maintenance-mode deactivate",
            "status",
            "cluster status",
            "help",
            "audit",
            "approve",
            "deny",
            "cancel",
            "ops list",
            "ops show",
            "ops timeline",
            "ops cancel",
            "backups status",
            "backups history",
            "backups run",
            "backups retention",
            "backups offsite",
            "drills run",
            "drills history");
    assertThat(HelpText.topics())
        .contains("snapshots", "maintenance-mode", "cluster", "ops", "backups");
  }

  @Test
  void overviewHasOneLinePerCommand() {
    String overview = HelpText.overview();
    for (String path : HelpText.commandPaths()) {
      assertThat(overview).containsPattern("(?m)^  " + path + "\\b");
    }
  }

  @ParameterizedTest
  @MethodSource("topics")
  void everyHelpTextIsShortEnoughAndStartsWithUsage(String topic) {
    String text = HelpText.usage(topic);
    assertThat(text).startsWith("Usage: /cfy").hasSizeLessThan(HelpText.MAX_LENGTH);
  }

  @ParameterizedTest
  @MethodSource("io.cfychatops.command.HelpTextTest#commandPaths")
  void commandUsageListsEveryOptionOfThatCommand(String path) {
    String text = HelpText.usage(path);
    assertThat(text).startsWith("Usage: /cfy " + path);
    Grammar.spec(path)
        .orElseThrow()
        .options()
        .forEach(o -> assertThat(text).contains(o.longName()));
    assertThat(text).contains("-m/--manager", "--reason", "--incident");
  }

  static Stream<String> commandPaths() {
    return HelpText.commandPaths().stream();
  }

  @Test
  void usageMirrorsTheCfyWording() {
    assertThat(HelpText.usage("snapshots restore"))
        .contains("Usage: /cfy snapshots restore [OPTIONS] SNAPSHOT_ID")
        .contains("-f, --force")
        .contains(
            "Force restoring the snapshot on a manager with existing blueprints or deployments");
    assertThat(HelpText.usage("snapshots create"))
        .contains("Exclude credentials from the snapshot");
  }

  @Test
  void aliasesAndCaseAreNormalised() {
    assertThat(HelpText.normaliseTopic("Maintenance  Activate"))
        .contains("maintenance-mode activate");
    assertThat(HelpText.normaliseTopic("cluster-status")).contains("cluster status");
    assertThat(HelpText.normaliseTopic("nope")).isEmpty();
    assertThat(HelpText.normaliseTopic(null)).isEmpty();
    assertThat(HelpText.usage("maintenance")).isEqualTo(HelpText.usage("maintenance-mode"));
    assertThat(HelpText.usage("nope")).isEqualTo(HelpText.overview());
  }

  @Test
  void everyHelpTopicParsesAsHelp() {
    for (String topic : HelpText.topics()) {
      assertThat(CommandParser.parse("help " + topic).commandIfParsed())
          .contains(new BotCommand.Help(topic));
    }
  }
}
