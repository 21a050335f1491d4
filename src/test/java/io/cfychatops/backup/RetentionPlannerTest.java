package io.cfychatops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetentionPlannerTest {
  static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");
  final RetentionPlanner planner = new RetentionPlanner(ZoneOffset.UTC);

  /** A nightly at {@code yyyyMMdd-HHmm} UTC. */
  static RetentionPlanner.Candidate c(String stamp, boolean verified) {
    LocalDateTime t = LocalDateTime.parse(stamp, ID);
    return new RetentionPlanner.Candidate(
        "nightly-default-" + stamp, t.toInstant(ZoneOffset.UTC), verified);
  }

  /** Verified nightlies at 02:00 on {@code days} consecutive days ending {@code last}. */
  static List<RetentionPlanner.Candidate> nightlies(String last, int days) {
    LocalDate end = LocalDate.parse(last);
    List<RetentionPlanner.Candidate> out = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      out.add(c(ID.format(end.minusDays(i).atTime(2, 0)), true));
    }
    return out;
  }

  static String id(String stamp) {
    return "nightly-default-" + stamp;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "empty policy deletes nothing",
            RetentionPolicy.NONE,
            nightlies("2024-08-12", 5),
            Set.of(),
            List.of()),
        Arguments.of(
            "empty list, any policy", RetentionPolicy.DEFAULT, List.of(), Set.of(), List.of()),
        Arguments.of(
            "keep-last 2 keeps the two newest",
            new RetentionPolicy(2, 0, 0, 0),
            nightlies("2024-08-12", 5),
            Set.of(),
            List.of(id("20240810-0200"), id("20240809-0200"), id("20240808-0200"))),
        Arguments.of(
            "daily 3: newest copy of each of the 3 newest days",
            new RetentionPolicy(0, 3, 0, 0),
            Stream.concat(nightlies("2024-08-12", 4).stream(), Stream.of(c("20240812-1400", true)))
                .toList(),
            Set.of(),
            List.of(id("20240812-0200"), id("20240809-0200"))),
        Arguments.of(
            "weekly 2: newest of the 2 newest ISO weeks",
            new RetentionPolicy(0, 0, 2, 0),
            // 2024-08-12 is a Monday: W33 has 1 copy, W32 has 7, W31 has 7
            nightlies("2024-08-12", 15),
            Set.of(),
            nightlies("2024-08-10", 13).stream()
                .map(RetentionPlanner.Candidate::snapshotId)
                .filter(s -> !s.equals(id("20240811-0200")))
                .toList()),
        Arguments.of(
            "monthly 2: newest of the 2 newest months",
            new RetentionPolicy(0, 0, 0, 2),
            List.of(
                c("20240812-0200", true),
                c("20240801-0200", true),
                c("20240731-0200", true),
                c("20240715-0200", true),
                c("20240630-0200", true)),
            Set.of(),
            List.of(id("20240801-0200"), id("20240715-0200"), id("20240630-0200"))),
        Arguments.of(
            "GFS: keep-last 1, daily 2, weekly 2, monthly 2 over 60 nights",
            new RetentionPolicy(1, 2, 2, 2),
            nightlies("2024-08-12", 60),
            Set.of(),
            nightlies("2024-08-12", 60).stream()
                .map(RetentionPlanner.Candidate::snapshotId)
                .filter(
                    s ->
                        !Set.of(id("20240812-0200"), id("20240811-0200"), id("20240731-0200"))
                            .contains(s))
                .toList()),
        Arguments.of(
            "a copy a running operation uses is kept",
            new RetentionPolicy(1, 0, 0, 0),
            nightlies("2024-08-12", 3),
            Set.of(id("20240810-0200")),
            List.of(id("20240811-0200"))),
        Arguments.of(
            "newest verified kept although unverified copies are newer",
            new RetentionPolicy(1, 0, 0, 0),
            List.of(c("20240812-0200", false), c("20240811-0200", true), c("20240810-0200", true)),
            Set.of(),
            List.of(id("20240810-0200"))),
        Arguments.of(
            "unverified older than the newest verified is deleted",
            new RetentionPolicy(5, 0, 0, 0),
            List.of(c("20240812-0200", true), c("20240811-0200", false), c("20240810-0200", true)),
            Set.of(),
            List.of(id("20240811-0200"))),
        Arguments.of(
            "no verified copy at all: nothing is deleted",
            new RetentionPolicy(1, 1, 1, 1),
            List.of(c("20240812-0200", false), c("20240811-0200", false)),
            Set.of(),
            List.of()),
        Arguments.of(
            "in-use and empty policy together still delete nothing",
            RetentionPolicy.NONE,
            nightlies("2024-08-12", 3),
            Set.of(id("20240810-0200")),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plans(
      String name,
      RetentionPolicy policy,
      List<RetentionPlanner.Candidate> candidates,
      Set<String> inUse,
      List<String> expectedDeletes) {
    RetentionPlanner.Plan plan = planner.plan("default", policy, candidates, inUse::contains);

    assertThat(plan.toDelete())
        .extracting(RetentionPlanner.Decision::snapshotId)
        .containsExactlyInAnyOrderElementsOf(expectedDeletes);
    assertThat(plan.decisions())
        .hasSize(candidates.size())
        .allSatisfy(d -> assertThat(d.reasons()).isNotEmpty());
    // the never-delete rules hold in every case
    candidates.stream()
        .filter(RetentionPlanner.Candidate::verified)
        .max(java.util.Comparator.comparing(RetentionPlanner.Candidate::createdAt))
        .ifPresent(newest -> assertThat(expectedDeletes).doesNotContain(newest.snapshotId()));
    assertThat(plan.toDelete()).noneMatch(d -> inUse.contains(d.snapshotId()));
  }

  @Test
  void reasonsExplainEachDecision() {
    RetentionPlanner.Plan plan =
        planner.plan(
            "default",
            new RetentionPolicy(1, 2, 0, 0),
            List.of(
                c("20240812-0200", true),
                c("20240812-1400", false),
                c("20240811-1400", true),
                c("20240811-0200", true),
                c("20240810-0200", true),
                c("20240809-0200", true)),
            Set.of(id("20240809-0200"))::contains);

    assertThat(plan.decisions())
        .extracting(RetentionPlanner.Decision::snapshotId)
        .startsWith(id("20240812-1400"), id("20240812-0200"));
    assertThat(reasons(plan, "20240812-1400"))
        .contains("unverified, but newer than any verified copy");
    assertThat(reasons(plan, "20240812-0200"))
        .contains(
            "newest verified copy: never deleted",
            "keep-last: #1 of 1",
            "daily: newest of 2024-08-12 (bucket 1 of 2)");
    assertThat(reasons(plan, "20240811-1400")).contains("daily: newest of 2024-08-11");
    assertThat(reasons(plan, "20240811-0200"))
        .contains("keep-last: #3, beyond 1", "daily: 2024-08-11 is kept by " + id("20240811-1400"));
    assertThat(reasons(plan, "20240810-0200"))
        .contains("daily: 2024-08-10 is outside the 2 newest daily buckets");
    assertThat(reasons(plan, "20240809-0200")).contains("used by a running operation");
  }

  private static String reasons(RetentionPlanner.Plan plan, String stamp) {
    return plan.decisions().stream()
        .filter(d -> d.snapshotId().equals(id(stamp)))
        .findFirst()
        .map(d -> (d.keep() ? "KEEP " : "DELETE ") + String.join("; ", d.reasons()))
        .orElseThrow();
  }
}
