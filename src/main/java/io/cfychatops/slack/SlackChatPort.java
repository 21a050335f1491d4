package io.cfychatops.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatScheduleMessageResponse;
import com.slack.api.methods.response.chat.scheduled_messages.ChatScheduledMessagesListResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Usergroup;
import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.ScheduledMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChatPort} over the Slack Web API (sync {@link MethodsClient}). Thread-safe.
 *
 * <p>Every call checks {@code ok}; {@code ok=false} becomes a {@link ChatException} carrying
 * Slack's error code. HTTP 429 becomes a {@link ChatException} with code {@code ratelimited} and
 * {@code retryAfterSeconds} from {@code Retry-After}; nothing here retries or sleeps: the caller
 * decides. Other non-2xx answers become {@code http_<status>}, transport failures {@code io_error}.
 *
 * <p>Scheduled messages ({@code chat.scheduleMessage}, scope {@code chat:write}) are sent with
 * {@code text} and {@code blocks} only: never {@code metadata}, since Slack does not post a
 * scheduled message that carries it (documented Slack bug).
 */
public final class SlackChatPort implements ChatPort {
  private static final Logger log = LoggerFactory.getLogger(SlackChatPort.class);
  private static final Pattern USERGROUP_ID = Pattern.compile("^S[A-Z0-9]{2,}$");
  private static final int LIST_PAGE = 200;
  private static final int LIST_MAX_PAGES = 50;

  private final MethodsClient client;
  private final BlockKitRenderer renderer;

  public SlackChatPort(MethodsClient client, BlockKitRenderer renderer) {
    this.client = Objects.requireNonNull(client, "client");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  @FunctionalInterface
  interface Call<T extends SlackApiTextResponse> {
    T run() throws IOException, SlackApiException;
  }

  /** Runs one Web API call and maps every failure to {@link ChatException}. */
  static <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    T r;
    try {
      r = call.run();
    } catch (SlackApiException e) {
      int status = e.getResponse() == null ? 0 : e.getResponse().code();
      if (status == 429) {
        long after = retryAfter(e.getResponse().header("Retry-After"));
        log.warn("Slack {} rate limited; retry after {}s", method, after);
        throw new ChatException(
            "ratelimited",
            "Slack " + method + " rate limited (retry after " + after + "s)",
            Math.max(1, after),
            e);
      }
      log.warn("Slack {} failed with HTTP {}", method, status);
      throw new ChatException(
          "http_" + status, "Slack " + method + " answered HTTP " + status, 0, e);
    } catch (IOException e) {
      log.warn("Slack {} failed: {}", method, e.toString());
      throw new ChatException("io_error", "Slack " + method + " failed: " + e.getMessage(), 0, e);
    }
    if (r == null) {
      throw new ChatException("no_response", "Slack " + method + " returned nothing");
    }
    if (!r.isOk()) {
      String code = r.getError() == null ? "unknown_error" : r.getError();
      log.warn("Slack {} not ok: {} (needed: {})", method, code, r.getNeeded());
      throw new ChatException(
          code,
          "Slack "
              + method
              + " failed: "
              + code
              + (r.getNeeded() == null ? "" : " (missing scope " + r.getNeeded() + ")"));
    }
    return r;
  }

