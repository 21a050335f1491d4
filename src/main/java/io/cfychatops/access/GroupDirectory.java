package io.cfychatops.access;

import java.util.Set;

/** Resolves a user group (id or handle) to its members' user ids. */
@FunctionalInterface
public interface GroupDirectory {
  Set<String> members(String groupIdOrHandle);

  /** A directory with no groups (console without group config). */
  static GroupDirectory none() {
    return g -> Set.of();
  }
}
