package io.cfychatops.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfychatops.app.CloudifyManagerPort;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.cloudify.http.RetryPolicy;
import io.cfychatops.command.ActionKind;
import io.cfychatops.command.BotCommand;
import io.cfychatops.command.CommandParser;
import io.cfychatops.command.Flag;
import io.cfychatops.command.HelpText;
import io.cfychatops.command.MaintenanceCommand;
import io.cfychatops.command.OperationCommand;
import io.cfychatops.command.ParseResult;
import io.cfychatops.command.SnapshotCommand;
import io.cfychatops.ops.InMemoryOperationStore;
import io.cfychatops.ops.ManualOperationScheduler;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.OperationSpec;
import io.cfychatops.ops.OpsConfig;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option of every operation command, taken from the grammar ({@link HelpText#flags}), either
 * reaches the manager's request or is declared bot-side on the grammar ({@link Flag#botSide()}) and
 * then is consumed by the bot. Each option is given a distinctive non-default value and run through
 * the bot's own path: parse → {@link Preflight} → {@link OperationRequests} → {@link
 * OperationEngine} → runbook → {@link CloudifyManagerPort} → the client → the simulator, over real
 * loopback HTTP through a recording relay that keeps each request's method, path, query and body.
 *
 * <p>A new option that is not plumbed fails here: as sent, nothing in the manager's request
 * changes; as bot-side, there is no check below of what the bot does with it.
 */
class EveryFlagReachesTheManagerTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final Pattern API_PREFIX = Pattern.compile("^/api/v[0-9.]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A distinctive value per placeholder; none is a default of any option. */
  private static final Map<String, String> VALUE_BY_METAVAR =
      Map.of(
          "NAME", "flagcheck-name",
          "TENANT", "flagcheck_tenant",
          "TEXT", "flagcheck-reason-4321",
          "#CHANNEL|new", "#flagcheck-incident",
          "SECONDS", "4321",
          "PATH", "/var/tmp/flagcheck-4321",
          "SNAPSHOT_ID", "flagcheck-given-id");

  /** Options that the parser accepts only together with another one. */
  private static final Map<String, String> NEEDS =
      Map.of(
          "--no-reboot", "--restore-certificates",
          "--timeout", "--wait");

  /** The manager each line names with {@code -m}: the only name the port knows. */
  private static final String MANAGER = VALUE_BY_METAVAR.get("NAME");

  /**
   * The archive a stored-archive upload reads, and the one {@code --from-manager} picks instead.
   */
  private static final String SOURCE = "flagcheck-src";

  /**
   * Fields of the manager's request that no option explains: the defaults the bot sends. The
   * baseline request of each kind carries exactly these (plus the command's argument in the path).
   */
  private static Set<String> defaultFields(OpKind kind) {
    return switch (kind) {
      case CREATE -> Set.of("include_credentials", "include_logs", "include_events", "queue");
      case RESTORE ->
          Set.of(
              "force",
              "restore_certificates",
              "no_reboot",
              "recreate_deployments_envs",
              "ignore_plugin_failure");
      case DOWNLOAD, UPLOAD, DELETE, MAINTENANCE_ON, MAINTENANCE_OFF -> Set.of();
      case NIGHTLY, DRILL ->
          throw new IllegalArgumentException("the nightly run and drills are no chat command");
    };
  }

  /** The request that carries an operation of {@code kind} to the manager ({@code METHOD path}). */
  private static Pattern mainRequest(OpKind kind) {
    return Pattern.compile(
        switch (kind) {
          case CREATE -> "PUT /snapshots/[^/]+";
          case DOWNLOAD -> "GET /snapshots/[^/]+/archive";
          case UPLOAD -> "PUT /snapshots/[^/]+/archive";
          case RESTORE -> "POST /snapshots/[^/]+/restore";
          case DELETE -> "DELETE /snapshots/[^/]+";
          case MAINTENANCE_ON -> "POST /maintenance/activate";
          case MAINTENANCE_OFF -> "POST /maintenance/deactivate";
          case NIGHTLY, DRILL ->
              throw new IllegalArgumentException("the nightly run and drills are no chat command");
        });
  }

  /** The line that runs {@code kind} with an argument and no options (but {@code -m}). */
  private static String baseLine(ActionKind kind) {
    return switch (kind) {
      case CREATE -> "snapshots create flagcheck-new";
      case DOWNLOAD -> "snapshots download flagcheck-seed";
      case UPLOAD -> "snapshots upload " + SOURCE + ".zip";
      case RESTORE -> "snapshots restore flagcheck-seed";
      case DELETE -> "snapshots delete flagcheck-seed";
      case MAINTENANCE_ACTIVATE -> "maintenance-mode activate";
      case MAINTENANCE_DEACTIVATE -> "maintenance-mode deactivate";
      default ->
          throw new AssertionError(kind + " is an operation command without a line here: add one");
    };
  }

  /**
   * What the bot does with each bot-side option: every one the grammar declares needs a check here.
   */
  private final Map<String, BiConsumer<Flag, Run>> botChecks = new HashMap<>();

  {
    botChecks.put(
        "--manager",
        (f, r) -> {
          assertThat(r.op().manager()).isEqualTo(value(f));
          assertThat(r.sent()).as("the port reaches the manager only under that name").isNotEmpty();
        });
    botChecks.put(
        "--tenant-name",
        (f, r) -> {
          assertThat(r.parsed().globals().tenant()).isEqualTo(value(f));
          assertThat(r.sent())
              .as("requests that name a tenant name the entry's, which ManagerScope matches to -t")
              .allSatisfy(s -> assertThat(s.tenant()).isIn(null, value(f)));
        });
    botChecks.put(
        "--reason", (f, r) -> assertThat(r.parsed().globals().reason()).isEqualTo(value(f)));
    botChecks.put(
        "--incident", (f, r) -> assertThat(r.op().incident()).isEqualTo(value(f).substring(1)));
    botChecks.put(
        "--help",
        (f, r) -> assertThat(r.parsed().command()).isEqualTo(new BotCommand.Help(r.kind().path())));
    botChecks.put(
        "--wait-for-status",
        (f, r) ->
            assertThat(r.parsed().command())
                .as("accepted and changes nothing")
                .isEqualTo(parse(baseLine(r.kind()) + " -m " + MANAGER).command()));
    botChecks.put(
        "--output-path",
        (f, r) -> {
          assertThat(((SnapshotCommand.Download) r.parsed().command()).outputPath())
              .isEqualTo(value(f));
          assertThat(r.notes())
              .anySatisfy(n -> assertThat(n).contains("-o " + value(f), "archive store"));
        });
    botChecks.put(
        "--from-manager",
        (f, r) ->
            assertThat(r.main().body())
                .as("the bytes of the archive stored under that manager")
                .isEqualTo(archiveContent(value(f) + "/" + SOURCE)));
    botChecks.put(
        "--no-safety-snapshot",
        (f, r) -> {
          assertThat(r.op().spec(OperationSpec.RestoreSpec.class).safetySnapshot()).isFalse();
          assertThat(r.sent()).noneMatch(s -> s.key().matches("PUT /snapshots/[^/]+"));
          assertThat(baseline(r.kind()).sent())
              .as("without it, a safety snapshot is created")
              .anyMatch(s -> s.key().matches("PUT /snapshots/[^/]+"));
        });
    botChecks.put(
        "--encoding-alphabet-copied",
        (f, r) ->
            assertThat(r.op().spec(OperationSpec.RestoreSpec.class).encodingAlphabetCopied())
                .isTrue());
    botChecks.put(
        "--wait",
        (f, r) -> {
          assertThat(((MaintenanceCommand.Activate) r.parsed().command()).waitForActivation())
              .isTrue();
          assertThat(r.op().step("maintenance-on").orElseThrow().detail()).contains("activated");
        });
    botChecks.put(
        "--timeout",
        (f, r) ->
            assertThat(r.op().spec(OperationSpec.MaintenanceOnSpec.class).waitTimeout())
                .isEqualTo(Duration.ofSeconds(Long.parseLong(value(f)))));
  }

  @TempDir Path tmp;
  private final Map<String, Run> runs = new HashMap<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private int worlds;

  @BeforeEach
  void noRunsYet() {
    runs.clear();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void everyOptionOfEveryOperationCommandReachesTheManagerOrIsDeclaredAndUsedByTheBot() {
    List<ActionKind> operations =
        Arrays.stream(ActionKind.values())
            .filter(k -> OperationCommand.class.isAssignableFrom(k.commandType()))
            .toList();
    // one chat command per operation kind; the nightly run is started by the schedule, not by chat,
    // and a drill by `drills run` (no operation command: it has no flags for the manager)
    assertThat(operations).hasSize(OpKind.values().length - 2);
    int sent = 0;
    int botSide = 0;
    for (ActionKind kind : operations) {
      Run base = baseline(kind);
      checkBaseline(kind, base);
      for (Flag f : HelpText.flags(kind)) {
        if (f.sentToManager()) {
          checkSent(kind, f);
          sent++;
        } else {
          assertThat(botChecks)
              .as(
                  "%s `%s` is declared bot-side (%s) but nothing checks what the bot does with it",
                  kind.path(), f.longName(), f.botSide())
              .containsKey(f.longName());
          Run r = run(kind, withFlag(kind, f));
          botChecks.get(f.longName()).accept(f, r);
          // the tenant is the entry's (sent as a header); the manager's name is in safety
          // snapshots' ids
          if (f.takesValue()
              && r.op() != null
              && !Set.of("--tenant-name", "--manager").contains(f.longName())) {
            assertThat(r.sent())
                .as("bot-side %s must not reach the manager", f.longName())
                .noneMatch(s -> s.text().contains(value(f)));
          }
          botSide++;
        }
      }
    }
    assertThat(sent).as("options sent to a manager").isGreaterThanOrEqualTo(10);
    assertThat(botSide).as("bot-side options").isGreaterThanOrEqualTo(10);
  }

  /** The request without options carries the command's argument and the defaults, nothing else. */
  private void checkBaseline(ActionKind kind, Run base) {
    OpKind op = base.op().kind();
    Sent main = base.main();
    String arg = base.op().spec().snapshotIfAny().map(s -> s.value()).orElse(null);
    if (arg != null) {
      assertThat(main.path()).as("%s: the argument reaches the path", kind.path()).contains(arg);
    }
    assertThat(main.fields().keySet())
        .as("%s: fields only defaults explain", kind.path())
        .isEqualTo(defaultFields(op));
  }

  private void checkSent(ActionKind kind, Flag f) {
    String line = withFlag(kind, f);
    Run r = run(kind, line);
    assertThat(r.op()).as("`%s` parses to an operation", line).isNotNull();
    Run before =
        NEEDS.containsKey(f.longName())
            ? run(kind, baseLine(kind) + " -m " + MANAGER + " " + NEEDS.get(f.longName()))
            : baseline(kind);
    Map<String, String> changed = diff(before.main(), r.main());
    if (!f.takesValue() && changed.isEmpty()) {
      // an option that spells out the default: it must differ from its opposite
      String opposite = opposite(kind, f);
      assertThat(opposite)
          .as(
              "%s `%s` changes nothing in the manager's request: is it plumbed?",
              kind.path(), f.longName())
          .isNotNull();
      changed =
          diff(run(kind, baseLine(kind) + " -m " + MANAGER + " " + opposite).main(), r.main());
    }
    assertThat(changed)
        .as("%s `%s` must change the manager's request (`%s`)", kind.path(), f.longName(), line)
        .isNotEmpty();
    assertThat(changed)
        .as("%s `%s` changes one field, nothing else", kind.path(), f.longName())
        .hasSize(1);
    if (f.takesValue()) {
      assertThat(changed.values())
          .as("%s `%s` sends its value", kind.path(), f.longName())
          .allSatisfy(v -> assertThat(v).contains(value(f)));
    }
    assertThat(Set.copyOf(r.main().fields().keySet()))
        .as("%s `%s`: no field that no option or default explains", kind.path(), f.longName())
        .isSubsetOf(union(defaultFields(r.op().kind()), changed.keySet()));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  /** Fields (path, body members, query parameters) whose values differ. */
  private static Map<String, String> diff(Sent a, Sent b) {
    Map<String, String> fa = a.allFields();
    Map<String, String> fb = b.allFields();
    Map<String, String> out = new TreeMap<>();
    fb.forEach(
        (k, v) -> {
          if (!v.equals(fa.get(k))) {
            out.put(k, v);
          }
        });
    fa.keySet().stream().filter(k -> !fb.containsKey(k)).forEach(k -> out.put(k, "(absent)"));
    return out;
  }

  /**
   * {@code --include-x} ↔ {@code --exclude-x}, {@code --x} ↔ {@code --no-x}, if the command has it.
   */
  private static String opposite(ActionKind kind, Flag f) {
    String n = f.longName();
    String o =
        n.startsWith("--include-")
            ? "--exclude-" + n.substring(10)
            : n.startsWith("--exclude-")
                ? "--include-" + n.substring(10)
                : n.startsWith("--no-") ? "--" + n.substring(5) : "--no-" + n.substring(2);
    return HelpText.flags(kind).stream().anyMatch(x -> x.longName().equals(o)) ? o : null;
  }

  private static String value(Flag f) {
    String v = VALUE_BY_METAVAR.get(f.metavar());
    assertThat(v)
        .as("a distinctive value for `%s` (%s): add one", f.longName(), f.metavar())
        .isNotNull();
    return v;
  }

  private static String withFlag(ActionKind kind, Flag f) {
    String option = f.takesValue() ? f.longName() + " " + value(f) : f.longName();
    if (f.longName().equals("--manager")) {
      return baseLine(kind) + " " + option;
    }
    String needs = NEEDS.containsKey(f.longName()) ? NEEDS.get(f.longName()) + " " : "";
    return baseLine(kind) + " -m " + MANAGER + " " + needs + option;
  }

  private Run baseline(ActionKind kind) {
    return run(kind, baseLine(kind) + " -m " + MANAGER);
  }

  private static ParseResult.Parsed parse(String line) {
    ParseResult p = CommandParser.parse(line);
    assertThat(p).as("`%s` parses", line).isInstanceOf(ParseResult.Parsed.class);
    return (ParseResult.Parsed) p;
  }

  /**
   * The bytes of the stored archive {@code name} (relative to the archive root, without {@code
   * .zip}).
   */
  private static byte[] archiveContent(String name) {
    // distinct per name, without the name (bot-side names must not reach the manager)
    return ("PK flagcheck archive #" + Integer.toHexString(name.hashCode()))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Runs {@code line} in a fresh world (manager, relay, engine), once per line. */
  private Run run(ActionKind kind, String line) {
    Run cached = runs.get(line);
    if (cached != null) {
      return cached;
    }
    ParseResult.Parsed parsed = parse(line);
    if (!(parsed.command() instanceof OperationCommand command)) {
      Run r = new Run(kind, parsed, null, List.of(), List.of());
      runs.put(line, r);
      return r;
    }
    World w = new World(tmp.resolve("world-" + (++worlds)));
    Preflight.Outcome outcome =
        command.accept(
            new Preflight(
                MANAGER,
                new CloudifyManagerPort(name -> MANAGER.equals(name) ? w.client : null),
                w.clock,
                w.requests));
    assertThat(outcome).as("`%s` passes the preflight", line).isInstanceOf(Preflight.Ready.class);
    Preflight.Ready ready = (Preflight.Ready) outcome;
    w.relay.sent.clear(); // the preflight's reads are the bot's, not the operation's
    String id =
        w.requests.start(
            new OperationOrder(
                parsed.globals().manager(),
                ready.command(),
                parsed.globals(),
                new ChatUser("U1", "alice", "T1"),
                "C1",
                List.of(),
                null));
    Operation op = w.runToEnd(id);
    Run r = new Run(kind, parsed, op, List.copyOf(w.relay.sent), ready.notes());
    runs.put(line, r);
    return r;
  }

  /** One line's run: what was parsed, the operation as it ended, what reached the manager. */
  private record Run(
      ActionKind kind,
      ParseResult.Parsed parsed,
      Operation op,
      List<Sent> sent,
      List<String> notes) {
    Sent main() {
      Pattern p = mainRequest(op.kind());
      List<Sent> matching = sent.stream().filter(s -> p.matcher(s.key()).matches()).toList();
      assertThat(matching)
          .as(
              "`%s` sent its %s request; sent: %s; operation: %s",
              parsed.canonical(), p, sent.stream().map(Sent::key).toList(), op)
          .isNotEmpty();
      return matching.get(matching.size() - 1);
    }
  }

  /** One request as it reached the manager. */
  private record Sent(
      String method, String path, Map<String, String> query, byte[] body, String tenant) {
    String key() {
      return method + " " + path;
    }

    /** Top-level members of a JSON object body and query parameters ({@code ?name}). */
    Map<String, String> fields() {
      Map<String, String> m = new TreeMap<>();
      query.forEach((k, v) -> m.put("?" + k, v));
      if (body.length > 0 && body[0] == '{') {
        try {
          JsonNode n = JSON.readTree(body);
          n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return m;
    }

    /** {@link #fields()} and the path. */
    Map<String, String> allFields() {
      Map<String, String> m = new TreeMap<>(fields());
      m.put("(path)", path);
      return m;
    }

    String text() {
      return key() + " " + query + " " + new String(body, StandardCharsets.ISO_8859_1);
    }
  }

  /** A simulated manager behind a recording relay, and the bot's engine with a manual scheduler. */
  private final class World {
    final SettableClock clock = SettableClock.at(START);
    final CloudifySimulator sim;
    final Relay relay;
    final CloudifyClient client;
    final InMemoryOperationStore store = new InMemoryOperationStore();
    final ManualOperationScheduler scheduler = new ManualOperationScheduler(clock);
    final OperationEngine engine;
    final OperationRequests requests;

    World(Path dir) {
      sim =
          new CloudifySimulator(
              SimulatorConfig.builder()
                  .clock(clock)
                  .storageDir(dir.resolve("sim"))
                  .tenant(VALUE_BY_METAVAR.get("TENANT"))
                  .archiveSize(64 * 1024)
                  .clusterScenario(io.cfychatops.sim.ClusterScenario.SINGLE_NODE)
                  .build());
      try {
        sim.start();
        relay = new Relay(sim.baseUrl());
      } catch (IOException e) {
        sim.stop();
        throw new UncheckedIOException(e);
      }
      open.add(sim::stop);
      open.add(relay);
      client =
          HttpCloudifyClient.builder(
                  ManagerConnection.of(
                          MANAGER,
                          URI.create(relay.url()),
                          VALUE_BY_METAVAR.get("TENANT"),
                          Credentials.basic(
                              SimulatorConfig.DEFAULT_USER, SimulatorConfig.DEFAULT_PASSWORD))
                      .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))
              .retryPolicy(RetryPolicy.NONE)
              .build();
      open.add(client);
      sim.seedSnapshot("flagcheck-seed", "created", "", START.minusSeconds(3600));
      Path archives = dir.resolve("archives");
      writeArchive(archives, SOURCE);
      writeArchive(archives, VALUE_BY_METAVAR.get("NAME") + "/" + SOURCE);
      engine =
          new OperationEngine(
                  store,
                  new CloudifyManagerPort(name -> MANAGER.equals(name) ? client : null),
                  new RecordingChatPort(clock),
                  clock,
                  OpsConfig.defaults("#ops", archives))
              .attach(scheduler);
      requests = new OperationRequests(engine, null, archives);
    }

    private void writeArchive(Path root, String name) {
      try {
        Path file = root.resolve(name + ".zip");
        Files.createDirectories(file.getParent());
        Files.write(file, archiveContent(name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Runs due work, jumping the clock to the next due time, until the operation ends. */
    Operation runToEnd(String id) {
      Instant stop = clock.instant().plus(Duration.ofHours(2));
      while (clock.instant().isBefore(stop)) {
        scheduler.runDue();
        Operation op = store.find(id).orElseThrow();
        if (op.status().isFinal()) {
          return op;
        }
        Instant next = scheduler.nextDue().orElse(null);
        if (next == null) {
          return op;
        }
        clock.set(next.isAfter(clock.instant()) ? next : clock.instant().plusMillis(1));
      }
      throw new AssertionError("operation " + id + " did not end: " + store.find(id).orElseThrow());
    }
  }

  /**
   * Loopback HTTP relay in front of the simulator that keeps every request as sent (method, path
   * without the API prefix, query, body, Tenant header), then forwards it and returns the answer.
   */
  private static final class Relay extends Dispatcher implements AutoCloseable {
    private static final Set<String> HOP =
        Set.of("host", "content-length", "transfer-encoding", "connection", "accept-encoding");
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient http =
        new OkHttpClient.Builder().followRedirects(false).retryOnConnectionFailure(false).build();
    private final String upstream;

    Relay(String upstream) throws IOException {
      this.upstream =
          upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
      server.setDispatcher(this);
      server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    String url() {
      return server.url("/").toString();
    }

    @Override
    public MockResponse dispatch(RecordedRequest r) {
      String target = r.getPath() == null ? "/" : r.getPath();
      byte[] body = r.getBody().readByteArray();
      HttpUrl parsed = HttpUrl.get("http://relay" + target);
      Map<String, String> query = new LinkedHashMap<>();
      for (String name : parsed.queryParameterNames()) {
        query.put(
            name,
            String.join(
                ",",
                parsed.queryParameterValues(name).stream().map(v -> v == null ? "" : v).toList()));
      }
      String method = r.getMethod() == null ? "GET" : r.getMethod();
      sent.add(
          new Sent(
              method,
              API_PREFIX.matcher(parsed.encodedPath()).replaceFirst(""),
              query,
              body,
              r.getHeader("Tenant")));
      Request.Builder b = new Request.Builder().url(upstream + target);
      okhttp3.Headers in = r.getHeaders();
      for (int i = 0; i < in.size(); i++) { // by index: iterating Headers yields kotlin.Pair
        if (!HOP.contains(in.name(i).toLowerCase(java.util.Locale.ROOT))) {
          b.addHeader(in.name(i), in.value(i));
        }
      }
      String type = r.getHeader("Content-Type");
      boolean withBody =
          method.equals("PUT")
              || method.equals("POST")
              || method.equals("PATCH")
              || body.length > 0;
      b.method(
          method,
          withBody ? RequestBody.create(body, type == null ? null : MediaType.parse(type)) : null);
      try (Response resp = http.newCall(b.build()).execute()) {
        MockResponse m = new MockResponse().setResponseCode(resp.code());
        okhttp3.Headers out = resp.headers();
        for (int i = 0; i < out.size(); i++) {
          if (!HOP.contains(out.name(i).toLowerCase(java.util.Locale.ROOT))) {
            m.addHeader(out.name(i), out.value(i));
          }
        }
        return m.setBody(
            new Buffer().write(resp.body() == null ? new byte[0] : resp.body().bytes()));
      } catch (IOException e) {
        return new MockResponse().setResponseCode(502);
      }
    }

    @Override
    public void close() throws IOException {
      server.shutdown();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
