package io.cfychatops.core;

import io.cfychatops.access.AccessControl;
import io.cfychatops.access.Role;
import io.cfychatops.approvals.ApprovalAction;
import io.cfychatops.approvals.ApprovalCards;
import io.cfychatops.approvals.ApprovalException;
import io.cfychatops.approvals.ApprovalPolicy;
import io.cfychatops.approvals.ApprovalRequest;
import io.cfychatops.approvals.ApprovalService;
import io.cfychatops.approvals.AuditLog;
import io.cfychatops.approvals.CancelOutcome;
import io.cfychatops.approvals.Confirmation;
import io.cfychatops.approvals.Decision;
import io.cfychatops.approvals.Eligibility;
import io.cfychatops.approvals.NewApproval;
import io.cfychatops.approvals.PolicyBook;
import io.cfychatops.approvals.RefusalKind;
import io.cfychatops.approvals.VoteOutcome;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Responder;
import io.cfychatops.chat.Status;
import io.cfychatops.command.Globals;
import io.cfychatops.command.OperationCommand;
import io.cfychatops.config.ManagerConfig;
import io.cfychatops.ops.ApprovalGate;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.text.Redactor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * From an operation command to a running operation, through an approval where the policy wants one:
 * preflight ({@link Preflight}), policy, the request and its card; votes, denials and
 * cancellations; "approved → started" exactly once ({@link ApprovedStarts}); and the sweeps that
 * expire requests and start approved ones a crash left behind. Every decision is a compare-and-set
 * in the {@link ApprovalService}, so it holds across replicas.
 */
final class ApprovalFlow {
  private final Managers managers;
  private final AccessControl access;
  private final ApprovalService approvals;
  private final PolicyBook policies;
  private final OperationRequests requests;
  private final ApprovedStarts starts;
  private final RestorePreviews previews;
  private final Clock clock;

  ApprovalFlow(
      Managers managers,
      AccessControl access,
      ApprovalService approvals,
      PolicyBook policies,
      OperationRequests requests,
      ChatPort chat,
      Clock clock,
      RestorePreviews previews) {
    this.managers = Objects.requireNonNull(managers);
    this.previews = Objects.requireNonNull(previews);
    this.access = Objects.requireNonNull(access);
    this.approvals = Objects.requireNonNull(approvals);
    this.policies = Objects.requireNonNull(policies);
    this.requests = Objects.requireNonNull(requests);
    this.clock = Objects.requireNonNull(clock);
    this.starts =
        new ApprovedStarts(
            managers,
            approvals,
            requests,
            chat,
            clock,
            r -> previews.card(r.id(), r.manager(), isRestore(r) ? r.snapshotId() : null));
  }

  /** What approved operations re-check in their first step. */
  ApprovalGate gate() {
    return starts;
  }

  /**
   * Starts (or supersedes, when stale) approved requests without an operation; returns how many.
   */
  int sweepApproved() {
    return starts.sweep();
  }

  /** Moves pending requests whose expiry passed to expired and updates their cards. */
  int sweepExpired() {
    List<ApprovalRequest> expired = approvals.expireDue();
    expired.forEach(starts::updateCard);
    return expired.size();
  }

