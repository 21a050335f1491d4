package io.cfychatops.approvals;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What voids an approval, for {@link ApprovalService}: a newer reason to drop it (supersede), or a
 * target that is no longer the approved one (the fingerprint re-checks, before a decision and in an
 * approved operation's first step). Every change is a compare-and-set in the repository, audited
 * once by the caller that won.
 */
final class Supersessions {
  private static final Logger log = LoggerFactory.getLogger(Supersessions.class);

  private final ApprovalRepository repo;
  private final AuditLog audit;
  private final Clock clock;

  Supersessions(ApprovalRepository repo, AuditLog audit, Clock clock) {
    this.repo = repo;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The re-check an approved operation makes in its first step: compares the target as it is now
   * with the approved one; on a difference the request is superseded (even though {@code
   * operationId} is already linked to it) with a reason naming what changed. Unusable when the
   * request is not approved, or another operation was started from it.
   */
  FingerprintCheck recheckForOperation(
      String requestId, String operationId, Fingerprint.Inputs current) {
    Optional<ApprovalRequest> found = find(requestId);
    if (found.isEmpty()) {
      return new FingerprintCheck.Unusable(
          RefusalKind.UNKNOWN, "Unknown approval request " + requestId + ".");
    }
    ApprovalRequest r = found.get();
    if (r.status() != ApprovalStatus.APPROVED) {
      return new FingerprintCheck.Unusable(RefusalKind.NOT_PENDING, ApprovalTexts.notPending(r));
    }
    if (r.operationId() != null && !r.operationId().equals(operationId)) {
      return new FingerprintCheck.Unusable(
          RefusalKind.NOT_PENDING,
          "Request " + r.id() + " already started operation " + r.operationId() + ".");
    }
    if (r.fingerprint().equals(current.digest())) {
      return new FingerprintCheck.Match(r);
    }
    String reason = ApprovalTexts.explain(Fingerprint.Inputs.of(r), current);
    Optional<ApprovalRequest> s = supersedeForOperation(requestId, operationId, reason);
    if (s.isPresent()) {
      return new FingerprintCheck.Superseded(s.get(), reason);
    }
    return new FingerprintCheck.Unusable(
        RefusalKind.NOT_PENDING, ApprovalTexts.notPending(reread(r)));
  }

  /**
   * Supersedes an approved request whose operation {@code operationId} (linked or not yet) found in
   * its first step that it must not run. Returns the request if this call did it.
   */
  Optional<ApprovalRequest> supersedeForOperation(
      String requestId, String operationId, String reason) {
    Optional<ApprovalRequest> r = find(requestId);
    String why = "superseded: " + (reason == null || reason.isBlank() ? "no reason given" : reason);
    if (r.isEmpty() || !repo.supersedeForOperation(requestId, operationId, why, clock.instant())) {
      return Optional.empty();
    }
    audit.record(
        AuditLog.SYSTEM,
        r.get().channel(),
        r.get().manager(),
        ApprovalService.KIND,
        "supersede",
        requestId + " " + why);
    return Optional.of(reread(r.get()));
  }

  /**
   * Marks a pending or approved (not yet started) request superseded, e.g. because a newer
   * identical request was opened or the target changed. Returns the request if this call did it.
   */
  Optional<ApprovalRequest> supersede(String requestId, String reason) {
    if (!IdGenerator.isValidRequestId(requestId)) {
      return Optional.empty();
    }
    String why = "superseded: " + (reason == null || reason.isBlank() ? "no reason given" : reason);
    Optional<ApprovalRequest> r = repo.find(requestId);
    if (r.isEmpty()
        || !repo.transition(
            requestId,
            EnumSet.of(ApprovalStatus.PENDING, ApprovalStatus.APPROVED),
            ApprovalStatus.SUPERSEDED,
            why,
            clock.instant())) {
      return Optional.empty();
    }
    audit.record(
        AuditLog.SYSTEM,
        r.get().channel(),
        r.get().manager(),
        ApprovalService.KIND,
        "supersede",
        requestId + " " + why);
    return Optional.of(reread(r.get()));
  }

  /**
   * Compares the target as it is now with the approved one, field by field; on a difference the
   * request is superseded with a reason naming what changed.
   */
  FingerprintCheck checkFingerprint(String requestId, Fingerprint.Inputs current) {
    return check(requestId, current.digest(), current);
  }

  /** As {@link #checkFingerprint(String, Fingerprint.Inputs)} with only a digest to compare. */
  FingerprintCheck checkFingerprint(String requestId, String currentFingerprint) {
    return check(requestId, currentFingerprint, null);
  }

  private FingerprintCheck check(String requestId, String digest, Fingerprint.Inputs current) {
    Optional<ApprovalRequest> found = find(requestId);
    if (found.isEmpty()) {
      log.warn("Fingerprint check for unknown approval request {}", requestId);
      return new FingerprintCheck.Unusable(
          RefusalKind.UNKNOWN, "Unknown approval request " + requestId + ".");
    }
    ApprovalRequest r = found.get();
    if (r.status() != ApprovalStatus.PENDING && r.status() != ApprovalStatus.APPROVED) {
      return new FingerprintCheck.Unusable(RefusalKind.NOT_PENDING, ApprovalTexts.notPending(r));
    }
    if (r.fingerprint().equals(digest)) {
      return new FingerprintCheck.Match(r);
    }
    String reason =
        current == null
            ? "the target changed since approval"
            : ApprovalTexts.explain(Fingerprint.Inputs.of(r), current);
    Optional<ApprovalRequest> s = supersede(requestId, reason);
    if (s.isPresent()) {
      return new FingerprintCheck.Superseded(s.get(), reason);
    }
    return new FingerprintCheck.Unusable(
        RefusalKind.NOT_PENDING, ApprovalTexts.notPending(reread(r)));
  }

  private Optional<ApprovalRequest> find(String requestId) {
    return IdGenerator.isValidRequestId(requestId) ? repo.find(requestId) : Optional.empty();
  }

  private ApprovalRequest reread(ApprovalRequest r) {
    return repo.find(r.id()).orElse(r);
  }
}
