package io.cfychatops.core;

import io.cfychatops.approvals.ApprovalCards;
import io.cfychatops.approvals.ApprovalRequest;
import io.cfychatops.approvals.ApprovalService;
import io.cfychatops.approvals.ApprovalStatus;
import io.cfychatops.approvals.Decision;
import io.cfychatops.approvals.Fingerprint;
import io.cfychatops.approvals.FingerprintCheck;
import io.cfychatops.approvals.Vote;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.command.CommandParser;
import io.cfychatops.command.OperationCommand;
import io.cfychatops.command.ParseResult;
import io.cfychatops.config.ManagerConfig;
import io.cfychatops.ops.ApprovalGate;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.OperationEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Approved → operation started", exactly once whatever crashes in between. Used by the last vote,
 * by the sweeper in the bot's background tick, and by the operation's own first step:
 *
 * <ul>
 *   <li>the operation's id is derived from the approval's ({@link OperationEngine#idForApproval}):
 *       starting it again (after a crash, from another replica) creates nothing new;
 *   <li>the approval's link to its operation and the audit line {@code operation/start} are one
 *       compare-and-set transaction, so both exist once ({@link ApprovalService#linkOperation});
 *   <li>{@link #sweep} starts approved requests that have no operation (the process died between
 *       the vote and the start), or supersedes them when they are older than {@link #START_WITHIN};
 *   <li>{@link #recheck} is the operation's {@code approval-check} step: it links first, then
 *       compares the fingerprint with the target as it is now (manager errors propagate to the
 *       engine's transient retry; only a real difference voids the approval).
 * </ul>
 *
 * <p>The approval card is refreshed after each change, so it shows the truth (approved, the
 * operation, or why it was voided) and never keeps live buttons once decided. Thread-safe.
 */
final class ApprovedStarts implements ApprovalGate {
  private static final Logger log = LoggerFactory.getLogger(ApprovedStarts.class);

  /**
   * An approved request found without its operation (the bot was down) is started only within this
   * time after the decision; later it is superseded: nobody expects a restore to start by itself an
   * hour after they approved it.
   */
  static final Duration START_WITHIN = Duration.ofMinutes(15);

  /** The sweeper leaves a request this long to the voter that is starting it right now. */
  static final Duration GRACE = Duration.ofSeconds(3);

  /** What {@link #start} did: the operation id, or why nothing could start. */
  record Start(String operationId, String refusal) {
    boolean started() {
      return operationId != null;
    }
  }

  private final Managers managers;
  private final ApprovalService approvals;
  private final OperationRequests requests;
  private final ChatPort chat;
  private final Clock clock;
  private final Function<ApprovalRequest, ApprovalCards.Preview> previews;

  ApprovedStarts(
      Managers managers,
      ApprovalService approvals,
      OperationRequests requests,
      ChatPort chat,
      Clock clock,
      Function<ApprovalRequest, ApprovalCards.Preview> previews) {
    this.previews = Objects.requireNonNull(previews);
    this.managers = Objects.requireNonNull(managers);
    this.approvals = Objects.requireNonNull(approvals);
    this.requests = Objects.requireNonNull(requests);
    this.chat = Objects.requireNonNull(chat);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Starts the operation of an approved request (idempotent), links it with its audit line and
   * refreshes the card. A request whose command no longer parses or whose manager is gone is
   * superseded. Store failures propagate: the sweeper tries again.
   */
  Start start(ApprovalRequest req) {
    ParseResult parsed = CommandParser.parse(req.commandText());
    if (!(parsed instanceof ParseResult.Parsed p)) {
      return refuse(req, "the recorded command no longer parses");
    }
    Optional<OperationCommand> operation = p.command().asOperation();
    if (operation.isEmpty()) {
      return refuse(req, "the recorded command starts no operation");
    }
    if (managers.config(req.manager()).isEmpty()) {
      return refuse(req, "manager `" + req.manager() + "` is no longer configured");
    }
    List<Vote> votes =
        approvals.votes(req.id()).stream().filter(v -> v.decision() == Decision.APPROVE).toList();
    List<String> approvers = votes.stream().map(v -> v.voter().id()).toList();
    String opId =
        requests.start(
            new OperationOrder(
                req.manager(),
                operation.get(),
                p.globals(),
                req.requester(),
                req.channel(),
                approvers,
                req.id()));
    String by = votes.stream().map(v -> v.voter().handle()).collect(Collectors.joining(", "));
    link(req, opId, p.command().canonical() + " (approval " + req.id() + " by " + by + ")");
    refreshCard(req.id());
    return new Start(opId, null);
  }

  /**
   * Starts (or supersedes, when stale) every approved request without an operation; returns how
   * many it handled. Safe on every replica at once.
   */
  int sweep() {
    int n = 0;
    for (ApprovalRequest req : approvals.approvedWithoutOperation()) {
      if (req.decidedAt() != null && req.decidedAt().plus(GRACE).isAfter(clock.instant())) {
        continue;
      }
      String opId = OperationEngine.idForApproval(req.id());
      boolean stale =
          req.decidedAt() != null && req.decidedAt().plus(START_WITHIN).isBefore(clock.instant());
      try {
        if (stale && !requests.exists(opId)) {
          approvals.supersede(
              req.id(),
              "approved at "
                  + req.decidedAt()
                  + " but not started within "
                  + START_WITHIN.toMinutes()
                  + " minutes (the bot was down); nothing ran");
          refreshCard(req.id());
        } else {
          log.info(
              "Approval {} has no operation yet (a restart between the vote and the start); starting it",
              req.id());
          start(req);
        }
        n++;
      } catch (RuntimeException e) {
        log.warn(
            "Could not start the operation of approval {}; next sweep retries: {}",
            req.id(),
            e.toString());
      }
    }
    return n;
  }

  @Override
  public Verdict recheck(
      String approvalId,
      String operationId,
      Function<String, Optional<ManagerPort.SnapshotInfo>> snapshots) {
    Optional<ApprovalRequest> found = approvals.find(approvalId);
    if (found.isEmpty()) {
      return new Verdict.Voided("there is no approval " + approvalId);
    }
    ApprovalRequest req = found.get();
    if (req.status() == ApprovalStatus.APPROVED && req.operationId() == null) {
      // the starter died before linking: the operation links itself (exactly once, with its audit
      // line)
      link(
          req, operationId, "(approval " + req.id() + ", linked by the operation after a restart)");
      refreshCard(req.id());
    }
    Optional<ManagerConfig> mc = managers.config(req.manager());
    if (mc.isEmpty()) {
      approvals.supersedeForOperation(
          req.id(), operationId, "manager `" + req.manager() + "` is no longer configured");
      refreshCard(req.id());
      return new Verdict.Voided("manager `" + req.manager() + "` is no longer configured");
    }
    String createdAt = null;
    String status = null;
    if (req.snapshotId() != null) {
      Optional<ManagerPort.SnapshotInfo> s =
          snapshots.apply(req.snapshotId()); // errors: the engine retries
      createdAt = s.map(ManagerPort.SnapshotInfo::createdAt).orElse(null);
      status = s.map(x -> x.status().wireValue()).orElse("missing");
    }
    FingerprintCheck check =
        approvals.recheckForOperation(
            approvalId,
            operationId,
            new Fingerprint.Inputs(
                mc.get().url().toString(),
                mc.get().tenant(),
                req.commandText(),
                createdAt,
                status));
    if (check instanceof FingerprintCheck.Match) {
      return new Verdict.Holds(
          "approval "
              + approvalId
              + " still holds"
              + (req.snapshotId() == null
                  ? ""
                  : ": snapshot `" + req.snapshotId() + "` " + status + ", created " + createdAt));
    }
    refreshCard(approvalId);
    return new Verdict.Voided(
        check instanceof FingerprintCheck.Superseded s
            ? s.reason()
            : ((FingerprintCheck.Unusable) check).reason());
  }

  /** Re-renders the request's card from the store (its true state), if it has one. */
  void refreshCard(String requestId) {
    approvals.find(requestId).ifPresent(this::updateCard);
  }

  void updateCard(ApprovalRequest req) {
    if (req.message() == null) {
      return;
    }
    try {
      chat.update(
          req.message(), ApprovalCards.render(req, approvals.votes(req.id()), preview(req)));
    } catch (RuntimeException e) {
      log.warn("Could not update the card of {}: {}", req.id(), e.toString());
    }
  }

  /** What a restore's archive preview adds to its card (nothing for other requests). */
  ApprovalCards.Preview preview(ApprovalRequest req) {
    try {
      return previews.apply(req);
    } catch (RuntimeException e) {
      log.warn("No preview for the card of {}: {}", req.id(), e.toString());
      return ApprovalCards.Preview.NONE;
    }
  }

  private void link(ApprovalRequest req, String opId, String what) {
    if (approvals.linkOperation(req, opId, opId + " " + what)) {
      log.info("Approval {} started operation {}", req.id(), opId);
    }
  }

  private Start refuse(ApprovalRequest req, String why) {
    approvals.supersede(req.id(), why);
    refreshCard(req.id());
    return new Start(null, why);
  }
}
