package io.cfychatops.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import io.cfychatops.chat.ActionInvocation;
import io.cfychatops.chat.ChatHandler;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.Invocation;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Responder;
import io.cfychatops.chat.Status;
import io.cfychatops.core.AppHome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt {@link App} for cfy-chatops: {@code /cfy}, buttons, App Home. Transport-independent:
 * {@link SlackHttpServer} and {@link SlackSocketMode} both feed it.
 *
 * <p><b>Ack first.</b> Every listener returns an empty 200 ack at once (so the user's command echo
 * stays clean) and hands the work to the {@link ChatHandler} on a bounded worker pool; the request
 * thread never runs core code. When the pool is full, or the core says it is not {@link
 * ChatHandler#accepting accepting}, the ack itself carries a "busy" notice.
 *
 * <p><b>Exactly once per delivery.</b> Slack may deliver the same command or click again ({@code
 * X-Slack-Retry-Num}, Socket Mode {@code retry_attempt}, or a reconnect replay). This adapter only
 * names each delivery, equal across retries: slash commands by {@code trigger_id} (unique per
 * invocation, present in both modes), clicks by {@code act:<action_ts>:<user.id>:<action_id>} (a
 * click has no trigger-independent id; the triple is unique per click). The core recognises repeats
 * ({@code chat.DeliveryDedupe}: memory, then the store, so across replicas too).
 */
public final class SlackApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackApp.class);

  public static final String COMMAND = "/cfy";

  /** Action ids the core owns. Disjoint from any other pattern registered here. */
  public static final Pattern ACTION_IDS = Pattern.compile("^(approval|page|ops)\\..+$");

  public static final int DEFAULT_WORKERS = 16;
  public static final int DEFAULT_QUEUE = 1024;
  static final String BUSY = "cfy-chatops is busy right now; please try again in a minute.";
  static final String BUSY_TEXT = ":warning: " + BUSY;

  private final App app;
  private final SignatureVerifier verifier;
  private final ChatHandler handler;
  private final AppHome home;
  private final SlackChatPort port;
  private final BlockKitRenderer renderer;
  private final SlackResponders responders;
  private final WorkerPool workers;

  /**
   * @param slack the shared client (see {@link #newSlack}); the same instance should back the
   *     {@link SlackChatPort} the core uses
   */
  public SlackApp(
      Slack slack,
      SlackSettings settings,
      ChatHandler handler,
      AppHome home,
      int workerThreads,
      int queueCapacity) {
    this(slack, settings, handler, home, workerThreads, queueCapacity, Clock.systemUTC());
  }

  /**
   * @param clock decides the request-signature window ({@link SignatureVerifier}); the system clock
   *     in production
   */
  public SlackApp(
      Slack slack,
      SlackSettings settings,
      ChatHandler handler,
      AppHome home,
      int workerThreads,
      int queueCapacity,
      Clock clock) {
    Objects.requireNonNull(settings, "settings");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.home = home == null ? AppHome.DEFAULT : home;
    this.renderer = new BlockKitRenderer();
    // Socket Mode skips request verification; an unusable secret keeps HTTP closed if misused.
    String secret = settings.signingSecret() == null ? "---" : settings.signingSecret();
    AppConfig config =
        AppConfig.builder()
            .singleTeamBotToken(settings.botToken())
            .signingSecret(secret)
            .slack(slack)
            .build();
    this.verifier = new SignatureVerifier(secret, clock);
    this.app = new StrictApp(config, verifier);
    this.port = new SlackChatPort(app.client(), renderer);
    this.responders = new SlackResponders(port, renderer);
    this.workers = new WorkerPool(workerThreads, queueCapacity);
    register();
  }

  public SlackApp(Slack slack, SlackSettings settings, ChatHandler handler, AppHome home) {
    this(slack, settings, handler, home, DEFAULT_WORKERS, DEFAULT_QUEUE);
  }

  /**
   * A {@link Slack} client for {@code settings}: Web API base from {@code SLACK_API_URL}, call
   * timeout 10 s. Stats (which call {@code auth.test} behind the scenes) are off when the base is
   * overridden, i.e. against fakes and proxies.
   */
  public static Slack newSlack(SlackSettings settings) {
    SlackConfig c = new SlackConfig();
    if (settings.apiUrl() != null) {
      c.setMethodsEndpointUrlPrefix(settings.apiUrl());
      c.setStatsEnabled(false);
    }
    c.setHttpClientCallTimeoutMillis(10_000);
    c.setHttpClientReadTimeoutMillis(10_000);
    return Slack.getInstance(c);
  }

  public App app() {
    return app;
  }

  /** The request-signature check every HTTP path uses (this app's middleware and the listener). */
  public SignatureVerifier verifier() {
    return verifier;
  }

  /**
   * Bolt's {@link App} with its {@code RequestVerification} middleware built on {@link
   * SignatureVerifier} instead of Bolt's default verifier (which accepts future timestamps and
   * compares with {@code String.equals}). Bolt builds the middleware list in {@code start()}, after
   * construction, so the override sees its verifier.
   */
  private static final class StrictApp extends App {
    private final SignatureVerifier strict;

    StrictApp(AppConfig config, SignatureVerifier strict) {
      super(config);
      this.strict = strict;
    }

    @Override
    protected List<Middleware> buildDefaultMiddlewareList(AppConfig config) {
      List<Middleware> list = new ArrayList<>(super.buildDefaultMiddlewareList(config));
      list.replaceAll(m -> m instanceof RequestVerification ? new RequestVerification(strict) : m);
      return list;
    }
  }

  /** The Web API port over the same client; give it to the core. */
  public SlackChatPort chatPort() {
    return port;
  }

  /** Commands/clicks accepted but not yet picked up by a worker. */
  public int queuedWork() {
    return workers.queued();
  }

  private void register() {
    app.command(
        COMMAND,
        (req, ctx) -> {
          SlashCommandPayload p = req.getPayload();
          String deliveryId = p.getTriggerId();
          logRetry("command " + deliveryId, req.getHeaders());
          ChatUser user = new ChatUser(p.getUserId(), p.getUserName(), p.getTeamId());
          if (!handler.accepting()) {
            workers.logRejected("/cfy from " + user.id() + " (core queue full)");
            return ctx.ack(BUSY_TEXT); // the ack says it: no separate response_url post per refusal
          }
          Invocation inv =
              new Invocation(user, p.getChannelId(), unescape(p.getText()), deliveryId);
          Responder responder = responders.slash(ctx, user, p.getChannelId());
          try {
            workers.submit("command", () -> handler.onCommand(inv, responder));
          } catch (RejectedExecutionException e) {
            workers.logRejected("/cfy from " + user.id());
            return ctx.ack(BUSY_TEXT);
          }
          return ctx.ack();
        });

    app.blockAction(
        ACTION_IDS,
        (req, ctx) -> {
          BlockActionPayload p = req.getPayload();
          BlockActionPayload.Action a = p.getActions().get(0);
          String userId = p.getUser().getId();
          String deliveryId =
              a.getActionTs() == null || a.getActionTs().isEmpty()
                  ? ""
                  : "act:" + a.getActionTs() + ":" + userId + ":" + a.getActionId();
          logRetry("click " + deliveryId, req.getHeaders());
          BlockActionPayload.Container c = p.getContainer();
          MessageRef source =
              c != null
                      && "message".equals(c.getType())
                      && c.getChannelId() != null
                      && c.getMessageTs() != null
                  ? new MessageRef(c.getChannelId(), c.getMessageTs())
                  : null;
          boolean ephemeralSource = c != null && c.isEphemeral();
          String channel =
              p.getChannel() != null
                  ? p.getChannel().getId()
                  : (c == null ? null : c.getChannelId());
          ChatUser user = new ChatUser(userId, p.getUser().getUsername(), p.getUser().getTeamId());
          ActionInvocation inv =
              new ActionInvocation(
                  user,
                  channel,
                  BlockKitRenderer.baseActionId(a.getActionId()),
                  a.getValue(),
                  source,
                  deliveryId);
          Responder responder =
              responders.action(ctx, user, channel, ephemeralSource ? null : source);
          try {
            workers.submit("action", () -> handler.onAction(inv, responder));
          } catch (RejectedExecutionException e) {
            workers.logRejected("click " + inv.actionId() + " from " + userId);
            app.executorService()
                .execute(
                    () ->
                        WorkerPool.runSafely(
                            "busy notice",
                            () -> responder.ephemeral(Message.text(Status.WARNING, BUSY))));
          }
          return ctx.ack();
        });

    app.viewSubmission(ConfirmationModal.CALLBACK_ID, (req, ctx) -> confirm(req, ctx));

    app.event(
        AppHomeOpenedEvent.class,
        (payload, ctx) -> {
          AppHomeOpenedEvent ev = payload.getEvent();
          if (ev.getTab() == null || "home".equals(ev.getTab())) {
            try {
              workers.submit("app home", () -> publishHome(ev.getUser()));
            } catch (RejectedExecutionException e) {
              workers.logRejected("App Home for " + ev.getUser());
            }
          }
          return ctx.ack();
        });
  }

  /**
   * The {@code view_submission} of a typed confirmation: the core counts or refuses it on this
   * thread (one store transaction) so that a refusal comes back as {@code response_action: errors}
   * next to the field, with nothing counted; the rest runs on the core's workers.
   */
  private Response confirm(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    ViewSubmissionPayload p = req.getPayload();
    Optional<ConfirmationModal.Target> target =
        ConfirmationModal.target(p.getView() == null ? null : p.getView().getPrivateMetadata());
    if (target.isEmpty() || p.getUser() == null) {
      log.warn("Refused a typed confirmation with unknown metadata");
      return ctx.ack(
          r -> r.responseAction("errors").errors(ConfirmationModal.errors("Not recognised.")));
    }
    ConfirmationModal.Target t = target.get();
    ChatUser user =
        new ChatUser(p.getUser().getId(), p.getUser().getUsername(), p.getUser().getTeamId());
    String typed = ConfirmationModal.typed(p.getView());
    ActionInvocation inv = new ActionInvocation(user, t.channel(), t.actionId(), t.value(), null);
    Optional<String> refused =
        handler.onConfirmation(
            inv, typed == null ? "" : typed, responders.submission(user, t.channel()));
    if (refused.isPresent()) {
      return ctx.ack(
          r -> r.responseAction("errors").errors(ConfirmationModal.errors(refused.get())));
    }
    return ctx.ack();
  }

  /** Publishes the App Home tab for {@code userId} (scope: none beyond the bot token). */
  public void publishHome(String userId) {
    BlockKitRenderer.Rendered r = renderer.render(home.home(userId));
    View view = View.builder().type("home").blocks(r.blocks()).build();
    SlackChatPort.call(
        "views.publish", () -> app.client().viewsPublish(b -> b.userId(userId).view(view)));
  }

  /** Slack says when it retries over HTTP; the core decides whether the delivery is a repeat. */
  private static void logRetry(String what, RequestHeaders headers) {
    String retry = headers == null ? null : headers.getFirstValue("X-Slack-Retry-Num");
    if (retry != null) {
      log.info("Slack retry {} of {}", retry, what);
    }
  }

  /** Commands, clicks and home views refused because the worker pool was full. */
  public long rejectedWork() {
    return workers.rejected();
  }

  /** Slack escapes {@code & < >} in command text; the core gets plain text. */
  static String unescape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  @Override
  public void close() {
    workers.close();
    app.stop();
  }

  /** For tests and the benchmark: the executor running core code. */
  ExecutorService workers() {
    return workers.executor();
  }
}
