package io.cfychatops.core;

import io.cfychatops.approvals.AuditLog;
import io.cfychatops.approvals.Decision;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.Invocation;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Responder;
import io.cfychatops.chat.Status;
import io.cfychatops.command.ApprovalCommand;
import io.cfychatops.command.BackupsCommand;
import io.cfychatops.command.BotCommand;
import io.cfychatops.command.Command;
import io.cfychatops.command.CommandParser;
import io.cfychatops.command.HelpText;
import io.cfychatops.command.MaintenanceCommand;
import io.cfychatops.command.ManagerCommand;
import io.cfychatops.command.OperationCommand;
import io.cfychatops.command.OpsCommand;
import io.cfychatops.command.ParseResult;
import io.cfychatops.command.SnapshotCommand;
import io.cfychatops.ops.ClusterDiagnosis;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one dispatch of a {@code /cfy} line: parse, then one {@link Command.Visitor} method per
 * command saying what happens to it — help, votes, queries of one manager or of every manager the
 * user may read, backups, and operations (through the {@link ApprovalFlow}). Commands that act on a
 * manager are admitted by the {@link ManagerScope} first; manager failures become one explained
 * reply ({@link ManagerErrors}).
 */
final class CommandRouter {
  private final ManagerScope scope;
  private final ApprovalFlow approvals;
  private final OperationCommands operations;
  private final BackupCommands backups;
  private final ManagerPort api;
  private final AuditLog audit;
  private final Inspections inspections;

  CommandRouter(
      ManagerScope scope,
      ApprovalFlow approvals,
      OperationCommands operations,
      BackupCommands backups,
      ManagerPort api,
      AuditLog audit,
      Inspections inspections) {
    this.inspections = Objects.requireNonNull(inspections);
    this.scope = Objects.requireNonNull(scope);
    this.approvals = Objects.requireNonNull(approvals);
    this.operations = Objects.requireNonNull(operations);
    this.backups = Objects.requireNonNull(backups);
    this.api = Objects.requireNonNull(api);
    this.audit = Objects.requireNonNull(audit);
  }

  /** Handles one typed line; every outcome is answered through {@code r}. */
  void handle(Invocation inv, Responder r) {
    ParseResult parsed = CommandParser.parse(inv.text());
    if (parsed instanceof ParseResult.ParseError err) {
      r.ephemeral(Message.builder(Status.WARNING, err.message()).line(err.usage()).build());
      return;
    }
    ParseResult.Parsed p = (ParseResult.Parsed) parsed;
    p.command().accept(new Call(inv.user(), inv.channel(), p, r));
  }

  /** One command of one user, being handled. */
  private final class Call implements Command.Visitor<Void> {
    private final ChatUser user;
    private final String channel;
    private final ParseResult.Parsed parsed;
    private final Responder r;

    Call(ChatUser user, String channel, ParseResult.Parsed parsed, Responder r) {
      this.user = user;
      this.channel = channel;
      this.parsed = parsed;
      this.r = r;
    }

    // ---------------------------------------------------------------- no manager to resolve

    @Override
    public Void help(BotCommand.Help h) {
      r.ephemeral(
          Message.builder(
                  Status.INFO, h.topic() == null ? "cfy-chatops help" : "Help: " + h.topic())
              .line(h.topic() == null ? HelpText.overview() : HelpText.usage(h.topic()))
              .build());
      return null;
    }

    // votes and cancellations name a request, whose manager decides the rest

    @Override
    public Void approve(ApprovalCommand.Approve c) {
      approvals.vote(c.requestId(), user, Decision.APPROVE, channel, c.confirm(), r);
      return null;
    }

    @Override
    public Void deny(ApprovalCommand.Deny c) {
      approvals.vote(c.requestId(), user, Decision.DENY, channel, null, r);
      return null;
    }

    @Override
    public Void cancel(ApprovalCommand.Cancel c) {
      approvals.cancel(c.requestId(), user, r);
      return null;
    }

    @Override
    public Void opsCancel(OpsCommand.Cancel c) {
      operations.cancel(c.opId(), user, channel, r);
      return null;
    }

    // ---------------------------------------------------------------- every manager the user may
    // read

    @Override
    public Void opsList(OpsCommand.List c) {
      return spanning(c, false, operations::list);
    }

    @Override
    public Void opsShow(OpsCommand.Show c) {
      return spanning(c, false, s -> operations.show(c.opId(), s));
    }

    @Override
    public Void opsTimeline(OpsCommand.Timeline c) {
      return spanning(c, false, s -> operations.timeline(c, s, user, channel));
    }

    @Override
    public Void backupsStatus(BackupsCommand.Status c) {
      return spanning(c, false, backups::status);
    }

    @Override
    public Void audit(BotCommand.Audit c) {
      return spanning(
          c, true, s -> audit.renderFor(c.limit(), s)); // "": entries tied to no manager
    }

    // ---------------------------------------------------------------- one manager

    @Override
    public Void snapshotsList(SnapshotCommand.List c) {
      String suffix = parsed.globals().manager() == null ? "" : " -m " + parsed.globals().manager();
      return reply(c, t -> Queries.snapshotsList(t.manager(), t.port(), c, suffix));
    }

    @Override
    public Void snapshotsStatus(SnapshotCommand.Status c) {
      return reply(c, t -> Queries.snapshotsStatus(t.manager(), t.port()));
    }

