package io.cfychatops.core;

import io.cfychatops.access.AccessControl;
import io.cfychatops.access.GroupLookupException;
import io.cfychatops.access.Role;
import io.cfychatops.approvals.ApprovalAction;
import io.cfychatops.approvals.ApprovalCards;
import io.cfychatops.approvals.ApprovalException;
import io.cfychatops.approvals.ApprovalPolicy;
import io.cfychatops.approvals.ApprovalRequest;
import io.cfychatops.approvals.ApprovalService;
import io.cfychatops.approvals.AuditLog;
import io.cfychatops.approvals.CancelOutcome;
import io.cfychatops.approvals.Decision;
import io.cfychatops.approvals.Eligibility;
import io.cfychatops.approvals.NewApproval;
import io.cfychatops.approvals.PolicyBook;
import io.cfychatops.approvals.VoteOutcome;
import io.cfychatops.chat.ActionInvocation;
import io.cfychatops.chat.ChatHandler;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.DeliveryDedupe;
import io.cfychatops.chat.DeliveryLog;
import io.cfychatops.chat.Invocation;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Responder;
import io.cfychatops.chat.Status;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.NotFoundException;
import io.cfychatops.text.Redactor;
import io.cfychatops.cloudify.Snapshot;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.command.ActionKind;
import io.cfychatops.command.Command;
import io.cfychatops.command.CommandParser;
import io.cfychatops.command.Globals;
import io.cfychatops.command.HelpText;
import io.cfychatops.command.Incident;
import io.cfychatops.command.ParseResult;
import io.cfychatops.ops.Runbooks;
import io.cfychatops.config.ManagerConfig;
import io.cfychatops.text.Truncate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The core's entry point for every transport: parses a {@code /cfy} line, resolves the manager,
 * checks the user's role, asks for approval where the policy wants it, and hands work to
 * operations and backups. Both entry points return at once; the work runs on {@code executor}.
 *
 * <p>Transport redeliveries of commands and clicks are recognised by delivery id ({@link
 * DeliveryDedupe}, once per delivery, before any work) and never run twice.
 * Approval decisions are compare-and-set in the store, so the operation behind an approval starts
 * exactly once even across replicas.
 */
public final class ChatOps implements ChatHandler {
  private static final Logger log = LoggerFactory.getLogger(ChatOps.class);
  private static final DateTimeFormatter GENERATED_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Managers managers;
  private final AccessControl access;
  private final ApprovalService approvals;
  private final PolicyBook policies;
  private final Work work;
  private final ChatPort chat;
  private final Clock clock;
  private final ExecutorService executor;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile DeliveryDedupe deliveries;
  private final ApprovedStarts starts;

  /**
   * What the core delegates: long operations and backups. Implemented by the composition root
   * over the {@code ops} and {@code backup} packages.
   */
  public interface Work {
    /** Starts a durable operation for {@code command}; returns its id. Progress goes to chat. */
    String start(OperationOrder order);

    /** {@code ops list} over the operations of {@code managers} only. */
    Message opsList(List<String> managers);

    /** {@code ops show ID}; "no operation" unless it runs on one of {@code managers} (ids do not leak). */
    Message opsShow(String id, List<String> managers);

    Message opsCancel(String id, ChatUser who);

    Message clusterStatus(String manager);

    Message backups(Command command, String manager, ChatUser who);

    /** {@code backups status} over {@code managers} only. */
    Message backupsStatus(List<String> managers);

    /** True when nothing is running (console end of input). */
    boolean idle();

    /** The manager an operation runs on, if it exists. */
    default Optional<String> operationManager(String opId) {
      return Optional.empty();
    }

    /** Who asked for an operation, if it exists. */
    default Optional<String> operationRequester(String opId) {
      return Optional.empty();
    }

    /** A reason the command cannot run here (e.g. an upload source outside the archive store), or empty. */
    default Optional<String> check(Command command, String manager) {
      return Optional.empty();
    }
  }

  /** A command cleared to run: by policy, or because its approval completed. */
  public record OperationOrder(
      String manager, Command command, Globals globals, ChatUser requester, String channel, List<String> approvers, String approvalId) {
    public OperationOrder {
      approvers = List.copyOf(approvers);
    }
  }

