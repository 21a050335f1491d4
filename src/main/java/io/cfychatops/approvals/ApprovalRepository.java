package io.cfychatops.approvals;

import io.cfychatops.chat.MessageRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Persistence port for approval requests and votes (implemented by {@code
 * store.JdbcApprovalRepository}). Every state change is a compare-and-set: the methods return
 * whether <em>this</em> call made the change, so concurrent callers on any number of instances
 * agree on one winner. Failures of the underlying store surface as unchecked exceptions.
 */
public interface ApprovalRepository {

  /** Result of {@link #insertVote}. */
  enum VoteInsert {
    /** The vote was recorded. */
    INSERTED,
    /** This voter had already voted on this request; nothing changed. */
    DUPLICATE,
    /** The request is not pending (or does not exist); nothing changed. */
    NOT_PENDING,
    /**
     * The approval would have completed the quorum but was cast without the typed confirmation the
     * request needs ({@code mayComplete} false); nothing changed.
     */
    NEEDS_CONFIRMATION
  }

  /** Result of {@link #castVote}: what happened to the vote, and the decision it caused, if any. */
  record Cast(VoteInsert insert, ApprovalStatus decided, List<Vote> approvals) {
    public Cast {
      approvals = List.copyOf(approvals);
    }
  }

  /**
   * Records a vote and, when it completes the request, decides it, in one transaction that first
   * locks the request row: concurrent voters on any number of instances are serialized, exactly one
   * vote completes a request, and votes arriving after the decision are {@code NOT_PENDING} and not
   * stored. A DENY decides {@code denied}; an APPROVE decides {@code approved} once the approvals
   * reach {@code requiredVotes}. {@code decided} is null when the request stays pending.
   */
  default Cast castVote(Vote vote, int requiredVotes, Instant at) {
    return castVote(vote, requiredVotes, true, at);
  }

  /**
   * As {@link #castVote(Vote, int, Instant)}; when {@code mayComplete} is false an APPROVE that
   * would reach {@code requiredVotes} is not stored ({@code NEEDS_CONFIRMATION}), decided under the
   * same row lock, so two concurrent untyped approvals can never complete a request that needs a
   * typed one.
   */
  Cast castVote(Vote vote, int requiredVotes, boolean mayComplete, Instant at);

  /** Stores a new request; throws if the id already exists. */
  void insert(ApprovalRequest request);

  Optional<ApprovalRequest> find(String id);

  /** Votes on a request, oldest first. */
  List<Vote> votes(String requestId);

  /** Records a vote if the request is still pending and the voter has not voted yet. */
  VoteInsert insertVote(Vote vote);

  /**
   * Moves a request from one of {@code from} to {@code to}, setting the reason and decision time,
   * provided no operation was started from it yet. Returns true when this call made the change.
   */
  boolean transition(
      String id, Set<ApprovalStatus> from, ApprovalStatus to, String reason, Instant at);

  /** Remembers where the request's card is posted. Returns false when the id is unknown. */
  boolean setMessageRef(String id, MessageRef ref);

  /**
   * Links the operation started from an approved request; only once (CAS on {@code operation_id IS
   * NULL} and status approved). Returns true when this call linked it.
   */
  boolean setOperationId(String id, String operationId);

  /**
   * As {@link #setOperationId(String, String)}, and appends {@code audit} in the same transaction
   * when (and only when) this call linked it: the audit line exists exactly once.
   */
  boolean setOperationId(String id, String operationId, AuditEntry audit);

  /**
   * Moves an approved request to superseded when no operation or exactly {@code operationId} is
   * linked to it (the operation found in its first step that the approval no longer holds). Returns
   * true when this call made the change.
   */
  boolean supersedeForOperation(String id, String operationId, String reason, Instant at);

  /** Approved requests with no operation linked, oldest decision first (crash recovery). */
  List<ApprovalRequest> findApprovedWithoutOperation();

  /** Pending requests whose {@code expiresAt <= now}. */
  List<ApprovalRequest> findPendingExpiredBefore(Instant now);

  /** All pending requests, oldest first (for re-rendering cards after a restart). */
  List<ApprovalRequest> findPending();
}
