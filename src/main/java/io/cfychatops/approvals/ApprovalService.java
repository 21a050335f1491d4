package io.cfychatops.approvals;

import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.MessageRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval rules: open a request, count votes, decide exactly once, expire by the clock,
 * supersede when the target changed.
 *
 * <p>Exactly-once: every decision is a compare-and-set in the {@link ApprovalRepository} ({@code
 * pending → approved|denied|expired|cancelled|superseded}); only the caller whose update won gets
 * {@link VoteOutcome.Approved} (or {@code Denied}, {@code Cancelled}, an entry in {@link
 * #expireDue()}). This holds across any number of service instances sharing one database.
 *
 * <p>Every open, vote, decision, cancel, expiry, supersede and refusal is appended to the audit log
 * (kind {@code approval}). Thread-safe; all state lives in the repository.
 */
public final class ApprovalService {
  private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);
  static final String KIND = "approval";

  private final ApprovalRepository repo;
  private final AuditLog audit;
  private final Clock clock;
  private final IdGenerator ids;
  private final Supersessions supersessions;
  private final ApprovalRefusals refusals;

  public ApprovalService(
      ApprovalRepository repo, AuditRepository audit, Clock clock, IdGenerator ids) {
    this.repo = Objects.requireNonNull(repo, "repo");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.audit = new AuditLog(Objects.requireNonNull(audit, "audit"), clock);
    this.ids = Objects.requireNonNull(ids, "ids");
    this.supersessions = new Supersessions(repo, this.audit, clock);
    this.refusals = new ApprovalRefusals(this.repo, this.audit);
  }

  /** The audit façade this service writes to. */
  public AuditLog auditLog() {
    return audit;
  }

  /**
   * Opens a pending request expiring at now + {@code policy.expiry()}.
   *
   * @throws ApprovalException when the policy requires a reason and none was given
   * @throws IllegalArgumentException when the policy does not require approval (caller bug)
   */
  public ApprovalRequest open(NewApproval n) {
    ApprovalPolicy p = n.policy();
    if (!p.required()) {
      throw new IllegalArgumentException(
          n.action() + " on " + n.manager() + " does not require approval; run it directly");
    }
    if (p.reasonRequired() && n.reason() == null) {
      throw new ApprovalException(
          "A reason is required for "
              + n.action()
              + " on "
              + n.manager()
              + ". Add one, e.g. `"
              + n.commandText()
              + " --reason \"restore after failed upgrade\"`.");
    }
    Instant now = clock.instant();
    ApprovalRequest r =
        new ApprovalRequest(
            ids.nextRequestId(),
            n.manager(),
            n.tenant(),
            n.managerUrl(),
            n.action(),
            n.commandText(),
            n.fingerprint(),
            n.requester(),
            n.channel(),
            n.reason(),
            n.plan(),
            n.snapshotId(),
            n.snapshotCreatedAt(),
            n.snapshotStatus(),
            p.requiredVotes(),
            p.approverRoles(),
            p.approverGroups(),
            ApprovalStatus.PENDING,
            null,
            now,
            now.plus(p.expiry()),
            null,
            null,
            null,
            0);
    repo.insert(r);
    audit.record(
        n.requester(),
        n.channel(),
        n.manager(),
        KIND,
        "open",
        r.id()
            + " "
            + n.commandText()
            + " (needs "
            + p.requiredVotes()
            + ", expires "
            + ApprovalTexts.utc(r.expiresAt())
            + ")"
            + (n.reason() == null ? "" : " reason: " + n.reason()));
    return r;
  }

  public Optional<ApprovalRequest> find(String requestId) {
    return IdGenerator.isValidRequestId(requestId) ? repo.find(requestId) : Optional.empty();
  }

  public List<Vote> votes(String requestId) {
    return repo.votes(requestId);
  }

  /** Pending requests, oldest first (re-render their cards after a restart). */
  public List<ApprovalRequest> pending() {
    return repo.findPending();
  }

  /** Remembers where the request's card was posted, so sweeps and votes can update it. */
  public boolean attachMessage(String requestId, MessageRef ref) {
    return repo.setMessageRef(requestId, ref);
  }

  /**
   * Links the operation the {@link VoteOutcome.Approved} caller started; true only the first time
   * and only for an approved request.
   */
  public boolean linkOperation(String requestId, String operationId) {
    return repo.setOperationId(requestId, operationId);
  }

  /**
   * Links the operation started from an approved request and, in the same transaction and only if
   * this call linked it, appends the audit line {@code operation/start} by the requester: however
   * many callers race (the voter, a sweeper on any replica, the operation's own first step), the
   * link and its audit line exist exactly once. True when this call linked it.
   */
  public boolean linkOperation(ApprovalRequest r, String operationId, String detail) {
    AuditEntry e =
        audit.entry(r.requester(), r.channel(), r.manager(), "operation", "start", detail);
    return repo.setOperationId(r.id(), operationId, e);
  }

  /**
   * Approved requests whose operation was never linked (a crash between the vote and the start).
   */
  public List<ApprovalRequest> approvedWithoutOperation() {
    return repo.findApprovedWithoutOperation();
  }

  /**
   * The re-check an approved operation makes in its first step: compares the target as it is now
   * with the approved one; on a difference the request is superseded (even though {@code
   * operationId} is already linked to it) with a reason naming what changed. Unusable when the
   * request is not approved, or another operation was started from it.
   */
  public FingerprintCheck recheckForOperation(
      String requestId, String operationId, Fingerprint.Inputs current) {
    return supersessions.recheckForOperation(requestId, operationId, current);
  }

  /**
   * Supersedes an approved request whose operation {@code operationId} (linked or not yet) found in
   * its first step that it must not run. Returns the request if this call did it.
   */
  public Optional<ApprovalRequest> supersedeForOperation(
      String requestId, String operationId, String reason) {
    return supersessions.supersedeForOperation(requestId, operationId, reason);
  }

  /**
   * Marks a pending or approved (not yet started) request superseded, e.g. because a newer
   * identical request was opened or the target changed. Returns the request if this call did it.
   */
  public Optional<ApprovalRequest> supersede(String requestId, String reason) {
    return supersessions.supersede(requestId, reason);
  }

  /**
   * Compares the target as it is now with the approved one, field by field; on a difference the
   * request is superseded with a reason naming what changed.
   */
  public FingerprintCheck checkFingerprint(String requestId, Fingerprint.Inputs current) {
    return supersessions.checkFingerprint(requestId, current);
  }

  /** As {@link #checkFingerprint(String, Fingerprint.Inputs)} with only a digest to compare. */
  public FingerprintCheck checkFingerprint(String requestId, String currentFingerprint) {
    return supersessions.checkFingerprint(requestId, currentFingerprint);
  }

  /**
   * Counts a vote. See {@link VoteOutcome} for the outcomes and {@link RefusalKind} for refusals. A
   * DENY from any eligible voter ends the request; APPROVE counts toward {@code requiredVotes}.
   */
  public VoteOutcome vote(
      String requestId, ChatUser voter, Decision decision, Eligibility eligibility) {
    return vote(requestId, voter, decision, eligibility, Confirmation.NONE);
  }

  /**
   * As {@link #vote(String, ChatUser, Decision, Eligibility)}, with typed confirmation: see {@link
   * Confirmation}. A refused confirmation ({@link RefusalKind#CONFIRMATION_REQUIRED}, {@link
   * RefusalKind#CONFIRMATION_MISMATCH}) counts nothing and is audited as a refusal.
   */
  public VoteOutcome vote(
      String requestId,
      ChatUser voter,
      Decision decision,
      Eligibility eligibility,
      Confirmation confirmation) {
    Objects.requireNonNull(voter, "voter");
    Objects.requireNonNull(confirmation, "confirmation");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(eligibility, "eligibility");
    String verb = decision == Decision.APPROVE ? "approve" : "deny";

    Optional<VoteOutcome.Refused> bad = refusals.checkReference(requestId, voter, verb);
    if (bad.isPresent()) {
      return bad.get();
    }
    ApprovalRequest r = repo.find(requestId).orElseThrow();
    Instant now = clock.instant();

    if (!r.isPending()) {
      return refusals.refuse(RefusalKind.NOT_PENDING, ApprovalTexts.notPending(r), r, voter, verb);
    }
    if (!now.isBefore(r.expiresAt())) {
      ApprovalRequest after = expire(r, now).orElseGet(() -> reread(r));
      if (after.status() != ApprovalStatus.EXPIRED) {
        return refusals.refuse(
            RefusalKind.NOT_PENDING, ApprovalTexts.notPending(after), after, voter, verb);
      }
      return refusals.refuse(
          RefusalKind.EXPIRED,
          "Request "
              + r.id()
              + " expired at "
              + ApprovalTexts.utc(r.expiresAt())
              + "; ask again if it is still needed.",
          after,
          voter,
          verb);
    }
    if (r.isRequester(voter)) {
      String msg =
          decision == Decision.APPROVE
              ? "You asked for this, so you can't approve it — another approver must."
              : "You asked for this; use *Cancel request* to withdraw it.";
      return refusals.refuse(RefusalKind.SELF_APPROVAL, msg, r, voter, verb);
    }
    Optional<String> whyNot = eligibility.whyNot(voter, r);
    if (whyNot.isPresent()) {
      return refusals.refuse(RefusalKind.NOT_ELIGIBLE, whyNot.get(), r, voter, verb);
    }

    Optional<VoteOutcome.Refused> unconfirmed =
        TypedConfirmations.check(refusals, repo, r, voter, decision, confirmation);
    if (unconfirmed.isPresent()) {
      return unconfirmed.get();
    }
    boolean mayComplete = !confirmation.required() || confirmation.matches(r);
    Vote v = new Vote(r.id(), voter, decision, now);
    ApprovalRepository.Cast cast = repo.castVote(v, r.requiredVotes(), mayComplete, now);
    switch (cast.insert()) {
      case DUPLICATE -> {
        List<Vote> approvals = approvals(repo.votes(r.id()));
        return refusals.refuse(
            RefusalKind.ALREADY_VOTED,
            "You already voted on "
                + r.id()
                + "; one person counts once. "
                + ApprovalTexts.tally(approvals, r.requiredVotes()),
            r,
            voter,
            verb);
      }
      case NOT_PENDING -> {
        ApprovalRequest now2 = reread(r);
        return refusals.refuse(
            RefusalKind.NOT_PENDING, ApprovalTexts.notPending(now2), now2, voter, verb);
      }
      case NEEDS_CONFIRMATION -> {
        return TypedConfirmations.required(refusals, r, voter);
      }
      case INSERTED -> {
        // counted below
      }
    }
    if (cast.decided() == ApprovalStatus.DENIED) {
      audit.record(
          voter, r.channel(), r.manager(), KIND, "deny", r.id() + " denied by " + voter.handle());
      return new VoteOutcome.Denied(reread(r), voter);
    }
    List<Vote> approvals = cast.approvals();
    audit.record(
        voter,
        r.channel(),
        r.manager(),
        KIND,
        "approve",
        r.id() + " " + ApprovalTexts.tally(approvals, r.requiredVotes()));
    if (cast.decided() == ApprovalStatus.APPROVED) {
      String reason =
          "approved by "
              + approvals.stream().map(a2 -> a2.voter().handle()).collect(Collectors.joining(", "));
      audit.record(voter, r.channel(), r.manager(), KIND, "approved", r.id() + " " + reason);
      return new VoteOutcome.Approved(reread(r), approvals);
    }
    return new VoteOutcome.Recorded(reread(r), approvals, r.requiredVotes());
  }

  /** Cancels a pending request; only its requester may, unless {@code eligibility.isAdmin}. */
  public CancelOutcome cancel(String requestId, ChatUser who, Eligibility eligibility) {
    Objects.requireNonNull(who, "who");
    Optional<VoteOutcome.Refused> bad = refusals.checkReference(requestId, who, "cancel");
    if (bad.isPresent()) {
      return new CancelOutcome.Refused(bad.get().kind(), bad.get().reason(), null);
    }
    ApprovalRequest r = repo.find(requestId).orElseThrow();
    if (!r.isRequester(who) && (eligibility == null || !eligibility.isAdmin(who, r))) {
      VoteOutcome.Refused x =
          refusals.refuse(
              RefusalKind.NOT_REQUESTER,
              "Only "
                  + r.requester().handle()
                  + " (who asked) or an admin can cancel "
                  + r.id()
                  + ".",
              r,
              who,
              "cancel");
      return new CancelOutcome.Refused(x.kind(), x.reason(), r);
    }
    String reason = "cancelled by " + who.handle();
    if (repo.transition(
        r.id(),
        EnumSet.of(ApprovalStatus.PENDING),
        ApprovalStatus.CANCELLED,
        reason,
        clock.instant())) {
      audit.record(who, r.channel(), r.manager(), KIND, "cancel", r.id() + " " + reason);
      return new CancelOutcome.Cancelled(reread(r));
    }
    ApprovalRequest after = reread(r);
    VoteOutcome.Refused x =
        refusals.refuse(
            RefusalKind.NOT_PENDING, ApprovalTexts.notPending(after), after, who, "cancel");
    return new CancelOutcome.Refused(x.kind(), x.reason(), after);
  }

  /** Cancels a request as its requester (no admin override). */
  public CancelOutcome cancel(String requestId, ChatUser who) {
    return cancel(requestId, who, null);
  }

  /**
   * Moves every pending request whose expiry has passed to expired; returns the ones this call
   * moved (update their cards). Safe to run on every instance at once.
   */
  public List<ApprovalRequest> expireDue() {
    Instant now = clock.instant();
    List<ApprovalRequest> out = new ArrayList<>();
    for (ApprovalRequest r : repo.findPendingExpiredBefore(now)) {
      expire(r, now).ifPresent(out::add);
    }
    return out;
  }

  // ---- helpers ----

  private Optional<ApprovalRequest> expire(ApprovalRequest r, Instant now) {
    String reason = "expired at " + ApprovalTexts.utc(r.expiresAt());
    if (repo.transition(
        r.id(), EnumSet.of(ApprovalStatus.PENDING), ApprovalStatus.EXPIRED, reason, now)) {
      audit.record(
          AuditLog.SYSTEM, r.channel(), r.manager(), KIND, "expire", r.id() + " " + reason);
      return Optional.of(reread(r));
    }
    return Optional.empty();
  }

  private ApprovalRequest reread(ApprovalRequest r) {
    return repo.find(r.id()).orElse(r);
  }

  private static List<Vote> approvals(List<Vote> votes) {
    return votes.stream().filter(v -> v.decision() == Decision.APPROVE).toList();
  }
}