  public ChatOps(
      Managers managers,
      AccessControl access,
      ApprovalService approvals,
      PolicyBook policies,
      Work work,
      ChatPort chat,
      Clock clock,
      ExecutorService executor) {
    this.managers = Objects.requireNonNull(managers);
    this.access = Objects.requireNonNull(access);
    this.approvals = Objects.requireNonNull(approvals);
    this.policies = Objects.requireNonNull(policies);
    this.work = Objects.requireNonNull(work);
    this.chat = Objects.requireNonNull(chat);
    this.clock = Objects.requireNonNull(clock);
    this.executor = Objects.requireNonNull(executor);
    this.deliveries = new DeliveryDedupe(DeliveryLog.NONE, clock);
    this.starts = new ApprovedStarts(managers, approvals, work, chat, clock);
  }

  /**
   * What approved operations re-check in their first step (connect it to the engine before any
   * operation runs): the fingerprint of the approval against the target as it is then.
   */
  public io.cfychatops.ops.ApprovalGate approvalGate() {
    return starts;
  }

  /**
   * Starts the operation of every approved request that has none (the process died between the last
   * vote and the start), exactly once across restarts and replicas; returns how many it handled.
   */
  public int sweepApproved() {
    return starts.sweep();
  }

  /** Persists delivery ids, so a redelivery landing on another replica is recognised too. */
  public ChatOps deliveryLog(DeliveryLog log) {
    this.deliveries = new DeliveryDedupe(log, clock);
    return this;
  }

  // ------------------------------------------------------------------ entry points

  @Override
  public void onCommand(Invocation inv, Responder responder) {
    if (!deliveries.firstTime(inv.deliveryId())) {
      log.info("Ignoring redelivery {} of a command from {}", inv.deliveryId(), inv.user().id());
      return;
    }
    submit(responder, () -> handleCommand(inv, responder));
  }

  @Override
  public void onAction(ActionInvocation a, Responder responder) {
    if (!deliveries.firstTime(a.deliveryId())) {
      log.info("Ignoring redelivery {} of a click from {}", a.deliveryId(), a.user().id());
      return;
    }
    submit(responder, () -> handleAction(a, responder));
  }

  /** False while the work queue is full (then {@link #submit} would answer "busy"). */
  @Override
  public boolean accepting() {
    return !(executor instanceof java.util.concurrent.ThreadPoolExecutor p) || p.getQueue().remainingCapacity() > 0;
  }

