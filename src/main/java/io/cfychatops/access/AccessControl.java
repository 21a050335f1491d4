package io.cfychatops.access;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cfychatops.config.Grant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a user holds a role on a manager, from the configured grants. Group membership
 * comes from a {@link GroupDirectory} through a cache refreshed every {@code groupTtl}; a lookup
 * failure counts as "not a member" (fail closed) and is logged.
 */
public final class AccessControl {
  public static final Duration DEFAULT_GROUP_TTL = Duration.ofMinutes(5);
  private static final Logger log = LoggerFactory.getLogger(AccessControl.class);

  private final List<Grant> grants;
  private final LoadingCache<String, Set<String>> groups;
  private final String contact;

  public AccessControl(
      List<Grant> grants, GroupDirectory directory, Duration groupTtl, Ticker ticker, Executor refresher, String contact) {
    this.grants = List.copyOf(grants);
    this.contact = contact;
    this.groups =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(refresher)
            .refreshAfterWrite(groupTtl)
            .expireAfterWrite(groupTtl.multipliedBy(4))
            .maximumSize(1_000)
            .build(
                g -> {
                  try {
                    return Set.copyOf(directory.members(g));
                  } catch (RuntimeException e) {
                    log.warn("user group {} lookup failed: {}", g, e.toString());
                    return Set.of();
                  }
                });
  }

  public AccessControl(List<Grant> grants, GroupDirectory directory, String contact) {
    this(grants, directory, DEFAULT_GROUP_TTL, Ticker.systemTicker(), ForkJoinPool.commonPool(), contact);
  }

  /** Every role the user holds on {@code manager} (directly or through a group). */
  public Set<Role> roles(String userId, String manager) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (Grant g : grants) {
      if (!g.appliesTo(manager)) {
        continue;
      }
      Role r = Role.parse(g.role());
      if (out.contains(r)) {
        continue;
      }
      if (g.users().contains(userId) || g.groups().stream().anyMatch(grp -> inGroup(userId, grp))) {
        out.add(r);
      }
    }
    return out;
  }

  public boolean has(String userId, String manager, Role needed) {
    return roles(userId, manager).stream().anyMatch(r -> r.implies(needed));
  }

  /** True when the user is in the group (id or handle). */
  public boolean inGroup(String userId, String group) {
    return groups.get(group).contains(userId);
  }

  /**
   * Empty when allowed; otherwise a kind explanation naming the missing role and who grants it.
   */
  public Optional<String> check(String userId, String manager, Role needed, String what) {
    if (has(userId, manager, needed)) {
      return Optional.empty();
    }
    Set<Role> held = roles(userId, manager);
    String heldText = held.isEmpty() ? "no role" : "the role(s) " + names(held);
    return Optional.of(
        "You need the `" + needed.label() + "` role on manager `" + manager + "` to " + what
            + "; you have " + heldText + ". Ask " + contact + " to grant it.");
  }

  /** Who may hold {@code role} on {@code manager}, as configured (user ids and group names). */
  public List<String> holders(String manager, Set<Role> roles) {
    List<String> out = new ArrayList<>();
    for (Grant g : grants) {
      if (g.appliesTo(manager) && roles.stream().anyMatch(r -> Role.parse(g.role()).implies(r))) {
        g.users().forEach(u -> out.add(u));
        g.groups().forEach(grp -> out.add("group " + grp));
      }
    }
    return out.stream().distinct().sorted().toList();
  }

  private static String names(Set<Role> roles) {
    return String.join(", ", roles.stream().map(Role::label).sorted().toList());
  }
}
