package io.cfychatops.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccessControlTest {
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final Map<String, Set<String>> groups =
      new ConcurrentHashMap<>(Map.of("sre-leads", Set.of("U_ANA")));
  private final AtomicInteger lookups = new AtomicInteger();

  private AccessControl access() {
    List<Grant> grants =
        List.of(
            new Grant("*", Role.VIEWER, Set.of("U_VIEW"), Set.of()),
            new Grant("*", Role.OPERATOR, Set.of("alice"), Set.of()),
            new Grant("prod", Role.APPROVER, Set.of(), Set.of("sre-leads")),
            new Grant("dev", Role.ADMIN, Set.of("root"), Set.of()));
    GroupDirectory dir =
        g -> {
          lookups.incrementAndGet();
          return groups.getOrDefault(g, Set.of());
        };
    return new AccessControl(
        grants, dir, Duration.ofMinutes(5), ticker, Runnable::run, "#platform");
  }

  @Test
  void rolesImplyViewerAndAdminImpliesEverything() {
    AccessControl a = access();
    assertThat(a.has("alice", "prod", Role.VIEWER)).isTrue();
    assertThat(a.has("alice", "prod", Role.OPERATOR)).isTrue();
    assertThat(a.has("alice", "prod", Role.APPROVER)).isFalse();
    assertThat(a.has("root", "dev", Role.APPROVER)).isTrue();
    assertThat(a.has("root", "prod", Role.VIEWER)).isFalse();
    assertThat(a.has("U_VIEW", "dev", Role.OPERATOR)).isFalse();
  }

  @Test
  void groupMembershipGrantsRolesPerManager() {
    AccessControl a = access();
    assertThat(a.has("U_ANA", "prod", Role.APPROVER)).isTrue();
    assertThat(a.has("U_ANA", "dev", Role.APPROVER)).isFalse();
    assertThat(a.has("U_BOB", "prod", Role.APPROVER)).isFalse();
  }

  @Test
  void deniedAnswerNamesTheMissingRoleAndWhoGrantsIt() {
    assertThat(access().check("dave", "prod", Role.OPERATOR, "create snapshots"))
        .hasValueSatisfying(
            s ->
                assertThat(s)
                    .contains("`operator`")
                    .contains("`prod`")
                    .contains("no role")
                    .contains("#platform"));
    assertThat(access().check("alice", "prod", Role.OPERATOR, "create snapshots")).isEmpty();
  }

  @Test
  void groupMembershipIsCachedAndRefreshedAfterTheTtl() {
    AccessControl a = access();
    assertThat(a.inGroup("U_ANA", "sre-leads")).isTrue();
    assertThat(a.inGroup("U_ANA", "sre-leads")).isTrue();
    assertThat(lookups).hasValue(1);
    groups.put("sre-leads", Set.of("U_NEW"));
    nanos.addAndGet(Duration.ofMinutes(6).toNanos());
    a.inGroup("U_NEW", "sre-leads"); // stale read triggers the refresh (run inline here)
    assertThat(a.inGroup("U_NEW", "sre-leads")).isTrue();
    assertThat(a.inGroup("U_ANA", "sre-leads")).isFalse();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aRemovedMemberLosesTheGroupsRoleAtTheTtlEvenIfNoRefreshRan() {
    // refreshes are queued but never run: only the hard expiry can drop the stale member list
    AccessControl a =
        new AccessControl(
            List.of(new Grant("prod", Role.APPROVER, Set.of(), Set.of("sre-leads"))),
            g -> {
              lookups.incrementAndGet();
              return groups.getOrDefault(g, Set.of());
            },
            Duration.ofMinutes(5),
            ticker,
            task -> {},
            "#platform");
    assertThat(a.has("U_ANA", "prod", Role.APPROVER)).isTrue();
    groups.put("sre-leads", Set.of()); // U_ANA removed from the group in Slack
    nanos.addAndGet(Duration.ofMinutes(5).toNanos() - 1);
    assertThat(a.has("U_ANA", "prod", Role.APPROVER))
        .as("within the TTL the fetched list may be used")
        .isTrue();
    nanos.addAndGet(1);
    assertThat(a.has("U_ANA", "prod", Role.APPROVER))
        .as("not a minute longer than the TTL")
        .isFalse();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aFailedLookupIsNotCachedAndIsNotReadAsNoMembers() {
    java.util.concurrent.atomic.AtomicBoolean slackDown =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    AccessControl a =
        new AccessControl(
            List.of(new Grant("prod", Role.APPROVER, Set.of(), Set.of("sre-leads"))),
            g -> {
              lookups.incrementAndGet();
              if (slackDown.get()) {
                throw new IllegalStateException("usergroups.users.list timed out");
              }
              return groups.getOrDefault(g, Set.of());
            },
            Duration.ofMinutes(5),
            ticker,
            Runnable::run,
            "#platform");
    assertThatThrownBy(() -> a.has("U_ANA", "prod", Role.APPROVER))
        .isInstanceOf(GroupLookupException.class)
        .hasMessageContaining("Could not check your membership of user group `sre-leads`")
        .hasMessageContaining("try again");
    assertThatThrownBy(() -> a.check("U_ANA", "prod", Role.APPROVER, "vote"))
        .isInstanceOf(GroupLookupException.class);
    slackDown.set(false); // Slack answers again: no waiting for a cached failure to expire
    assertThat(a.has("U_ANA", "prod", Role.APPROVER)).isTrue();
    assertThat(lookups).hasValue(3);
  }

  @Test
  void aDirectGrantNeedsNoGroupLookup() {
    AccessControl a =
        new AccessControl(
            List.of(
                new Grant("*", Role.OPERATOR, Set.of("alice"), Set.of()),
                new Grant("*", Role.OPERATOR, Set.of(), Set.of("ops"))),
            g -> {
              throw new IllegalStateException("Slack is down");
            },
            Duration.ofMinutes(5),
            ticker,
            Runnable::run,
            "#platform");
    assertThat(a.has("alice", "prod", Role.OPERATOR)).isTrue();
    assertThat(a.managers("alice", Role.VIEWER, List.of("prod", "dev")))
        .containsExactly("prod", "dev");
    assertThatThrownBy(() -> a.has("bob", "prod", Role.OPERATOR))
        .isInstanceOf(GroupLookupException.class);
  }

  @Test
  void managersAreFilteredToWhatTheUserMayView() {
    AccessControl a = access();
    assertThat(a.managers("root", Role.VIEWER, List.of("prod", "dev", "staging")))
        .containsExactly("dev");
    assertThat(a.managers("U_ANA", Role.VIEWER, List.of("prod", "dev"))).containsExactly("prod");
    assertThat(a.managers("nobody", Role.VIEWER, List.of("prod", "dev"))).isEmpty();
  }

  @Test
  void withNoGrantAtAllTheRefusalSaysHowToNameTheFirstAdmin() {
    AccessControl a = new AccessControl(List.of(), GroupDirectory.none(), "an admin of this bot");
    assertThat(a.noGrants()).isTrue();
    assertThat(a.check("U123", "default", Role.VIEWER, "list snapshots"))
        .hasValueSatisfying(
            s ->
                assertThat(s)
                    .contains("CFY_CHATOPS_ADMINS")
                    .contains("`U123`")
                    .doesNotContain("Ask an admin"));
  }
}