  /** Waits up to {@code max} until no command is being handled and no operation runs. */
  public boolean awaitIdle(Duration max, Runnable pump) {
    Instant end = Instant.now().plus(max);
    BooleanSupplier idle = () -> inFlight.get() == 0 && work.idle();
    while (!idle.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        return false;
      }
      pump.run();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Moves pending requests whose expiry passed to expired and updates their cards. */
  public int sweepExpired() {
    List<ApprovalRequest> expired = approvals.expireDue();
    for (ApprovalRequest r : expired) {
      updateCard(r);
    }
    return expired.size();
  }

  private void submit(Responder responder, Runnable task) {
    inFlight.incrementAndGet();
    try {
      executor.execute(
          () -> {
            try {
              task.run();
            } catch (GroupLookupException e) { // never a silent "no role": say it could not be checked
              safeEphemeral(responder, Message.text(Status.WARNING, e.getMessage()));
            } catch (RuntimeException e) {
              log.error("Command handling failed", e);
              safeEphemeral(responder, Message.builder(Status.FAILED, "Something went wrong on our side")
                  .line("The command was not completed: " + e.getClass().getSimpleName()
                      + ". Details are in the bot's log; nothing was reported as done.")
                  .build());
            } finally {
              inFlight.decrementAndGet();
              MDC.clear();
            }
          });
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
      safeEphemeral(responder, Message.text(Status.WARNING, "The bot is busy right now; please try again in a minute."));
    }
  }

  // ------------------------------------------------------------------ commands

  private void handleCommand(Invocation inv, Responder r) {
    ChatUser user = inv.user();
    ParseResult parsed = CommandParser.parse(inv.text());
    if (parsed instanceof ParseResult.ParseError err) {
      r.ephemeral(Message.builder(Status.WARNING, err.message()).line(err.usage()).build());
      return;
    }
    ParseResult.Parsed p = (ParseResult.Parsed) parsed;
    Command cmd = p.command();
    Globals g = p.globals();
    if (cmd instanceof Command.Help h) {
      r.ephemeral(Message.builder(Status.INFO, h.topic() == null ? "cfy-chatops help" : "Help: " + h.topic())
          .line(h.topic() == null ? HelpText.overview() : HelpText.usage(h.topic()))
          .build());
      return;
    }
    // votes and cancellations name a request, whose manager decides the rest
    if (cmd instanceof Command.Approve a) {
      vote(a.requestId(), user, Decision.APPROVE, inv.channel(), r);
      return;
    }
    if (cmd instanceof Command.Deny d) {
      vote(d.requestId(), user, Decision.DENY, inv.channel(), r);
      return;
    }
    if (cmd instanceof Command.Cancel c) {
      cancelRequest(c.requestId(), user, r);
      return;
    }
    if (cmd instanceof Command.OpsCancel oc) {
      cancelOperation(oc.opId(), user, inv.channel(), r);
      return;
    }
    if (cmd instanceof Command.SnapshotsUpload up && up.sourceIsUrl() && hasUserInfo(up.source())) {
      r.ephemeral(Message.text(Status.WARNING, "Do not put credentials in the upload URL: it would be shown on the approval"
          + " card and kept in the audit log. Use a pre-signed URL or one the manager can fetch without a password."));
      return;
    }
    if (g.manager() == null && spansManagers(cmd)) {
      scopedQuery(cmd, p.canonical(), user, inv.channel(), r);
      return;
    }
    Optional<String> managerName = resolveManager(g, user, r);
    if (managerName.isEmpty()) {
      return;
    }
    String manager = managerName.get();
    MDC.put("manager", manager);
    MDC.put("user", user.id());
    // the access check comes first: a refused command costs one short audit row and nothing of its text
    ActionKind action = cmd.action();
    Optional<String> denied = access.check(user.id(), manager, Permissions.required(action), Permissions.verb(action));
    if (denied.isPresent()) {
      audit().record(user, inv.channel(), manager, "denied", cmd.path(), "needs the " + Permissions.required(action).label() + " role");
      r.ephemeral(Message.text(Status.WARNING, denied.get()));
      return;
    }
    audit().record(user, inv.channel(), manager, "command", cmd.path(), p.canonical());
    CloudifyClient client = managers.client(manager).orElseThrow();
    ManagerConfig mc = managers.config(manager).orElseThrow();
    if (g.tenant() != null && !g.tenant().equals(mc.tenant())) {
      r.ephemeral(Message.text(Status.WARNING, "Manager `" + manager + "` is configured for tenant `" + mc.tenant()
          + "`; other tenants need their own manager entry in the config (asked for `" + g.tenant() + "`)."));
      return;
    }
    try {
      if (cmd instanceof Command.SnapshotsList c) {
        r.ephemeral(Queries.snapshotsList(manager, client, c, managerSuffix(g)));
      } else if (cmd instanceof Command.SnapshotsStatus) {
        r.ephemeral(Queries.snapshotsStatus(manager, client));
      } else if (cmd instanceof Command.MaintenanceStatus) {
        r.ephemeral(Queries.maintenanceStatus(manager, client));
      } else if (cmd instanceof Command.Status) {
        r.ephemeral(Queries.status(manager, client));
      } else if (cmd instanceof Command.ClusterStatus) {
        r.ephemeral(work.clusterStatus(manager));
      } else if (spansManagers(cmd)) {
        r.ephemeral(scoped(cmd, List.of(manager))); // -m NAME: that manager only
      } else if (cmd instanceof Command.BackupsRun) {
        r.ephemeral(Message.text(Status.RUNNING, "Running the nightly backup of " + manager
            + " now; the report follows here when it ends."));
        r.inChannel(work.backups(cmd, manager, user));
      } else if (cmd instanceof Command.BackupsHistory || cmd instanceof Command.BackupsRetention) {
        r.ephemeral(work.backups(cmd, manager, user));
      } else {
        request(cmd, g, manager, mc, client, user, inv.channel(), r);
      }
    } catch (CloudifyException e) {
      r.ephemeral(managerError(manager, cmd, e));
    }
  }

  /** Queries that read several managers at once when no {@code -m} is given. */
  private static boolean spansManagers(Command cmd) {
    return cmd instanceof Command.OpsList || cmd instanceof Command.OpsShow || cmd instanceof Command.BackupsStatus
        || cmd instanceof Command.Audit;
  }

  /**
   * A query over every manager the user may read (viewer; approver for the audit log): nothing of a
   * manager outside that scope is shown, and an operation there is "not found", not "forbidden".
   */
  private void scopedQuery(Command cmd, String canonical, ChatUser user, String channel, Responder r) {
    MDC.put("user", user.id());
    Role needed = Permissions.required(cmd.action());
    List<String> scope = access.managers(user.id(), needed, managers.names());
    if (scope.isEmpty()) {
      audit().record(user, channel, "", "denied", cmd.path(), "needs the " + needed.label() + " role on a manager");
      r.ephemeral(Message.text(Status.WARNING, access.refusalOnEveryManager(user.id(), needed, Permissions.verb(cmd.action()))));
      return;
    }
    audit().record(user, channel, scope.size() == 1 ? scope.get(0) : "", "command", cmd.path(), canonical);
    if (cmd instanceof Command.Audit && scope.size() == managers.names().size()) {
      scope = new ArrayList<>(scope);
      scope.add(""); // entries tied to no manager: for approvers of every manager only
    }
    r.ephemeral(scoped(cmd, scope));
  }

  private Message scoped(Command cmd, List<String> scope) {
    if (cmd instanceof Command.OpsList) {
      return work.opsList(scope);
    }
    if (cmd instanceof Command.OpsShow c) {
      return work.opsShow(c.opId(), scope);
    }
    if (cmd instanceof Command.BackupsStatus) {
      return work.backupsStatus(scope);
    }
    return audit().renderFor(((Command.Audit) cmd).limit(), scope);
  }

  /** Create, download, upload, restore, delete, maintenance: approval if the policy says so, else run. */
  private void request(
      Command cmd, Globals g, String manager, ManagerConfig mc, CloudifyClient client, ChatUser user, String channel, Responder r) {
    Command c = cmd;
    if (c instanceof Command.SnapshotsCreate sc && sc.snapshotId() == null) {
      c = sc.withSnapshotId("snapshot-" + GENERATED_ID.format(clock.instant()));
    }
    if (c instanceof Command.SnapshotsUpload up && up.snapshotId() == null) {
      String derived = uploadIdFromSource(up.source());
      if (derived == null) {
        r.ephemeral(Message.text(Status.WARNING, "Name the snapshot to create with `-s/--snapshot-id ID`: `"
            + Redactor.forDisplay(up.source()) + "` does not give a valid snapshot id."));
        return;
      }
      c = new Command.SnapshotsUpload(up.source(), derived, up.fromManager());
    }
    Optional<String> problem = work.check(c, manager);
    if (problem.isPresent()) {
      r.ephemeral(Message.builder(Status.WARNING, "Nothing was started").line(problem.get()).build());
      return;
    }
    Snapshot target = null;
    // destructive kinds are always gated; an upload only when it replaces an existing id (below)
    ApprovalAction approvalAction = c.isDestructive() ? c.action().approvalKey().orElseThrow() : null;
    if (c instanceof Command.SnapshotsRestore || c instanceof Command.SnapshotsDelete) {
      String id = c.targetSnapshotId().orElseThrow();
      try {
        target = client.getSnapshot(SnapshotId.of(id));
      } catch (NotFoundException e) {
        r.ephemeral(Message.builder(Status.WARNING, "There is no snapshot `" + id + "` on " + manager)
            .line("Nothing was requested. `/cfy snapshots list -m " + manager + "` shows what exists.").build());
        return;
      }
      if (c instanceof Command.SnapshotsRestore rs && !rs.encodingAlphabetConfirmed() && isCluster(client)) {
        // the guide's step must happen before the restore: say so now, not after an approval
        r.ephemeral(Message.builder(Status.WARNING, "Restore onto a cluster: one step first")
            .line(Runbooks.ENCODING_ALPHABET_STEPS)
            .context("Nothing was requested.")
            .build());
        return;
      }
      if (c instanceof Command.SnapshotsRestore && !target.isRestorable()) {
        r.ephemeral(Message.builder(Status.WARNING, "Snapshot `" + id + "` cannot be restored: its status is "
                + target.status().name().toLowerCase())
            .line(target.error().isBlank() ? "Only created or uploaded snapshots can be restored." : "Error: " + Truncate.oneLine(target.error(), 300))
            .build());
        return;
      }
    }
    if (c instanceof Command.SnapshotsUpload up) {
      String id = up.snapshotId() != null ? up.snapshotId() : up.targetSnapshotId().orElse(null);
      if (id != null) {
        try {
          target = client.getSnapshot(SnapshotId.of(id));
          approvalAction = c.action().approvalKey().orElseThrow(); // the archive is replaced
        } catch (NotFoundException e) {
          approvalAction = null;
        }
      }
    }
    ApprovalPolicy policy = approvalAction == null ? ApprovalPolicy.NOT_REQUIRED : policies.resolve(manager, approvalAction);
    OperationOrder order = new OperationOrder(manager, c, g, user, channel, List.of(), null);
    if (!policy.required()) {
      startOperation(order, r);
      return;
    }
    String commandText = commandText(c, g, manager, mc);
    NewApproval n =
        new NewApproval(manager, mc.tenant(), mc.url().toString(), approvalAction.configName(), commandText, user, channel, g.reason(),
            Plans.plan(c, manager, mc), target == null ? null : target.id(),
            target == null || target.createdAt() == null ? null : target.createdAt().toString(),
            target == null ? null : target.status().name().toLowerCase(), policy);
    ApprovalRequest req;
    try {
      req = approvals.open(n);
    } catch (ApprovalException e) {
      r.ephemeral(Message.text(Status.WARNING, e.getMessage()));
      return;
    }
    MessageRef ref = r.inChannel(ApprovalCards.render(req, List.of()));
    if (ref != null) {
      approvals.attachMessage(req.id(), ref);
    }
    r.ephemeral(Message.builder(Status.PENDING, "Approval requested: " + req.id())
        .line(ApprovalCards.consoleHint(req))
        .build());
  }

  private void startOperation(OperationOrder order, Responder r) {
    String id = work.start(order);
    audit().record(order.requester(), order.channel(), order.manager(), "operation", "start",
        id + " " + order.command().canonical());
    Message.Builder m =
        Message.builder(Status.RUNNING, "Started operation " + id + ": " + Redactor.forDisplay(order.command().canonical()))
            .line("Progress is posted where the operation reports; `/cfy ops show " + id + "` shows its steps.");
    if (order.command() instanceof Command.SnapshotsDownload d && d.outputPath() != null) {
      m.line("`-o " + d.outputPath() + "` is not used from chat: the archive goes to the archive store"
          + " (<archive_root>/" + order.manager() + "/" + d.snapshotId() + ".zip).");
    }
    r.ephemeral(m.build());
  }

  // ------------------------------------------------------------------ approvals

  private void handleAction(ActionInvocation a, Responder r) {
    switch (a.actionId()) {
      case ApprovalCards.APPROVE -> vote(a.value(), a.user(), Decision.APPROVE, a.channel(), r);
      case ApprovalCards.DENY -> vote(a.value(), a.user(), Decision.DENY, a.channel(), r);
      case ApprovalCards.CANCEL -> cancelRequest(a.value(), a.user(), r);
      case "page.next" -> {
        if (a.value().startsWith("snapshots list")) {
          handleCommand(new Invocation(a.user(), a.channel(), a.value(), ""), r);
        } else {
          log.warn("Tampered page button from {} refused: {}", a.user().id(), Truncate.oneLine(a.value(), 80));
          r.ephemeral(Message.text(Status.WARNING, "That button is not recognised; nothing was done."));
        }
      }
      case "ops.cancel" -> handleCommand(new Invocation(a.user(), a.channel(), "ops cancel " + a.value(), ""), r);
      default -> {
        log.warn("Unknown action {} from {} refused", a.actionId(), a.user().id());
        r.ephemeral(Message.text(Status.WARNING, "That button is not recognised; nothing was done."));
      }
    }
  }

  private void vote(String requestId, ChatUser user, Decision decision, String channel, Responder r) {
    VoteOutcome out = approvals.vote(requestId, user, decision, eligibility());
    if (out instanceof VoteOutcome.Refused ref) {
      r.ephemeral(Message.text(Status.WARNING, ref.reason()));
    } else if (out instanceof VoteOutcome.Recorded rec) {
      updateCard(rec.request());
      r.ephemeral(Message.text(Status.PENDING, "Your approval was counted: " + rec.tally()));
    } else if (out instanceof VoteOutcome.Denied d) {
      updateCard(d.request());
      r.ephemeral(Message.text(Status.OK, "You denied " + d.request().id() + "; nothing will run."));
    } else if (out instanceof VoteOutcome.Approved ok) {
      approved(ok, r);
    }
  }

  /**
   * Exactly one caller gets here per request: the card shows the decision at once, then the
   * operation starts (idempotent; a crash from here on is recovered by {@link #sweepApproved}).
   * The target is re-checked by the operation itself, in its first step.
   */
  private void approved(VoteOutcome.Approved ok, Responder r) {
    ApprovalRequest req = ok.request();
    MDC.put("manager", req.manager());
    updateCard(req);
    ApprovedStarts.Start s = starts.start(req);
    if (!s.started()) {
      r.ephemeral(Message.text(Status.FAILED, "The approval is void: " + s.refusal() + ". Nothing ran."));
      return;
    }
    r.ephemeral(Message.text(Status.RUNNING, "Approved by " + ok.approvers() + ": operation " + s.operationId()
        + " started; it re-checks the target before it changes anything."));
  }

  private void cancelRequest(String requestId, ChatUser user, Responder r) {
    CancelOutcome out = approvals.cancel(requestId, user, eligibility());
    if (out instanceof CancelOutcome.Cancelled c) {
      updateCard(c.request());
      r.ephemeral(Message.text(Status.OK, "Request " + c.request().id() + " cancelled."));
    } else if (out instanceof CancelOutcome.Refused ref) {
      r.ephemeral(Message.text(Status.WARNING, ref.reason()));
    }
  }

  private void updateCard(ApprovalRequest req) {
    starts.updateCard(req);
  }

  private Eligibility eligibility() {
    return new Eligibility() {
      @Override
      public Optional<String> whyNot(ChatUser voter, ApprovalRequest req) {
        boolean byRole = req.approverRoles().stream().anyMatch(role -> access.has(voter.id(), req.manager(), role));
        boolean byGroup = req.approverGroups().stream().anyMatch(grp -> access.inGroup(voter.id(), grp));
        if (byRole || byGroup) {
          return Optional.empty();
        }
        List<String> who = new ArrayList<>();
        req.approverRoles().stream().map(Role::label).sorted().forEach(x -> who.add("the " + x + " role"));
        req.approverGroups().stream().sorted().forEach(x -> who.add("membership of " + x));
        return Optional.of("To vote on " + req.id() + " you need " + String.join(" or ", who) + " on manager `" + req.manager() + "`.");
      }

      @Override
      public boolean isAdmin(ChatUser user, ApprovalRequest req) {
        return access.has(user.id(), req.manager(), Role.ADMIN);
      }
    };
  }

  // ------------------------------------------------------------------ helpers

  private AuditLog audit() {
    return approvals.auditLog();
  }

  /** The manager a command is for; the hints name only the managers {@code user} may view. */
  private Optional<String> resolveManager(Globals g, ChatUser user, Responder r) {
    if (g.manager() != null) {
      if (managers.client(g.manager()).isPresent()) {
        return Optional.of(g.manager());
      }
      r.ephemeral(Message.text(Status.WARNING, "Unknown manager `" + g.manager() + "`." + yours(user)));
      return Optional.empty();
    }
    if (managers.names().size() == 1) {
      return Optional.of(managers.names().get(0));
    }
    if (managers.names().contains("default")) {
      return Optional.of("default");
    }
    r.ephemeral(Message.text(Status.WARNING, "Several managers are configured; name one with `-m NAME`." + yours(user)));
    return Optional.empty();
  }

  /** " Yours: a, b." for the managers the user may view, or "" (no names of other managers leak). */
  private String yours(ChatUser user) {
    List<String> visible = access.managers(user.id(), Role.VIEWER, managers.names());
    return visible.isEmpty() ? "" : " Yours: " + String.join(", ", visible) + ".";
  }

  /** Cancels an operation: the requester may, otherwise an operator on the operation's own manager. */
  private void cancelOperation(String opId, ChatUser user, String channel, Responder r) {
    Optional<String> manager = work.operationManager(opId);
    if (manager.isEmpty()) {
      r.ephemeral(Message.text(Status.WARNING, "No operation `" + opId + "`. Try `/cfy ops list`."));
      return;
    }
    boolean own = work.operationRequester(opId).map(user.id()::equals).orElse(false);
    if (!own && !access.has(user.id(), manager.get(), Role.VIEWER)) { // an operation you may not see does not exist
      r.ephemeral(Message.text(Status.WARNING, "No operation `" + opId + "`. Try `/cfy ops list`."));
      return;
    }
    Optional<String> denied = own ? Optional.empty() : access.check(user.id(), manager.get(), Role.OPERATOR, "cancel its operations");
    if (denied.isPresent()) {
      r.ephemeral(Message.text(Status.WARNING, denied.get()));
      return;
    }
    audit().record(user, channel, manager.get(), "command", "ops cancel", opId);
    r.ephemeral(work.opsCancel(opId, user));
  }

  private static boolean hasUserInfo(String url) {
    try {
      return java.net.URI.create(url).getRawUserInfo() != null;
    } catch (IllegalArgumentException e) {
      return url.matches("(?i)^[a-z][a-z0-9+.-]*://[^/@]*@.*");
    }
  }

  /** {@code cfy snapshots upload} names the snapshot after the file when no id is given: {@code a/b/x.zip} → {@code x}. */
  static String uploadIdFromSource(String source) {
    String name = source.replaceAll("[?#].*$", "");
    name = name.substring(name.lastIndexOf('/') + 1);
    if (name.endsWith(".zip")) {
      name = name.substring(0, name.length() - 4);
    }
    return SnapshotId.isValid(name) ? name : null;
  }

  /** More than one manager node in {@code /cluster-status}. */
  private static boolean isCluster(CloudifyClient client) {
    return client.clusterStatus().manager().map(m -> m.nodes().size() > 1).orElse(false);
  }

  /** The command as approved: canonical, with manager, tenant and incident; never the reason. */
  static String commandText(Command c, Globals g, String manager, ManagerConfig mc) {
    Globals bound = new Globals(manager, mc.tenant(), null, g.incident());
    return c.canonical() + " " + bound.canonical();
  }

  private static String managerSuffix(Globals g) {
    return g.manager() == null ? "" : " -m " + g.manager();
  }

  static Message managerError(String manager, Command cmd, CloudifyException e) {
    String what = Redactor.forDisplay(cmd.canonical());
    return Message.builder(Status.FAILED, "The manager " + manager + " refused or failed `" + what + "`")
        .line(ManagerErrors.explain(e))
        .context("HTTP " + (e.httpStatus() == 0 ? "-" : e.httpStatus()) + (e.errorCode() == null ? "" : " · " + e.errorCode()))
        .build();
  }

  private static void safeEphemeral(Responder r, Message m) {
    try {
      r.ephemeral(m);
    } catch (RuntimeException e) {
      log.warn("Could not answer the requester: {}", e.toString());
    }
  }

  /** Incident target of a command, as ops understands it: a channel id/name, {@code new}, or null. */
  public static String incidentTarget(Globals g) {
    Incident i = g.incident();
    if (i == null) {
      return null;
    }
    if (i instanceof Incident.NewChannel) {
      return "new";
    }
    Incident.Channel ch = (Incident.Channel) i;
    return ch.id() != null ? ch.id() : ch.name();
  }
}
