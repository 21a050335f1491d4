package io.cfychatops.access;

import java.util.Locale;

/**
 * Roles, from least to most powerful. {@code admin} implies every role; {@code operator} and
 * {@code approver} each imply {@code viewer}; an approver is not an operator (the person who
 * approves need not be able to ask).
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

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}
