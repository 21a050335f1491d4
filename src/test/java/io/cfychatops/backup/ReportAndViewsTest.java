package io.cfychatops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.Field;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportAndViewsTest {
  static final Instant NOW = Instant.parse("2024-08-12T00:10:00Z");
  static final String SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

  static ManagerRun ok(String manager, RunRecord.Kind kind) {
    return new ManagerRun(
        manager,
        "nightly-" + manager + "-20240812-0200",
        kind,
        Instant.parse("2024-08-12T00:00:00Z"),
        "02:00",
        true,
        null,
        null,
        3 * 1024 * 1024,
        SHA,
        true,
        Duration.ofSeconds(192),
        NOW,
        List.of("nightly-" + manager + "-20240701-0200"),
        List.of());
  }

  static ManagerRun failed(String manager) {
    return new ManagerRun(
        manager,
        "nightly-" + manager + "-20240812-0200",
        RunRecord.Kind.SCHEDULED,
        Instant.parse("2024-08-12T00:00:00Z"),
        "02:00",
        false,
        "wait",
        "execution 5f0c ended `failed`: No space left on device",
        0,
        null,
        false,
        Duration.ofSeconds(40),
        NOW,
        List.of(),
        List.of());
  }

  @Test
  void reportHasARowPerManagerWithEverythingTheIssueAsksFor() {
    NightReport report =
        new NightReport(
            NOW,
            List.of(
                new NightReport.Row(
                    ok("default", RunRecord.Kind.CATCH_UP),
                    Duration.ofMinutes(10),
                    "nightly-default-20240812-0200",
                    "⬜".repeat(11) + "✅❌✅"),
                new NightReport.Row(
                    failed("prod"),
                    Duration.ofHours(26).plusMinutes(10),
                    "nightly-prod-20240811-0200",
                    "⬜".repeat(12) + "✅❌")),
            "ops-oncall");

    Message m = BackupReport.render(report);

    assertThat(m.status()).isEqualTo(Status.FAILED);
    assertThat(m.title()).isEqualTo("Nightly backups: 1 of 2 failed");
    assertThat(m.rows())
        .containsExactly(
            "✅ default · nightly-default-20240812-0200 · 3.0 MiB · 3m 12s · sha256 a1b2c3d4e5f6 ·"
                + " verified · RPO 10m 00s · ⬜⬜⬜⬜⬜⬜⬜⬜⬜⬜⬜✅❌✅",
            "❌ prod · nightly-prod-20240812-0200 · failed at wait: execution 5f0c ended `failed`: No"
                + " space left on device · 40s · RPO 26h 10m · ⬜⬜⬜⬜⬜⬜⬜⬜⬜⬜⬜⬜✅❌");
    assertThat(m.context())
        .contains(
            "default: catch-up run: the 02:00 slot was missed",
            "default: retention deleted 1 (nightly-default-20240701-0200)");
    assertThat(m.context()).anyMatch(c -> c.startsWith("History: last 14 nights, oldest first"));
    assertThat(m.fields()).containsExactly(Field.of("On-call", "@ops-oncall"));
    assertThat(BackupReport.mentions(report)).containsExactly("ops-oncall");
  }

  @Test
  void anAllGreenNightNamesNobody() {
    NightReport report =
        new NightReport(
            NOW,
            List.of(
                new NightReport.Row(
                    ok("default", RunRecord.Kind.SCHEDULED), Duration.ZERO, "x", "✅")),
            "ops-oncall");

    Message m = BackupReport.render(report);

    assertThat(m.status()).isEqualTo(Status.OK);
    assertThat(m.fields()).isEmpty();
    assertThat(m.context()).noneMatch(c -> c.contains("catch-up"));
    assertThat(BackupReport.mentions(report)).isEmpty();
  }

  @Test
  void deadManAlertFiresWithoutAnyRunAndRepeatsOnlyAfterTheInterval() {
    SettableClock clock = new SettableClock(NOW);
    InMemoryBackupCatalog catalog = new InMemoryBackupCatalog();
    catalog.upsert(
        new CatalogEntry(
            "default",
            "nightly-default-20240812-0200",
            1,
            CatalogEntry.Origin.NIGHTLY,
            NOW,
            10,
            SHA,
            true,
            NOW,
            "/x",
            "7.0.4",
            true,
            true,
            null));
    catalog.upsert(
        new CatalogEntry(
            "prod",
            "nightly-prod-20240812-0200",
            1,
            CatalogEntry.Origin.NIGHTLY,
            NOW,
            10,
            SHA,
            true,
            NOW,
            "/x",
            "7.0.4",
            true,
            true,
            null));
    RecordingChatPort chat = new RecordingChatPort();
    BackupConfig config =
        BackupConfig.builder()
            .manager("default", ZoneId.of("UTC"))
            .manager("prod", ZoneId.of("UTC"))
            .reportsChannel("#ops")
            .onCall("@ops-oncall")
            .deadManAge(Duration.ofHours(26))
            .build();
    DeadManCheck check = new DeadManCheck(config, catalog, chat, Duration.ofHours(6), clock);

    clock.advance(Duration.ofHours(26));
    assertThat(check.runOnce()).isEmpty();

    // no nightly ran at all (the bot missed it): the check alone notices
    clock.advance(Duration.ofMinutes(1));
    catalog.upsert(
        new CatalogEntry(
            "prod",
            "nightly-prod-20240813-0200",
            1,
            CatalogEntry.Origin.NIGHTLY,
            clock.instant(),
            10,
            SHA,
            true,
            clock.instant(),
            "/x",
            "7.0.4",
            true,
            true,
            null));
    List<DeadManCheck.Alert> posted = check.runOnce();

    assertThat(posted).extracting(DeadManCheck.Alert::manager).containsExactly("default");
    Message m = chat.events("post").get(0).message();
    assertThat(m.status()).isEqualTo(Status.FAILED);
    assertThat(m.title()).isEqualTo("No verified backup of default for 26h 01m");
    assertThat(m.fields())
        .contains(
            Field.of("On-call", "@ops-oncall"),
            Field.code("Newest verified", "nightly-default-20240812-0200"));
    assertThat(chat.events("post").get(0).channel()).isEqualTo("#ops");

    clock.advance(Duration.ofHours(1));
    assertThat(check.runOnce()).isEmpty(); // already alerted
    clock.advance(Duration.ofHours(5));
    assertThat(check.runOnce()).hasSize(1); // repeats every 6 h while stale
  }

  @Test
  void aManagerWithNoCopyAtAllIsAlertedOnceTheCheckHasRunLongEnough() {
    SettableClock clock = new SettableClock(NOW);
    BackupConfig config =
        BackupConfig.builder().manager("default", ZoneId.of("UTC")).reportsChannel("#ops").build();
    DeadManCheck check =
        new DeadManCheck(config, new InMemoryBackupCatalog(), null, Duration.ofHours(6), clock);

    assertThat(check.check()).isEmpty();
    clock.advance(Duration.ofHours(27));
    assertThat(check.check())
        .singleElement()
        .satisfies(a -> assertThat(a.newestVerified()).isNull());
    assertThat(BackupMessages.deadMan(check.check().get(0), null).title())
        .isEqualTo("No verified backup of default on record");
  }

  @Test
  void historyAndDryRunRenderings() {
    List<RunRecord> runs =
        List.of(
            RunRecord.claim(
                    "default",
                    Instant.parse("2024-08-12T00:00:00Z"),
                    RunRecord.Kind.CATCH_UP,
                    "a",
                    NOW)
                .succeeded(
                    NOW.plusSeconds(75),
                    "nightly-default-20240812-0200",
                    10,
                    SHA,
                    true,
                    Duration.ofSeconds(75)),
            RunRecord.claim(
                    "default",
                    Instant.parse("2024-08-11T00:00:00Z"),
                    RunRecord.Kind.SCHEDULED,
                    "a",
                    NOW)
                .failed(
                    NOW.plusSeconds(5), null, "create: 503", null, null, Duration.ofSeconds(5)));

    Message h = BackupMessages.history("default", 14, runs, ZoneId.of("Europe/Berlin"));

    assertThat(h.rows())
        .containsExactly(
            "✅ 2024-08-12 02:00 CEST · catch_up · nightly-default-20240812-0200 · 1m 15s",
            "❌ 2024-08-11 02:00 CEST · scheduled · 5s · create: 503");
    assertThat(BackupMessages.history("default", 14, List.of(), ZoneId.of("UTC")).lines())
        .containsExactly("No runs in that period.");
  }
}