  /**
   * Asks for {@code cmd} on {@code t}'s manager: refused by its preflight, started at once when no
   * approval is required, otherwise an approval request with its card in the channel.
   */
  void request(
      OperationCommand cmd,
      Globals g,
      ManagerScope.Target t,
      ChatUser user,
      String channel,
      Responder r) {
    Preflight.Outcome out =
        cmd.accept(new Preflight(t.manager(), t.port(), clock, requests, previews));
    if (out instanceof Preflight.Refused refused) {
      r.ephemeral(refused.reply());
      return;
    }
    Preflight.Ready ready = (Preflight.Ready) out;
    OperationCommand c = ready.command();
    String manager = t.manager();
    ManagerConfig mc = t.config();
    ApprovalPolicy policy =
        ready.gate() == null
            ? ApprovalPolicy.NOT_REQUIRED
            : policies.resolve(manager, ready.gate());
    if (mc.production()) {
      policy = policy.withTypedConfirmation(true);
    }
    if (!policy.required()) {
      start(new OperationOrder(manager, c, g, user, channel, List.of(), null), ready.notes(), r);
      return;
    }
    ManagerPort.SnapshotInfo target = ready.target();
    NewApproval n =
        new NewApproval(
            manager,
            mc.tenant(),
            mc.url().toString(),
            ready.gate().configName(),
            commandText(c, g, manager, mc),
            user,
            channel,
            g.reason(),
            Plans.plan(c, manager, mc),
            target == null ? null : target.id(),
            target == null ? null : target.createdAt(),
            target == null ? null : target.status().name().toLowerCase(Locale.ROOT),
            policy);
    ApprovalRequest req;
    try {
      req = approvals.open(n);
    } catch (ApprovalException e) {
      r.ephemeral(Message.text(Status.WARNING, e.getMessage()));
      return;
    }
    if (ready.preview() != null) {
      previews.remember(req.id(), ready.preview());
    }
    MessageRef ref = r.inChannel(ApprovalCards.render(req, List.of(), starts.preview(req)));
    if (ref != null) {
      approvals.attachMessage(req.id(), ref);
    }
    if (ready.preview() != null && !ready.preview().isDone()) {
      String id = req.id();
      ready.preview().whenComplete((res, err) -> previewDone(id, res));
    }
    r.ephemeral(
        Message.builder(Status.PENDING, "Approval requested: " + req.id())
            .line(ApprovalCards.consoleHint(req))
            .build());
  }

  /**
   * A preview that finished after the card was posted: a refusal supersedes the request (nothing
   * can run), anything else updates the card.
   */
  private void previewDone(String requestId, RestorePreviews.Result res) {
    if (res instanceof RestorePreviews.Ready ok && ok.view().verdict().refused()) {
      approvals.supersede(
          requestId, "refused by the archive check: " + ok.view().verdict().refusal());
    }
    starts.refreshCard(requestId);
  }

  private static boolean isRestore(ApprovalRequest r) {
    return io.cfychatops.approvals.ApprovalAction.RESTORE.configName().equals(r.action());
  }

  /**
   * A typed or clicked vote on {@code requestId}; {@code typed} is the typed confirmation ({@code
   * --confirm}), null for a click. A click that would complete a quorum needing typed confirmation
   * counts nothing: the responder is asked for a form ({@link Responder#askConfirmation}), else the
   * voter is told how to type it.
   */
  void vote(
      String requestId,
      ChatUser user,
      Decision decision,
      String channel,
      @Nullable String typed,
      Responder r) {
    VoteOutcome out = cast(requestId, user, decision, typed);
    if (typed == null
        && out instanceof VoteOutcome.Refused ref
        && ref.kind() == RefusalKind.CONFIRMATION_REQUIRED
        && ref.request() != null
        && r.askConfirmation(ConfirmationPrompts.of(ref.request()))) {
      return; // the form's submission comes back through confirmTyped
    }
    answer(out, r);
  }

  /**
   * Counts a vote (one store transaction, no chat call): {@code typed} is what the voter typed,
   * null for a click. Answer the outcome with {@link #answer}.
   */
  VoteOutcome cast(String requestId, ChatUser user, Decision decision, @Nullable String typed) {
    return approvals.vote(requestId, user, decision, eligibility(), confirmation(requestId, typed));
  }

  /** Tells the voter and updates the card; starts the operation of an approved request. */
  void answer(VoteOutcome out, Responder r) {
    if (out instanceof VoteOutcome.Refused ref) {
      r.ephemeral(Message.text(Status.WARNING, ref.reason()));
    } else if (out instanceof VoteOutcome.Recorded rec) {
      starts.updateCard(rec.request());
      r.ephemeral(Message.text(Status.PENDING, "Your approval was counted: " + rec.tally()));
    } else if (out instanceof VoteOutcome.Denied d) {
      starts.updateCard(d.request());
      r.ephemeral(
          Message.text(Status.OK, "You denied " + d.request().id() + "; nothing will run."));
    } else if (out instanceof VoteOutcome.Approved ok) {
      approved(ok, r);
    }
  }

