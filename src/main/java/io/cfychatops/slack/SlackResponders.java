package io.cfychatops.slack;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.webhook.WebhookResponse;
import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.ConfirmationPrompt;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Responder;
import io.cfychatops.chat.Status;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Responder}s the core answers a slash command or a click through: ephemeral replies go
 * to the request's {@code response_url} and fall back to {@code chat.postEphemeral}; in-channel
 * posts use {@code chat.postMessage}, joining the channel once on {@code not_in_channel} and
 * telling the user ephemerally when that fails too; a click's {@code replaceSource} edits the
 * clicked message with {@code chat.update}, else through {@code response_url}, else answers
 * ephemerally.
 */
final class SlackResponders {
  private static final Logger log = LoggerFactory.getLogger(SlackResponders.class);

  private final SlackChatPort port;
  private final BlockKitRenderer renderer;

  SlackResponders(SlackChatPort port, BlockKitRenderer renderer) {
    this.port = port;
    this.renderer = renderer;
  }

  /** For a slash command by {@code user} in {@code channel}. */
  Responder slash(SlashCommandContext ctx, ChatUser user, String channel) {
    return new SlashResponder(ctx, user, channel);
  }

  /**
   * For a click by {@code user}; {@code source} is null when the clicked message cannot be edited.
   */
  Responder action(ActionContext ctx, ChatUser user, String channel, MessageRef source) {
    return new ActionResponder(ctx, user, channel, source);
  }

  /**
   * For the {@code view_submission} of a typed confirmation by {@code user}: there is no {@code
   * response_url}, so ephemeral answers use {@code chat.postEphemeral} in {@code channel}.
   */
  Responder submission(ChatUser user, String channel) {
    return new Responder() {
      @Override
      public void ephemeral(Message message) {
        port.ephemeral(channel, user.id(), message);
      }

      @Override
      public MessageRef inChannel(Message message) {
        return postInChannel(channel, message, this);
      }
    };
  }

  /** Posts in a channel; joins once on {@code not_in_channel}; reports failure ephemerally. */
  private MessageRef postInChannel(String channel, Message m, Responder forErrors) {
    try {
      try {
        return port.post(channel, m);
      } catch (ChatException e) {
        if (!"not_in_channel".equals(e.code())) {
          throw e;
        }
        port.join(channel);
        return port.post(channel, m);
      }
    } catch (ChatException e) {
      try {
        forErrors.ephemeral(
            Message.builder(Status.FAILED, "I could not post in this channel")
                .line("Slack said: " + e.code())
                .line(
                    "Invite me with /invite @cfy-chatops, or run the command in a channel I am in.")
                .build());
      } catch (RuntimeException nested) {
        log.warn("Could not report post failure either: {}", nested.toString());
      }
      throw e;
    }
  }

  private static boolean is2xx(WebhookResponse w) {
    return w != null && w.getCode() != null && w.getCode() >= 200 && w.getCode() < 300;
  }

  private final class SlashResponder implements Responder {
    private final SlashCommandContext ctx;
    private final ChatUser user;
    private final String channel;

    SlashResponder(SlashCommandContext ctx, ChatUser user, String channel) {
      this.ctx = ctx;
      this.user = user;
      this.channel = channel;
    }

    @Override
    public void ephemeral(Message message) {
      BlockKitRenderer.Rendered r = renderer.render(message);
      try {
        WebhookResponse w =
            ctx.respond(
                SlashCommandResponse.builder()
                    .responseType("ephemeral")
                    .text(r.text())
                    .blocks(r.blocks())
                    .build());
        if (is2xx(w)) {
          return;
        }
        log.warn(
            "response_url answered {}; falling back to chat.postEphemeral",
            w == null ? null : w.getCode());
      } catch (IOException e) {
        log.warn("response_url failed ({}); falling back to chat.postEphemeral", e.toString());
      }
      port.ephemeral(channel, user.id(), message);
    }

    @Override
    public MessageRef inChannel(Message message) {
      return postInChannel(channel, message, this);
    }
  }

  private final class ActionResponder implements Responder {
    private final ActionContext ctx;
    private final ChatUser user;
    private final String channel;
    private final MessageRef source; // null when the source cannot be edited with chat.update

    ActionResponder(ActionContext ctx, ChatUser user, String channel, MessageRef source) {
      this.ctx = ctx;
      this.user = user;
      this.channel = channel;
      this.source = source;
    }

    private boolean respond(Message message, boolean replaceOriginal) {
      BlockKitRenderer.Rendered r = renderer.render(message);
      try {
        WebhookResponse w =
            ctx.respond(
                ActionResponse.builder()
                    .responseType("ephemeral")
                    .replaceOriginal(replaceOriginal)
                    .text(r.text())
                    .blocks(r.blocks())
                    .build());
        if (is2xx(w)) {
          return true;
        }
        log.warn("response_url answered {}", w == null ? null : w.getCode());
      } catch (IOException e) {
        log.warn("response_url failed: {}", e.toString());
      }
      return false;
    }

    @Override
    public void ephemeral(Message message) {
      if (!respond(message, false)) {
        port.ephemeral(channel, user.id(), message);
      }
    }

    @Override
    public MessageRef inChannel(Message message) {
      return postInChannel(channel, message, this);
    }

    /** {@code views.open} with the click's {@code trigger_id} (valid for 3 s after the click). */
    @Override
    public boolean askConfirmation(ConfirmationPrompt prompt) {
      String trigger = ctx.getTriggerId();
      if (trigger == null || trigger.isEmpty()) {
        return false;
      }
      try {
        SlackChatPort.call(
            "views.open",
            () ->
                ctx.client()
                    .viewsOpen(
                        b -> b.triggerId(trigger).view(ConfirmationModal.view(prompt, channel))));
        return true;
      } catch (ChatException e) {
        log.warn("views.open for a typed confirmation failed: {}", e.code());
        return false;
      }
    }

    @Override
    public void replaceSource(Message message) {
      if (source != null) {
        try {
          port.update(source, message);
          return;
        } catch (ChatException e) {
          log.warn("chat.update of the clicked message failed ({}); trying response_url", e.code());
        }
      }
      if (!respond(message, true)) {
        ephemeral(message);
      }
    }
  }
}
