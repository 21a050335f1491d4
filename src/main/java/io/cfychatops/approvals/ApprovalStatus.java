package io.cfychatops.approvals;

import java.util.Locale;

/** Where an approval request stands. Only {@link #PENDING} accepts votes. */
public enum ApprovalStatus {
  PENDING,
  APPROVED,
  DENIED,
  EXPIRED,
  CANCELLED,
  SUPERSEDED;

  /** True for every state except {@link #PENDING}. */
  public boolean isFinal() {
    return this != PENDING;
  }

  /** Lower-case name, as stored and shown ("approved"). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #label()} (case-insensitive). */
  public static ApprovalStatus fromLabel(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
