package io.cfychatops.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Roles, from least to most powerful. {@code admin} implies every role; {@code operator} and {@code
 * approver} each imply {@code viewer}; an approver is not an operator (the person who approves need
 * not be able to ask).
 *
 * <p>The bot holds roles as this enum everywhere in memory; the lower-case {@link #label()} is the
 * spelling at the two edges only: the config file ({@code role:}, {@code approver_roles:}) and the
 * {@code approver_roles} column of the store.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  APPROVER,
  ADMIN;

  /** True when holding this role is enough for {@code needed}. */
  public boolean implies(Role needed) {
    return this == needed || this == ADMIN || needed == VIEWER;
  }

  /** The spelling in the config file, the store and messages: {@code viewer}, {@code admin}, … */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role spelled {@code s} (case and surrounding blanks ignored), or empty (also for null). */
  public static Optional<Role> tryParse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String t = s.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.name().equals(t)).findFirst();
  }

  /** Every label, weakest role first: {@code [viewer, operator, approver, admin]}. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(Role::label).toList();
  }

  /** Labels of {@code roles}, sorted alphabetically and joined with {@code separator}. */
  public static String join(Collection<Role> roles, String separator) {
    return roles.stream().map(Role::label).sorted().collect(Collectors.joining(separator));
  }
}