  /**
   * Whether {@code requestId} needs typed confirmation, decided now from the config: the approval
   * rule of its manager and action ({@code confirm: typed}) or the manager ({@code production:
   * true}).
   */
  private Confirmation confirmation(String requestId, @Nullable String typed) {
    boolean required =
        approvals
            .find(requestId)
            .map(
                req ->
                    managers.config(req.manager()).map(ManagerConfig::production).orElse(false)
                        || ApprovalAction.fromConfigName(req.action())
                            .map(a -> policies.resolve(req.manager(), a).typedConfirmation())
                            .orElse(false))
            .orElse(false);
    return new Confirmation(required, typed);
  }

  /** A typed or clicked cancel of one's own request (or any, for an admin). */
  void cancel(String requestId, ChatUser user, Responder r) {
    CancelOutcome out = approvals.cancel(requestId, user, eligibility());
    if (out instanceof CancelOutcome.Cancelled c) {
      starts.updateCard(c.request());
      r.ephemeral(Message.text(Status.OK, "Request " + c.request().id() + " cancelled."));
    } else if (out instanceof CancelOutcome.Refused ref) {
      r.ephemeral(Message.text(Status.WARNING, ref.reason()));
    }
  }

  private void start(OperationOrder order, List<String> notes, Responder r) {
    String id = requests.start(order);
    audit()
        .record(
            order.requester(),
            order.channel(),
            order.manager(),
            "operation",
            "start",
            id + " " + order.command().canonical());
    Message.Builder m =
        Message.builder(
                Status.RUNNING,
                "Started operation " + id + ": " + Redactor.forDisplay(order.command().canonical()))
            .line(
                "Progress is posted where the operation reports; `/cfy ops show "
                    + id
                    + "` shows its steps.");
    notes.forEach(m::line);
    r.ephemeral(m.build());
  }

  /**
   * Exactly one caller gets here per request: the card shows the decision at once, then the
   * operation starts (idempotent; a crash from here on is recovered by {@link #sweepApproved}). The
   * target is re-checked by the operation itself, in its first step.
   */
  private void approved(VoteOutcome.Approved ok, Responder r) {
    ApprovalRequest req = ok.request();
    MDC.put("manager", req.manager());
    starts.updateCard(req);
    ApprovedStarts.Start s = starts.start(req);
    if (!s.started()) {
      r.ephemeral(
          Message.text(Status.FAILED, "The approval is void: " + s.refusal() + ". Nothing ran."));
      return;
    }
    r.ephemeral(
        Message.text(
            Status.RUNNING,
            "Approved by "
                + ok.approvers()
                + ": operation "
                + s.operationId()
                + " started; it re-checks the target before it changes anything."));
  }

  /** Who may vote on a request: its approver roles on its manager, or its approver groups. */
  private Eligibility eligibility() {
    return new Eligibility() {
      @Override
      public Optional<String> whyNot(ChatUser voter, ApprovalRequest req) {
        boolean byRole =
            req.approverRoles().stream()
                .anyMatch(role -> access.has(voter.id(), req.manager(), role));
        boolean byGroup =
            req.approverGroups().stream().anyMatch(grp -> access.inGroup(voter.id(), grp));
        if (byRole || byGroup) {
          return Optional.empty();
        }
        List<String> who = new ArrayList<>();
        req.approverRoles().stream()
            .map(Role::label)
            .sorted()
            .forEach(x -> who.add("the " + x + " role"));
        req.approverGroups().stream().sorted().forEach(x -> who.add("membership of " + x));
        return Optional.of(
            "To vote on "
                + req.id()
                + " you need "
                + String.join(" or ", who)
                + " on manager `"
                + req.manager()
                + "`.");
      }

      @Override
      public boolean isAdmin(ChatUser user, ApprovalRequest req) {
        return access.has(user.id(), req.manager(), Role.ADMIN);
      }
    };
  }

  private AuditLog audit() {
    return approvals.auditLog();
  }

  /** The command as approved: canonical, with manager, tenant and incident; never the reason. */
  static String commandText(OperationCommand c, Globals g, String manager, ManagerConfig mc) {
    Globals bound = new Globals(manager, mc.tenant(), null, g.incident());
    return c.canonical() + " " + bound.canonical();
  }
}