  static long retryAfter(String header) {
    if (header == null) {
      return 1;
    }
    try {
      return Math.max(1, Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  @Override
  public MessageRef post(String channel, Message message) {
    BlockKitRenderer.Rendered r = renderer.render(message);
    ChatPostMessageResponse resp =
        call(
            "chat.postMessage",
            () ->
                client.chatPostMessage(
                    b ->
                        b.channel(channel)
                            .text(r.text())
                            .blocks(r.blocks())
                            .unfurlLinks(false)
                            .unfurlMedia(false)));
    return new MessageRef(resp.getChannel(), resp.getTs());
  }

  @Override
  public void update(MessageRef ref, Message message) {
    BlockKitRenderer.Rendered r = renderer.render(message);
    // Blocks are always re-sent in full: chat.update with text only would drop them.
    call(
        "chat.update",
        () ->
            client.chatUpdate(
                b -> b.channel(ref.channel()).ts(ref.ts()).text(r.text()).blocks(r.blocks())));
  }

  @Override
  public MessageRef reply(MessageRef parent, Message message) {
    BlockKitRenderer.Rendered r = renderer.render(message);
    ChatPostMessageResponse resp =
        call(
            "chat.postMessage",
            () ->
                client.chatPostMessage(
                    b ->
                        b.channel(parent.channel())
                            .threadTs(parent.ts())
                            .text(r.text())
                            .blocks(r.blocks())
                            .unfurlLinks(false)
                            .unfurlMedia(false)));
    return new MessageRef(resp.getChannel(), resp.getTs());
  }

  @Override
  public void ephemeral(String channel, String userId, Message message) {
    BlockKitRenderer.Rendered r = renderer.render(message);
    call(
        "chat.postEphemeral",
        () ->
            client.chatPostEphemeral(
                b -> b.channel(channel).user(userId).text(r.text()).blocks(r.blocks())));
  }

  /** Joins a public channel (scope {@code channels:join}). */
  public void join(String channel) {
    call("conversations.join", () -> client.conversationsJoin(b -> b.channel(channel)));
  }

  /**
   * Creates the public channel {@code name}, or finds it when Slack says {@code name_taken}, then
   * invites {@code userIds} ({@code already_in_channel} is fine). An archived channel of that name
   * is reported as {@code name_taken}: it cannot be reused without a human unarchiving it.
   */
  @Override
  public String openChannel(String name, List<String> userIds) {
    String id;
    try {
      ConversationsCreateResponse c =
          call(
              "conversations.create",
              () -> client.conversationsCreate(b -> b.name(name).isPrivate(false)));
      id = c.getChannel().getId();
    } catch (ChatException e) {
      if (!"name_taken".equals(e.code())) {
        throw e;
      }
      Conversation existing = findChannel(name);
      if (existing == null || existing.isArchived()) {
        throw new ChatException(
            "name_taken",
            "Channel #"
                + name
                + " exists but "
                + (existing == null ? "is not visible to the bot" : "is archived")
                + "; pick another name");
      }
      id = existing.getId();
      if (!existing.isMember()) {
        join(id);
      }
    }
    List<String> invitees =
        userIds == null
            ? List.of()
            : userIds.stream().filter(u -> u != null && !u.isBlank()).distinct().toList();
    if (!invitees.isEmpty()) {
      String channelId = id;
      try {
        call(
            "conversations.invite",
            () -> client.conversationsInvite(b -> b.channel(channelId).users(invitees)));
      } catch (ChatException e) {
        if (!"already_in_channel".equals(e.code()) && !"cant_invite_self".equals(e.code())) {
          throw e;
        }
      }
    }
    return id;
  }

  private Conversation findChannel(String name) {
    String cursor = null;
    for (int page = 0; page < LIST_MAX_PAGES; page++) {
      String c = cursor;
      ConversationsListResponse r =
          call(
              "conversations.list",
              () ->
                  client.conversationsList(
                      b ->
                          b.types(List.of(ConversationType.PUBLIC_CHANNEL))
                              .excludeArchived(false)
                              .limit(LIST_PAGE)
                              .cursor(c)));
      if (r.getChannels() != null) {
        for (Conversation conv : r.getChannels()) {
          if (name.equals(conv.getName())) {
            return conv;
          }
        }
      }
      cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
      if (cursor == null || cursor.isEmpty()) {
        return null;
      }
    }
    return null;
  }

  @Override
  public Set<String> userGroupMembers(String groupIdOrHandle) {
    String g = Objects.requireNonNull(groupIdOrHandle, "groupIdOrHandle").strip();
    String id =
        USERGROUP_ID.matcher(g).matches()
            ? g
            : groupIdForHandle(g.startsWith("@") ? g.substring(1) : g);
    List<String> users =
        call(
                "usergroups.users.list",
                () -> client.usergroupsUsersList(b -> b.usergroup(id).includeDisabled(false)))
            .getUsers();
    return users == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(users));
  }

  private String groupIdForHandle(String handle) {
    List<Usergroup> groups =
        call("usergroups.list", () -> client.usergroupsList(b -> b)).getUsergroups();
    if (groups != null) {
      for (Usergroup ug : groups) {
        if (handle.equalsIgnoreCase(ug.getHandle())) {
          return ug.getId();
        }
      }
    }
    throw new ChatException("usergroup_not_found", "No Slack user group with handle @" + handle);
  }

  /**
   * {@code chat.scheduleMessage} with the same rendering as {@link #post} (mentions included), no
   * {@code metadata}. On {@code not_in_channel} joins the public channel once and tries again.
   * Errors keep Slack's codes ({@code time_in_past}, {@code time_too_far}, {@code
   * restricted_too_many}, {@code ratelimited} with Retry-After) with a readable message.
   */
  @Override
  public ScheduledMessage scheduleMessage(String channel, Message message, Instant postAt) {
    Objects.requireNonNull(channel, "channel");
    long epoch = Objects.requireNonNull(postAt, "postAt").getEpochSecond();
    if (epoch <= 0 || epoch > Integer.MAX_VALUE) {
      throw new ChatException("invalid_time", "Cannot schedule a Slack message at " + postAt);
    }
    BlockKitRenderer.Rendered r = renderer.render(message);
    ChatScheduleMessageResponse resp;
    try {
      resp = schedule(channel, (int) epoch, r);
    } catch (ChatException e) {
      if (!"not_in_channel".equals(e.code())) {
        throw explained(e, postAt);
      }
      join(channel);
      try {
        resp = schedule(channel, (int) epoch, r);
      } catch (ChatException again) {
        throw explained(again, postAt);
      }
    }
    if (resp.getScheduledMessageId() == null || resp.getScheduledMessageId().isBlank()) {
      throw new ChatException(
          "no_response", "Slack chat.scheduleMessage returned no scheduled_message_id");
    }
    Instant at =
        resp.getPostAt() == null
            ? Instant.ofEpochSecond(epoch)
            : Instant.ofEpochSecond(resp.getPostAt());
    return new ScheduledMessage(
        resp.getScheduledMessageId(),
        resp.getChannel() == null ? channel : resp.getChannel(),
        at,
        null,
        r.text());
  }

  private ChatScheduleMessageResponse schedule(
      String channel, int postAt, BlockKitRenderer.Rendered r) {
    // metadata is deliberately never set (see the class comment)
    return call(
        "chat.scheduleMessage",
        () ->
            client.chatScheduleMessage(
                b ->
                    b.channel(channel)
                        .postAt(postAt)
                        .text(r.text())
                        .blocks(r.blocks())
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
  }

  private static ChatException explained(ChatException e, Instant postAt) {
    String why =
        switch (e.code() == null ? "" : e.code()) {
          case "time_in_past" -> "the time " + postAt + " is in the past for Slack";
          case "time_too_far" -> "the time " + postAt + " is more than 120 days ahead";
          case "restricted_too_many" ->
              "more than 30 messages scheduled in this channel within 5 minutes";
          default -> null;
        };
    return why == null
        ? e
        : new ChatException(
            e.code(), "Slack chat.scheduleMessage refused: " + why, e.retryAfterSeconds(), e);
  }

  /**
   * {@code chat.deleteScheduledMessage}; {@code invalid_scheduled_message_id} means already gone.
   */
  @Override
  public boolean deleteScheduledMessage(String channel, String scheduledMessageId) {
    try {
      call(
          "chat.deleteScheduledMessage",
          () ->
              client.chatDeleteScheduledMessage(
                  b -> b.channel(channel).scheduledMessageId(scheduledMessageId)));
      return true;
    } catch (ChatException e) {
      if ("invalid_scheduled_message_id".equals(e.code())) {
        return false;
      }
      throw e;
    }
  }

  /** Files upload v2 ({@link SlackFiles}). */
  @Override
  public void uploadFile(
      String channel, @Nullable String threadTs, String fileName, String title, byte[] content) {
    SlackFiles.upload(client, channel, threadTs, fileName, title, content);
  }

  /** {@code chat.scheduledMessages.list} for {@code channel}, every page (at most 50 of 100). */
  @Override
  public List<ScheduledMessage> scheduledMessages(String channel) {
    List<ScheduledMessage> out = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < LIST_MAX_PAGES; page++) {
      String c = cursor;
      ChatScheduledMessagesListResponse r =
          call(
              "chat.scheduledMessages.list",
              () -> client.chatScheduledMessagesList(b -> b.channel(channel).limit(100).cursor(c)));
      if (r.getScheduledMessages() != null) {
        for (ChatScheduledMessagesListResponse.ScheduledMessage m : r.getScheduledMessages()) {
          if (m.getId() == null || m.getPostAt() == null) {
            continue;
          }
          out.add(
              new ScheduledMessage(
                  m.getId(),
                  m.getChannelId() == null ? channel : m.getChannelId(),
                  Instant.ofEpochSecond(m.getPostAt()),
                  m.getDateCreated() == null ? null : Instant.ofEpochSecond(m.getDateCreated()),
                  m.getText()));
        }
      }
      cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
      if (cursor == null || cursor.isEmpty()) {
        return out;
      }
    }
    log.warn(
        "chat.scheduledMessages.list for {} has more than {} pages; the rest is not looked at",
        channel,
        LIST_MAX_PAGES);
    return out;
  }
}
