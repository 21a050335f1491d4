package io.cfychatops.access;

import java.util.Set;

/** Resolves a user group (id or handle) to its members' user ids. */
@FunctionalInterface
public interface GroupDirectory {
  /**
   * The group's members now. Throws (any runtime exception) when they cannot be fetched; an unknown
   * group has no members. {@link AccessControl} never caches a throw.
   */
  Set<String> members(String groupIdOrHandle);

  /** A directory with no groups (console without group config). */
  static GroupDirectory none() {
    return g -> Set.of();
  }
}
