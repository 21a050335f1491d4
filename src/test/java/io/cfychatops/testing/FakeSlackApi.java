package io.cfychatops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A local fake of the Slack Web API (and of {@code response_url}s) on {@code 127.0.0.1:0}.
 *
 * <p>Point the SDK at {@link #apiUrl()} ({@code SlackConfig#setMethodsEndpointUrlPrefix}). Every
 * call needs {@code Authorization: Bearer <token>} (the bot token, or the app token for {@code
 * apps.connections.open}); every call is recorded with its form parameters. Tests wait for calls
 * with {@link #await(String, Duration)}: no sleeping. Failures are programmable per method: {@link
 * #failNext} ({@code ok:false}) and {@link #rateLimitNext} (HTTP 429 + {@code Retry-After}).
 *
 * <p>Supported: {@code auth.test}, {@code chat.postMessage|update|postEphemeral}, {@code
 * chat.scheduleMessage|deleteScheduledMessage|scheduledMessages.list}, {@code
 * conversations.create|invite|join|list}, {@code usergroups.list}, {@code usergroups.users.list},
 * {@code views.publish}, {@code views.open} (needs a {@code trigger_id}; answers {@code
 * invalid_trigger_id} without one), {@code apps.connections.open}; {@code POST /response/<n>}
 * records a {@code response_url} post under the method name {@link #RESPONSE_URL}.
 *
 * <p>Files upload v2 as Slack does it: {@code files.getUploadURLExternal} ({@code filename}, {@code
 * length}) answers an {@code upload_url} on this fake ({@code POST /upload/<file id>}, recorded
 * under {@link #UPLOAD}, bytes kept: {@link #uploaded}) and a {@code file_id}; {@code
 * files.completeUploadExternal} refuses ids never issued or never uploaded ({@code file_not_found})
 * and shares the file in {@code channel_id} (optionally {@code thread_ts}).
 *
 * <p>Also serves bots running as separate processes ({@code SLACK_API_URL} = {@link #apiUrl()}):
 * {@link #awaitFirst} waits for a call matching a predicate without consuming it, {@link #tsOf}
 * gives the {@code ts} answered to a post (for clicks and thread matching) and {@link #receivedAt}
 * when a call arrived (for resume and failover times).
 *
 * <p>Scheduled messages as Slack keeps them: {@code chat.scheduleMessage} checks {@code post_at}
 * against this fake's {@link #clock(Clock) clock} ({@code time_in_past}, more than 120 days ahead
 * {@code time_too_far}), allows 30 per channel per 5 minutes ({@code restricted_too_many}) and
 * <b>refuses {@code metadata}</b> ({@code ok:false}, listed in {@link #violations()}): Slack never
 * posts a scheduled message carrying it, so sending it is a bug a test must see. {@code
 * chat.deleteScheduledMessage} and {@code chat.scheduledMessages.list} work on what is scheduled;
 * {@link #advanceTo} is Slack's own timer: it posts what is due, recorded as a {@code
 * chat.postMessage} call (with the extra parameter {@code scheduled_message_id}).
 */
public final class FakeSlackApi implements AutoCloseable {
  public static final String BOT_TOKEN = "xoxb-test-0000-fake";
  public static final String APP_TOKEN = "xapp-1-test-fake";
  public static final String RESPONSE_URL = "response_url";
  public static final String UPLOAD = "upload";
  public static final String TEAM_ID = "T0FAKE";
  public static final String BOT_USER_ID = "U0BOT";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One recorded request. {@code params} are the decoded form fields (or JSON for response_url).
   */
  public record Call(String method, Map<String, String> params, String body, String token) {
    public String param(String name) {
      return params.get(name);
    }

    /**
     * A form field holding JSON (e.g. {@code blocks}), parsed; or the JSON body of a response_url
     * post.
     */
    public JsonNode json(String name) {
      try {
        String s = name == null ? body : params.get(name);
        return s == null ? null : JSON.readTree(s);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + name, e);
      }
    }

    public JsonNode bodyJson() {
      return json(null);
    }
  }

  private record Failure(String error, int status, long retryAfter) {}

  private record Channel(String id, String name, boolean member, boolean archived) {}

  /** A message waiting in Slack's schedule; times in epoch seconds, {@code params} as sent. */
  public record Scheduled(
      String id,
      String channel,
      long postAt,
      long dateCreated,
      String text,
      Map<String, String> params) {
    public Instant postAtInstant() {
      return Instant.ofEpochSecond(postAt);
    }
  }

  /** Slack's limits on {@code chat.scheduleMessage}. */
  public static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(120);

  public static final int SCHEDULE_LIMIT = 30;
  public static final Duration SCHEDULE_WINDOW = Duration.ofMinutes(5);

  private final HttpServer server;
  private final ExecutorService pool;
  private final String botToken;
  private final String appToken;
  private final List<Call> calls = new ArrayList<>();
  private final Map<Call, Long> receivedAt = new IdentityHashMap<>();
  private final Map<Call, String> answeredTs = new IdentityHashMap<>();
  private final Map<String, Integer> consumed = new HashMap<>();
  private final Map<String, Deque<Failure>> failures = new HashMap<>();
  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final Map<String, String[]> groups = new LinkedHashMap<>(); // id -> [handle, members...]
  private final AtomicLong ts = new AtomicLong(1);
  private final AtomicInteger responseUrls = new AtomicInteger();
  private final AtomicInteger channelIds = new AtomicInteger();
  private volatile String socketModeUrl = "ws://127.0.0.1:1/";
  private volatile int responseUrlStatus = 200;
  private volatile Clock clock = Clock.systemUTC();
  private final Map<String, Scheduled> scheduled = new LinkedHashMap<>();
  private final Map<String, Deque<Long>> scheduledAtPerChannel = new HashMap<>();
  private final AtomicLong scheduledIds = new AtomicLong(1298393284L);
  private final List<String> violations = new ArrayList<>();
  private final Map<String, byte[]> uploads = new LinkedHashMap<>(); // file id -> bytes (or null)
  private final AtomicLong fileIds = new AtomicLong(1);

  public FakeSlackApi() throws IOException {
    this(BOT_TOKEN, APP_TOKEN);
  }

  public FakeSlackApi(String botToken, String appToken) throws IOException {
    this.botToken = botToken;
    this.appToken = appToken;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    this.pool =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "fake-slack-api");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.createContext("/api/", this::handleApi);
    server.createContext("/response/", this::handleResponseUrl);
    server.createContext("/upload/", this::handleUpload);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Web API base, e.g. {@code http://127.0.0.1:PORT/api/}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + port() + "/api/";
  }

  /** A fresh {@code response_url} served by this fake. */
  public String newResponseUrl() {
    return "http://127.0.0.1:" + port() + "/response/" + responseUrls.incrementAndGet();
  }

  public void socketModeUrl(String wsUrl) {
    this.socketModeUrl = wsUrl;
  }

  /** HTTP status every response_url post gets (default 200). */
  public void responseUrlStatus(int status) {
    this.responseUrlStatus = status;
  }

  public synchronized void seedChannel(
      String id, String name, boolean botIsMember, boolean archived) {
    channels.put(id, new Channel(id, name, botIsMember, archived));
  }

  public synchronized void seedUserGroup(String id, String handle, String... members) {
    String[] v = new String[members.length + 1];
    v[0] = handle;
    System.arraycopy(members, 0, v, 1, members.length);
    groups.put(id, v);
  }

  /**
   * The clock Slack's schedule runs on: {@code post_at} is checked against it, and {@code
   * date_created} taken from it (default: the system clock, as for a bot process).
   */
  public void clock(Clock c) {
    this.clock = c;
  }

  /** Messages scheduled and neither posted nor deleted, by {@code post_at}. */
  public synchronized List<Scheduled> scheduled() {
    return scheduled.values().stream()
        .sorted(java.util.Comparator.comparingLong(Scheduled::postAt))
        .toList();
  }

  /** {@link #scheduled()} in {@code channel}. */
  public synchronized List<Scheduled> scheduled(String channel) {
    return scheduled().stream().filter(m -> m.channel().equals(channel)).toList();
  }

  /**
   * Slack's timer reaching {@code t}: every scheduled message with {@code post_at <= t} is posted
   * (recorded as a {@code chat.postMessage} call with its {@code channel}, {@code text}, {@code
   * blocks} and {@code scheduled_message_id}, in {@code post_at} order) and leaves the schedule.
   * Validation keeps using {@link #clock(Clock) the clock}. Returns the posts.
   */
  public synchronized List<Call> advanceTo(Instant t) {
    List<Call> posted = new ArrayList<>();
    for (Scheduled m : scheduled()) {
      if (m.postAt() > t.getEpochSecond()) {
        continue;
      }
      scheduled.remove(m.id());
      Map<String, String> params = new LinkedHashMap<>();
      params.put("channel", m.channel());
      params.put("text", m.text());
      if (m.params().containsKey("blocks")) {
        params.put("blocks", m.params().get("blocks"));
      }
      params.put("scheduled_message_id", m.id());
      Call c = new Call("chat.postMessage", params, "", botToken);
      record(c);
      answeredTs.put(c, nextTs());
      posted.add(c);
    }
    notifyAll();
    return posted;
  }

  /** What the fake refused as a client bug (e.g. {@code metadata} on a scheduled message). */
  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** The next call of {@code method} answers {@code {"ok":false,"error":error}}. */
  public synchronized void failNext(String method, String error) {
    failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Failure(error, 200, 0));
  }

  /** The next call of {@code method} answers HTTP 429 with {@code Retry-After: seconds}. */
  public synchronized void rateLimitNext(String method, long seconds) {
    failures
        .computeIfAbsent(method, m -> new ArrayDeque<>())
        .add(new Failure("ratelimited", 429, seconds));
  }

  /** Every call so far, in arrival order. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** Calls other than {@code auth.test} (which Bolt makes on its own). */
  public synchronized List<Call> appCalls() {
    return calls.stream().filter(c -> !c.method().equals("auth.test")).toList();
  }

  /**
   * The next call of {@code method} not yet returned by this method, waiting up to {@code timeout};
   * throws {@link AssertionError} listing what did arrive when none does.
   */
  public Call await(String method, Duration timeout) throws InterruptedException {
    try {
      return Await.atMost(timeout).until(() -> takeNext(method), Optional::isPresent).orElseThrow();
    } catch (ConditionTimeoutException e) {
      synchronized (this) {
        throw new AssertionError(
            "no "
                + method
                + " call within "
                + timeout
                + "; got "
                + calls.stream().map(Call::method).toList());
      }
    }
  }

  private synchronized Optional<Call> takeNext(String method) {
    int seen = consumed.getOrDefault(method, 0);
    List<Call> matching = calls.stream().filter(c -> c.method().equals(method)).toList();
    if (matching.size() > seen) {
      consumed.put(method, seen + 1);
      return Optional.of(matching.get(seen));
    }
    return Optional.empty();
  }

  private synchronized void record(Call c) {
    calls.add(c);
    receivedAt.put(c, System.currentTimeMillis());
    notifyAll();
  }

  /** When {@code call} arrived (epoch ms; comparable with other processes' clocks on this host). */
  public synchronized long receivedAt(Call call) {
    Long at = receivedAt.get(call);
    if (at == null) {
      throw new IllegalArgumentException("not a call recorded by this fake: " + call.method());
    }
    return at;
  }

  /**
   * The {@code ts} this fake answered to a {@code chat.postMessage} call, waiting up to 5 s for the
   * answer (a call is recorded before it is answered); null for other calls and refusals.
   */
  public String tsOf(Call call) {
    Long at;
    synchronized (this) {
      at = receivedAt.get(call);
    }
    if (!call.method().equals("chat.postMessage")) {
      return answeredTs(call);
    }
    Duration left =
        Duration.ofMillis(Math.max(0, at == null ? 0 : at + 5_000 - System.currentTimeMillis()));
    Await.until(left, () -> answeredTs(call) != null);
    return answeredTs(call);
  }

  private synchronized String answeredTs(Call call) {
    return answeredTs.get(call);
  }

  /**
   * The first call so far, in arrival order, that matches {@code p}, waiting up to {@code timeout}
   * for one; does not consume anything (unlike {@link #await}). Throws {@link AssertionError} with
   * {@code what} and the calls that did arrive when none matches.
   */
  public Call awaitFirst(String what, Predicate<Call> p, Duration timeout)
      throws InterruptedException {
    try {
      return Await.atMost(timeout).until(() -> firstMatching(p), Optional::isPresent).orElseThrow();
    } catch (ConditionTimeoutException e) {
      synchronized (this) {
        StringBuilder sb =
            new StringBuilder(
                "no Slack call with " + what + " within " + timeout + "; last calls:");
        calls
            .subList(Math.max(0, calls.size() - 15), calls.size())
            .forEach(c -> sb.append("\n  ").append(c.method()).append(' ').append(abbreviate(c)));
        throw new AssertionError(sb.toString());
      }
    }
  }

  private synchronized Optional<Call> firstMatching(Predicate<Call> p) {
    return calls.stream().filter(p).findFirst();
  }

  /** Every call so far that matches {@code p}, in arrival order. */
  public synchronized List<Call> calls(Predicate<Call> p) {
    return calls.stream().filter(p).toList();
  }

  private static String abbreviate(Call c) {
    String s = c.method().equals(RESPONSE_URL) ? c.body() : String.valueOf(c.param("text"));
    s = s == null ? "" : s.replace('\n', ' ');
    return s.length() > 160 ? s.substring(0, 160) + "…" : s;
  }

  private synchronized Failure takeFailure(String method) {
    Deque<Failure> q = failures.get(method);
    return q == null ? null : q.poll();
  }

  private void handleResponseUrl(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    record(new Call(RESPONSE_URL, Map.of("path", ex.getRequestURI().getPath()), body, null));
    int status = responseUrlStatus;
    send(ex, status, status == 200 ? "ok" : "expired_url", "text/plain");
  }

  /** The bytes POSTed to the upload URL of {@code fileId}; empty when none arrived. */
  public synchronized Optional<byte[]> uploaded(String fileId) {
    return Optional.ofNullable(uploads.get(fileId)).map(byte[]::clone);
  }

  private void handleUpload(HttpExchange ex) throws IOException {
    String id = ex.getRequestURI().getPath().substring("/upload/".length());
    byte[] body = ex.getRequestBody().readAllBytes();
    record(
        new Call(
            UPLOAD,
            Map.of("file_id", id, "length", String.valueOf(body.length)),
            new String(body, StandardCharsets.UTF_8),
            null));
    boolean known;
    synchronized (this) {
      known = uploads.containsKey(id);
      if (known) {
        uploads.put(id, body);
      }
    }
    send(ex, known ? 200 : 404, known ? "OK - " + body.length : "not found", "text/plain");
  }

  private void handleApi(HttpExchange ex) throws IOException {
    String method = ex.getRequestURI().getPath().substring("/api/".length());
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> params = parseForm(body);
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String token =
        auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : params.get("token");
    Call call = new Call(method, params, body, token);
    record(call);

    String expected = method.equals("apps.connections.open") ? appToken : botToken;
    if (token == null) {
      sendJson(ex, 200, error("not_authed"));
      return;
    }
    if (!token.equals(expected)) {
      sendJson(ex, 200, error("invalid_auth"));
      return;
    }
    Failure f = takeFailure(method);
    if (f != null) {
      if (f.status() == 429) {
        ex.getResponseHeaders().set("Retry-After", String.valueOf(f.retryAfter()));
      }
      sendJson(ex, f.status(), error(f.error()));
      return;
    }
    ObjectNode answer;
    synchronized (this) {
      answer = answer(method, params);
      if (method.equals("chat.postMessage") && answer.has("ts")) {
        answeredTs.put(call, answer.get("ts").asText());
        notifyAll();
      }
    }
    sendJson(ex, 200, answer);
  }

  private synchronized ObjectNode answer(String method, Map<String, String> p) {
    ObjectNode r = JSON.createObjectNode().put("ok", true);
    switch (method) {
      case "auth.test" ->
          r.put("url", "https://fake.slack.test/")
              .put("team", "Fake")
              .put("user", "cfy-chatops")
              .put("team_id", TEAM_ID)
              .put("user_id", BOT_USER_ID)
              .put("bot_id", "B0BOT");
      case "chat.postMessage" -> {
        String t = nextTs();
        r.put("channel", p.get("channel")).put("ts", t);
        r.putObject("message")
            .put("type", "message")
            .put("text", p.getOrDefault("text", ""))
            .put("ts", t);
      }
      case "chat.update" ->
          r.put("channel", p.get("channel"))
              .put("ts", p.get("ts"))
              .put("text", p.getOrDefault("text", ""));
      case "chat.postEphemeral" -> r.put("message_ts", nextTs());
      case "conversations.create" -> {
        String name = p.get("name");
        if (channels.values().stream().anyMatch(c -> c.name().equals(name))) {
          return error("name_taken");
        }
        Channel c = new Channel("CNEW" + channelIds.incrementAndGet(), name, true, false);
        channels.put(c.id(), c);
        channelJson(r.putObject("channel"), c);
      }
      case "conversations.invite", "conversations.join" -> {
        Channel c = channels.get(p.get("channel"));
        if (c == null) {
          return error("channel_not_found");
        }
        if (method.equals("conversations.join")) {
          c = new Channel(c.id(), c.name(), true, c.archived());
          channels.put(c.id(), c);
        } else if (!c.member()) {
          return error("not_in_channel");
        }
        channelJson(r.putObject("channel"), c);
      }
      case "conversations.list" -> {
        int limit = Integer.parseInt(p.getOrDefault("limit", "100"));
        int from =
            p.get("cursor") == null || p.get("cursor").isEmpty()
                ? 0
                : Integer.parseInt(p.get("cursor"));
        List<Channel> all = new ArrayList<>(channels.values());
        ArrayNode arr = r.putArray("channels");
        for (int i = from; i < Math.min(all.size(), from + limit); i++) {
          channelJson(arr.addObject(), all.get(i));
        }
        r.putObject("response_metadata")
            .put("next_cursor", from + limit < all.size() ? String.valueOf(from + limit) : "");
      }
      case "usergroups.list" -> {
        ArrayNode arr = r.putArray("usergroups");
        groups.forEach(
            (id, v) ->
                arr.addObject()
                    .put("id", id)
                    .put("handle", v[0])
                    .put("name", v[0])
                    .put("team_id", TEAM_ID));
      }
      case "usergroups.users.list" -> {
        String[] v = groups.get(p.get("usergroup"));
        if (v == null) {
          return error("no_such_subteam");
        }
        ArrayNode arr = r.putArray("users");
        for (int i = 1; i < v.length; i++) {
          arr.add(v[i]);
        }
      }
      case "chat.scheduleMessage" -> {
        return schedule(p, r);
      }
      case "chat.deleteScheduledMessage" -> {
        Scheduled m = scheduled.get(p.getOrDefault("scheduled_message_id", ""));
        if (m == null || !m.channel().equals(channelId(p.get("channel")))) {
          return error("invalid_scheduled_message_id");
        }
        scheduled.remove(m.id());
      }
      case "chat.scheduledMessages.list" -> {
        String ch =
            p.get("channel") == null || p.get("channel").isEmpty()
                ? null
                : channelId(p.get("channel"));
        List<Scheduled> all =
            scheduled().stream().filter(m -> ch == null || m.channel().equals(ch)).toList();
        int limit = Math.max(1, Math.min(1000, Integer.parseInt(p.getOrDefault("limit", "100"))));
        int from =
            p.get("cursor") == null || p.get("cursor").isEmpty()
                ? 0
                : Integer.parseInt(p.get("cursor"));
        ArrayNode arr = r.putArray("scheduled_messages");
        for (int i = from; i < Math.min(all.size(), from + limit); i++) {
          Scheduled m = all.get(i);
          arr.addObject()
              .put("id", m.id())
              .put("channel_id", m.channel())
              .put("post_at", m.postAt())
              .put("date_created", m.dateCreated())
              .put("text", m.text());
        }
        r.putObject("response_metadata")
            .put("next_cursor", from + limit < all.size() ? String.valueOf(from + limit) : "");
      }
      case "views.publish" -> r.putObject("view").put("id", "V0HOME").put("type", "home");
      case "views.open" -> {
        if (p.getOrDefault("trigger_id", "").isEmpty()) {
          return error("invalid_trigger_id");
        }
        r.putObject("view").put("id", "V0MODAL" + ts.getAndIncrement()).put("type", "modal");
      }
      case "files.getUploadURLExternal" -> {
        if (p.getOrDefault("filename", "").isEmpty() || p.getOrDefault("length", "").isEmpty()) {
          return error("invalid_arguments");
        }
        String id = "F0FAKE" + fileIds.getAndIncrement();
        uploads.put(id, null);
        r.put("upload_url", "http://127.0.0.1:" + port() + "/upload/" + id).put("file_id", id);
      }
      case "files.completeUploadExternal" -> {
        JsonNode files;
        try {
          files = JSON.readTree(p.getOrDefault("files", "[]"));
        } catch (IOException e) {
          return error("invalid_arguments");
        }
        var out = r.putArray("files");
        for (JsonNode f : files) {
          String id = f.path("id").asText();
          if (uploads.get(id) == null) {
            return error("file_not_found");
          }
          out.addObject().put("id", id).put("title", f.path("title").asText());
        }
        if (files.isEmpty()) {
          return error("invalid_arguments");
        }
      }
      case "apps.connections.open" -> r.put("url", socketModeUrl);
      default -> {
        return error("unknown_method");
      }
    }
    return r;
  }

  /** {@code chat.scheduleMessage} as Slack validates it (see the class comment). */
  private ObjectNode schedule(Map<String, String> p, ObjectNode r) {
    if (p.containsKey("metadata")) {
      String v =
          "chat.scheduleMessage with metadata (Slack never posts such a message): "
              + p.get("metadata");
      violations.add(v);
      System.err.println("FakeSlackApi REFUSED " + v);
      return error("fake_refuses_metadata_on_scheduled_messages");
    }
    String channel = p.get("channel");
    if (channel == null || channel.isEmpty()) {
      return error("channel_not_found");
    }
    if ((p.get("text") == null || p.get("text").isEmpty())
        && (p.get("blocks") == null || p.get("blocks").isEmpty())) {
      return error("no_text");
    }
    long postAt;
    try {
      postAt = Long.parseLong(p.getOrDefault("post_at", ""));
    } catch (NumberFormatException e) {
      return error("invalid_time");
    }
    Instant now = clock.instant();
    if (postAt < now.getEpochSecond()) {
      return error("time_in_past");
    }
    if (postAt > now.plus(MAX_SCHEDULE_AHEAD).getEpochSecond()) {
      return error("time_too_far");
    }
    String ch = channelId(channel);
    Deque<Long> recent = scheduledAtPerChannel.computeIfAbsent(ch, k -> new ArrayDeque<>());
    long windowStart = now.minus(SCHEDULE_WINDOW).toEpochMilli();
    recent.removeIf(at -> at <= windowStart);
    if (recent.size() >= SCHEDULE_LIMIT) {
      return error("restricted_too_many");
    }
    recent.add(now.toEpochMilli());
    String id = "Q" + scheduledIds.incrementAndGet();
    scheduled.put(
        id,
        new Scheduled(
            id, ch, postAt, now.getEpochSecond(), p.getOrDefault("text", ""), Map.copyOf(p)));
    // Slack's documented sample answers post_at as a string
    r.put("channel", ch).put("scheduled_message_id", id).put("post_at", String.valueOf(postAt));
    r.putObject("message")
        .put("type", "delayed_message")
        .put("text", p.getOrDefault("text", ""))
        .put("bot_id", "B0BOT")
        .put("user", BOT_USER_ID);
    return r;
  }

  /**
   * A channel id for an id or a {@code #name} of a seeded channel (unknown names stay as they are).
   */
  private String channelId(String channel) {
    if (channel != null && channel.startsWith("#")) {
      for (Channel c : channels.values()) {
        if (c.name().equals(channel.substring(1))) {
          return c.id();
        }
      }
    }
    return channel;
  }

  private static void channelJson(ObjectNode n, Channel c) {
    n.put("id", c.id())
        .put("name", c.name())
        .put("is_channel", true)
        .put("is_member", c.member())
        .put("is_archived", c.archived())
        .put("is_private", false);
  }

  private String nextTs() {
    return String.format("1700000000.%06d", ts.getAndIncrement());
  }

  private static ObjectNode error(String code) {
    return JSON.createObjectNode().put("ok", false).put("error", code);
  }

  static Map<String, String> parseForm(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    if (body == null || body.isEmpty() || body.startsWith("{")) {
      return m;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      m.put(k, v);
    }
    return m;
  }

  private static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
    send(ex, status, JSON.writeValueAsString(body), "application/json; charset=utf-8");
  }

  private static void send(HttpExchange ex, int status, String body, String type)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
