package io.cfychatops.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.chat.Field;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The App Home rendering from plain inputs (the wired tab is {@code app.AppHomeTest}). */
class HomeTabTest {
  static final Instant NOW = Instant.parse("2024-08-12T00:10:00Z");
  static final String SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
  static final Duration MAX_AGE = Duration.ofHours(26);

  @Test
  void homeViewShowsEachManager() {
    CatalogEntry newest =
        new CatalogEntry(
            "default",
            "nightly-default-20240812-0200",
            1,
            CatalogEntry.Origin.NIGHTLY,
            NOW.minus(Duration.ofHours(5)),
            10,
            SHA,
            true,
            NOW,
            "/x",
            "7.0.4",
            true,
            true,
            null);
    HomeTab.ManagerHome def =
        new HomeTab.ManagerHome(
            "default",
            "7.0.4",
            "deactivated",
            newest,
            List.of("restore nightly-default-20240811-0200 (step 3/6)"),
            List.of("delete pre-upgrade, asked by Ann"));
    HomeTab.ManagerHome prod = new HomeTab.ManagerHome("prod", null, "activated", null, null, null);

    Message d = HomeTab.card(NOW, MAX_AGE, def);
    assertThat(d.title()).isEqualTo("default");
    assertThat(d.status()).isEqualTo(Status.RUNNING);
    assertThat(d.fields())
        .contains(
            Field.of("Version", "7.0.4"),
            Field.of("Maintenance", "deactivated"),
            Field.code("Newest verified backup", "nightly-default-20240812-0200"),
            Field.of("Backup age (RPO)", "5h 00m"),
            Field.of("Running operations", "1"),
            Field.of("Pending approvals", "1"));
    assertThat(d.rows())
        .containsExactly(
            "▶ restore nightly-default-20240811-0200 (step 3/6)",
            "✋ delete pre-upgrade, asked by Ann");
    Message p = HomeTab.card(NOW, MAX_AGE, prod);
    assertThat(p.status()).isEqualTo(Status.WARNING);
    assertThat(p.fields())
        .contains(
            Field.of("Version", "unknown"),
            Field.of("Maintenance", "activated ⚠"),
            Field.of("Newest verified backup", "none"));

    Message page = HomeTab.page(NOW, MAX_AGE, List.of(def, prod));
    assertThat(page.rows())
        .startsWith(d.status().tag() + " default — version 7.0.4 · maintenance deactivated")
        .contains(
            "    ▶ restore nightly-default-20240811-0200 (step 3/6)",
            p.status().tag() + " prod — version unknown · maintenance activated ⚠");
  }
}