    @Override
    public Void snapshotsInspect(SnapshotCommand.Inspect c) {
      return onManager(c, t -> inspections.inspect(t.manager(), t.port(), c, r));
    }

    @Override
    public Void maintenanceStatus(MaintenanceCommand.Status c) {
      return reply(c, t -> Queries.maintenanceStatus(t.manager(), t.port()));
    }

    @Override
    public Void status(ManagerCommand.Status c) {
      return reply(c, t -> Queries.status(t.manager(), t.port()));
    }

    @Override
    public Void clusterStatus(ManagerCommand.ClusterStatus c) {
      return reply(c, t -> ClusterDiagnosis.run(api, t.manager()));
    }

    @Override
    public Void backupsHistory(BackupsCommand.History c) {
      return reply(c, t -> backups.history(t.manager(), c.nights()));
    }

    @Override
    public Void backupsRetention(BackupsCommand.Retention c) {
      return reply(c, t -> backups.retentionDryRun(t.manager()));
    }

    @Override
    public Void drillsHistory(io.cfychatops.command.DrillsCommand.History c) {
      return reply(c, t -> backups.drillHistory(t.manager()));
    }

    @Override
    public Void drillsRun(io.cfychatops.command.DrillsCommand.Run c) {
      return onManager(c, t -> r.inChannel(backups.drillRun(t.manager(), user.id())));
    }

    @Override
    public Void backupsRun(BackupsCommand.Run c) {
      return onManager(
          c,
          t -> {
            r.ephemeral(
                Message.text(
                    Status.RUNNING,
                    "Running the nightly backup of "
                        + t.manager()
                        + " now; the report follows here when it ends."));
            r.inChannel(backups.runNow(t.manager()));
          });
    }

    @Override
    public Void backupsOffsitePush(BackupsCommand.OffsitePush c) {
      return onManager(
          c,
          t -> {
            r.ephemeral(
                Message.text(
                    Status.RUNNING,
                    "Copying `"
                        + c.snapshotId()
                        + "` of "
                        + t.manager()
                        + " off-site; the result follows here."));
            r.inChannel(backups.offsitePush(t.manager(), c.snapshotId().value()));
          });
    }

    // ---------------------------------------------------------------- operations

    @Override
    public Void snapshotsCreate(SnapshotCommand.Create c) {
      return operation(c);
    }

    @Override
    public Void snapshotsDownload(SnapshotCommand.Download c) {
      return operation(c);
    }

    @Override
    public Void snapshotsUpload(SnapshotCommand.Upload c) {
      if (c.sourceIsUrl() && hasUserInfo(c.source())) {
        r.ephemeral(
            Message.text(
                Status.WARNING,
                "Do not put credentials in the upload URL: it would be shown on the approval"
                    + " card and kept in the audit log. Use a pre-signed URL or one the manager can fetch without a password."));
        return null;
      }
      return operation(c);
    }

    @Override
    public Void snapshotsRestore(SnapshotCommand.Restore c) {
      return operation(c);
    }

    @Override
    public Void snapshotsDelete(SnapshotCommand.Delete c) {
      return operation(c);
    }

    @Override
    public Void maintenanceActivate(MaintenanceCommand.Activate c) {
      return operation(c);
    }

    @Override
    public Void maintenanceDeactivate(MaintenanceCommand.Deactivate c) {
      return operation(c);
    }

    // ---------------------------------------------------------------- shared steps

    /**
     * Create, download, upload, restore, delete, maintenance: approval if the policy says so, else
     * run.
     */
    private Void operation(OperationCommand c) {
      return onManager(c, t -> approvals.request(c, parsed.globals(), t, user, channel, r));
    }

    /** A query answered with one message from the admitted manager. */
    private Void reply(Command c, Function<ManagerScope.Target, Message> query) {
      return onManager(c, t -> r.ephemeral(query.apply(t)));
    }

    /**
     * Runs {@code work} on the manager {@code c} is admitted to, if it is; explains manager
     * failures.
     */
    private Void onManager(Command c, Consumer<ManagerScope.Target> work) {
      scope
          .enter(c.action(), parsed.globals(), parsed.canonical(), user, channel, r)
          .ifPresent(
              t -> {
                try {
                  work.accept(t);
                } catch (ManagerCallException e) {
                  r.ephemeral(ManagerErrors.reply(t.manager(), c, e));
                }
              });
      return null;
    }

    /**
     * A query over several managers: the one named with {@code -m} (admitted like any command), or
     * else every manager the user may read; {@code withUnscoped}: entries tied to no manager too,
     * for users who may read every manager.
     */
    private Void spanning(Command c, boolean withUnscoped, Function<List<String>, Message> query) {
      if (parsed.globals().manager() != null) {
        return reply(c, t -> query.apply(List.of(t.manager())));
      }
      scope
          .span(c.action(), parsed.canonical(), user, channel, r)
          .ifPresent(
              s -> {
                List<String> managers = s;
                if (withUnscoped && scope.coversAll(s)) {
                  managers = new ArrayList<>(s);
                  managers.add("");
                }
                r.ephemeral(query.apply(managers));
              });
      return null;
    }
  }

  private static boolean hasUserInfo(String url) {
    try {
      return URI.create(url).getRawUserInfo() != null;
    } catch (IllegalArgumentException e) {
      return url.matches("(?i)^[a-z][a-z0-9+.-]*://[^/@]*@.*");
    }
  }
}
