package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.archive.ArchiveFormat;
import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.EntityKind;
import io.cfychatops.archive.TenantContents;
import io.cfychatops.ops.ManagerPort.ContentCounts;
import io.cfychatops.ops.ManagerPort.ExecutionError;
import io.cfychatops.ops.RestoreReceipt.ProblemKind;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreReceiptTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private static TenantContents tenant(String name, Map<EntityKind, Long> counts) {
    return new TenantContents(name, counts, List.of(), 0, List.of(), 0, List.of(), 0);
  }

  private static ArchivePreview preview(TenantContents... tenants) {
    return new ArchivePreview(
        ArchiveFormat.SEVEN_X,
        "7.0.4",
        "exec-1",
        T,
        Map.of(EntityKind.TENANTS, 2L, EntityKind.USERS, 3L),
        1,
        2,
        List.of(tenants),
        List.of(),
        new ArchivePreview.Stats(10, 1000, 500, 20, 18));
  }

  private static final ArchivePreview TWO_TENANTS =
      preview(
          tenant(
              "default_tenant",
              Map.of(EntityKind.BLUEPRINTS, 2L, EntityKind.DEPLOYMENTS, 3L, EntityKind.EVENTS, 9L)),
          tenant("ops", Map.of(EntityKind.BLUEPRINTS, 1L, EntityKind.SECRETS, 4L)));

  /** Counts as the manager would serve them: every counted kind in every tenant. */
  private static ContentCounts actual(long dfltBlueprints, long opsSecrets) {
    Map<String, Map<EntityKind, Long>> m = new LinkedHashMap<>();
    m.put("", kinds(EntityKind.TENANTS, 2, EntityKind.USERS, 3));
    Map<EntityKind, Long> d =
        kinds(EntityKind.BLUEPRINTS, dfltBlueprints, EntityKind.DEPLOYMENTS, 3);
    d.put(EntityKind.SECRETS, 0L);
    m.put("default_tenant", d);
    Map<EntityKind, Long> o = kinds(EntityKind.BLUEPRINTS, 1, EntityKind.DEPLOYMENTS, 0);
    o.put(EntityKind.SECRETS, opsSecrets);
    m.put("ops", o);
    return new ContentCounts(m);
  }

  private static Map<EntityKind, Long> kinds(EntityKind a, long na, EntityKind b, long nb) {
    Map<EntityKind, Long> m = new EnumMap<>(EntityKind.class);
    m.put(a, na);
    m.put(b, nb);
    return m;
  }

  @Test
  void everythingThereAndNoErrorsIsClean() {
    RestoreReceipt r = RestoreReceipt.of(TWO_TENANTS, actual(2, 4), List.of());
    assertThat(r.clean()).isTrue();
    assertThat(r.compared()).isTrue();
    assertThat(r.problems()).isEmpty();
    // events are not comparable; kinds the manager did not count (plugins…) are not compared
    assertThat(r.counts()).extracting(RestoreReceipt.Count::kind).doesNotContain(EntityKind.EVENTS);
    assertThat(r.expectedTotal()).isEqualTo(2 + 3 + 2 + 3 + 0 + 1 + 0 + 4);
    assertThat(r.summary())
        .isEqualTo("all 15 entities of the archive are on the manager; no errors logged");
  }

  @Test
  void moreOnTheManagerThanInTheArchiveIsNotAProblem() {
    assertThat(RestoreReceipt.of(TWO_TENANTS, actual(7, 9), null).clean()).isTrue();
  }

  @Test
  void missingEntitiesAndEntityErrorsAreProblems() {
    RestoreReceipt r =
        RestoreReceipt.of(
            TWO_TENANTS,
            actual(1, 4),
            List.of(
                new ExecutionError(
                    T, "Error restoring blueprint bp-1: 400: simulated failure (fault knob)"),
                new ExecutionError(
                    T.plusMillis(1), "Error restoring nodes: 404: Requested `Deployment` missing"),
                new ExecutionError(
                    T.plusMillis(2), "Error restoring user group admins: 409: already exists"),
                new ExecutionError(T.plusMillis(3), "Something else broke")));
    assertThat(r.clean()).isFalse();
    assertThat(r.problems())
        .extracting(RestoreReceipt.Problem::kind)
        .containsExactly(
            ProblemKind.ENTITY_ERROR,
            ProblemKind.ENTITY_ERROR,
            ProblemKind.ENTITY_ERROR,
            ProblemKind.ERROR,
            ProblemKind.MISSING);
    assertThat(r.problems().get(4).text())
        .isEqualTo("tenant `default_tenant`: 1 of 2 blueprints missing");
    assertThat(r.problems().get(0).text())
        .isEqualTo("blueprint `bp-1` not restored: 400: simulated failure (fault knob)");
    assertThat(r.errors().get(0).kind()).isEqualTo(EntityKind.BLUEPRINTS);
    assertThat(r.errors().get(1).kind()).isEqualTo(EntityKind.NODES);
    assertThat(r.errors().get(1).id()).isNull();
    assertThat(r.errors().get(2).kind()).isEqualTo(EntityKind.USER_GROUPS);
    assertThat(r.errors().get(2).id()).isEqualTo("admins");
    assertThat(r.errors().get(3).perEntity()).isFalse();
    assertThat(r.problemCount()).isEqualTo("5 problems");
    assertThat(r.missingTotal()).isEqualTo(1);
    assertThat(r.summary())
        .isEqualTo(
            "1 of 15 entities of the archive are missing; 3 entity error(s); 1 other error(s)");
  }

  @Test
  void withoutAPreviewOnlyErrorsJudge() {
    RestoreReceipt clean = RestoreReceipt.of(null, actual(0, 0), List.of());
    assertThat(clean.clean()).isTrue();
    assertThat(clean.compared()).isFalse();
    assertThat(clean.summary()).startsWith("counts could not be compared");
    RestoreReceipt failed =
        RestoreReceipt.of(
            null, null, List.of(new ExecutionError(T, "Error restoring site s1: 400: x")));
    assertThat(failed.clean()).isFalse();
    assertThat(failed.problemLines(10)).containsExactly("site `s1` not restored: 400: x");
  }

  @Test
  void aTenantTheManagerLacksHasAllItsEntitiesMissing() {
    ArchivePreview p =
        preview(tenant("gone", Map.of(EntityKind.BLUEPRINTS, 2L, EntityKind.DEPLOYMENTS, 1L)));
    RestoreReceipt r = RestoreReceipt.of(p, actual(0, 0), List.of());
    assertThat(r.problemLines(10))
        .containsExactly(
            "tenant `gone`: 2 of 2 blueprints missing",
            "tenant `gone`: 1 of 1 deployments missing");
  }

  @Test
  void messagesAreRedactedTruncatedAndListsCapped() {
    String secret =
        "Error restoring secret db-pw: 400: bad value password=hunter2hunter2 " + "x".repeat(900);
    RestoreReceipt r =
        RestoreReceipt.of(
            null,
            null,
            java.util.stream.IntStream.range(0, 14)
                .mapToObj(
                    i ->
                        new ExecutionError(
                            T, i == 0 ? secret : "Error restoring plugin p" + i + ": 500: boom"))
                .toList());
    String first = r.problems().get(0).text();
    assertThat(first).doesNotContain("hunter2").startsWith("secret `db-pw` not restored: 400:");
    assertThat(r.errors().get(0).message().length()).isLessThanOrEqualTo(300);
    List<String> lines = r.problemLines(RestoreReceipt.MAX_LISTED);
    assertThat(lines).hasSize(11).last().isEqualTo("and 4 more");
  }
}
