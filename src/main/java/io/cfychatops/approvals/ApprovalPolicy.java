package io.cfychatops.approvals;

import io.cfychatops.access.Role;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How one action on one manager is approved.
 *
 * @param required whether the action waits for approval at all
 * @param requiredVotes distinct approvals needed (quorum), at least 1
 * @param approverRoles roles whose holders may vote (any one suffices)
 * @param approverGroups chat user groups whose members may vote, in addition to the roles
 * @param expiry how long a request stays open
 * @param reasonRequired whether the requester must say why
 * @param typedConfirmation whether the vote that completes the quorum must type the request's
 *     confirmation text ({@link ApprovalRequest#confirmationText()}: the snapshot id); config
 *     {@code confirm: typed} on a rule, or {@code production: true} on the manager
 */
public record ApprovalPolicy(
    boolean required,
    int requiredVotes,
    Set<Role> approverRoles,
    Set<String> approverGroups,
    Duration expiry,
    boolean reasonRequired,
    boolean typedConfirmation) {

  public static final int DEFAULT_REQUIRED_VOTES = 1;
  public static final Set<Role> DEFAULT_APPROVER_ROLES = Set.of(Role.APPROVER, Role.ADMIN);
  public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(30);

  /** Upper bound on {@link #expiry()}: a request open for days is a forgotten request. */
  public static final Duration MAX_EXPIRY = Duration.ofDays(7);

  /** Approval required: one vote from an approver or admin within 30 minutes, no reason needed. */
  public static final ApprovalPolicy DEFAULT =
      new ApprovalPolicy(
          true,
          DEFAULT_REQUIRED_VOTES,
          DEFAULT_APPROVER_ROLES,
          Set.of(),
          DEFAULT_EXPIRY,
          false,
          false);

  /** The action runs without approval. */
  public static final ApprovalPolicy NOT_REQUIRED =
      new ApprovalPolicy(
          false,
          DEFAULT_REQUIRED_VOTES,
          DEFAULT_APPROVER_ROLES,
          Set.of(),
          DEFAULT_EXPIRY,
          false,
          false);

  /** Without typed confirmation. */
  public ApprovalPolicy(
      boolean required,
      int requiredVotes,
      Set<Role> approverRoles,
      Set<String> approverGroups,
      Duration expiry,
      boolean reasonRequired) {
    this(required, requiredVotes, approverRoles, approverGroups, expiry, reasonRequired, false);
  }

  public ApprovalPolicy {
    approverRoles = Set.copyOf(approverRoles == null ? DEFAULT_APPROVER_ROLES : approverRoles);
    approverGroups = Set.copyOf(approverGroups == null ? Set.of() : approverGroups);
    expiry = expiry == null ? DEFAULT_EXPIRY : expiry;
    if (requiredVotes < 1 || requiredVotes > 10) {
      throw new IllegalArgumentException("requiredVotes must be 1..10, was " + requiredVotes);
    }
    if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
      throw new IllegalArgumentException(
          "expiry must be > 0 and <= " + MAX_EXPIRY + ", was " + expiry);
    }
    if (required && approverRoles.isEmpty() && approverGroups.isEmpty()) {
      throw new IllegalArgumentException(
          "an approval policy needs at least one approver role or group");
    }
  }

  public ApprovalPolicy withRequiredVotes(int n) {
    return new ApprovalPolicy(
        required, n, approverRoles, approverGroups, expiry, reasonRequired, typedConfirmation);
  }

  public ApprovalPolicy withExpiry(Duration d) {
    return new ApprovalPolicy(
        required,
        requiredVotes,
        approverRoles,
        approverGroups,
        d,
        reasonRequired,
        typedConfirmation);
  }

  public ApprovalPolicy withReasonRequired(boolean r) {
    return new ApprovalPolicy(
        required, requiredVotes, approverRoles, approverGroups, expiry, r, typedConfirmation);
  }

  public ApprovalPolicy withApprovers(Set<Role> roles, Set<String> groups) {
    return new ApprovalPolicy(
        required,
        requiredVotes,
        Objects.requireNonNull(roles),
        groups,
        expiry,
        reasonRequired,
        typedConfirmation);
  }

  /** The same policy with typed confirmation of the quorum-completing vote on or off. */
  public ApprovalPolicy withTypedConfirmation(boolean t) {
    return new ApprovalPolicy(
        required, requiredVotes, approverRoles, approverGroups, expiry, reasonRequired, t);
  }
}
