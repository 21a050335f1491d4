package io.cfychatops.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What reached the simulated manager, so that a test driving the bot as a separate process can
 * prove from the manager's side that no create PUT and no restore POST was sent twice, and can act
 * the moment one arrives. Served by {@link TestHooks}; off unless the simulator runs with test
 * hooks.
 *
 * <p>Every request is counted on arrival, before the nginx layer (so a request answered 502 during
 * a restore outage counts: it reached the manager's host), under its <em>template key</em> {@code
 * METHOD TEMPLATE}: the API version prefix is dropped and the id segment replaced, e.g. {@code PUT
 * /snapshots/{id}}, {@code POST /snapshots/{id}/restore}, {@code GET /executions/{id}}, {@code POST
 * /maintenance/activate}. A request other than GET/HEAD is also counted under its concrete key,
 * e.g. {@code PUT /snapshots/nightly-1}. Answers are counted under {@code status NNN} ({@code
 * status -1}: the connection was dropped without an answer). Each request is kept as an {@link
 * Entry} (arrival time, concrete path, Host header, status once answered).
 *
 * <p>Bounded: at most {@value #MAX_KEYS} distinct keys (further ones count under {@code other}),
 * paths cut at {@value #MAX_PATH} characters, the newest {@value #MAX_ENTRIES} entries.
 * Thread-safe.
 */
public final class RequestLog {
  public static final int MAX_KEYS = 2_000;
  public static final int MAX_PATH = 200;
  public static final int MAX_ENTRIES = 100_000;
  static final String OTHER = "other";
  private static final Set<String> READS = Set.of("GET", "HEAD");
  private static final java.util.regex.Pattern API_VERSION =
      java.util.regex.Pattern.compile("/api/v[0-9.]+(?=/|$)");

  /**
   * One request.
   *
   * @param seq arrival number, from 1
   * @param atMillis arrival, epoch milliseconds (wall clock, comparable across processes on this
   *     host)
   * @param method HTTP method, upper case
   * @param path concrete path without the API prefix, e.g. {@code /snapshots/s1/restore}
   * @param key template key, e.g. {@code POST /snapshots/{id}/restore}
   * @param host the request's Host header ("" when absent)
   * @param status the answer's status; 0 while unanswered, -1 when dropped without an answer
   */
  public record Entry(
      long seq, long atMillis, String method, String path, String key, String host, int status) {
    /** Not a GET or HEAD. */
    public boolean write() {
      return !READS.contains(method);
    }

    Entry answered(int s) {
      return new Entry(seq, atMillis, method, path, key, host, s);
    }
  }

  /**
   * The answer of {@link #await}.
   *
   * @param reached whether the count reached the target before the timeout
   * @param count the key's count when the call returned
   * @param lastAtMillis when the key last occurred (epoch ms), 0 if never
   * @param lastHost the Host header of the request that last counted under the key ("" if none)
   */
  public record Reached(boolean reached, long count, long lastAtMillis, String lastHost) {}

  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, Long> lastAt = new LinkedHashMap<>();
  private final Map<String, String> lastHost = new HashMap<>();
  private final Deque<Entry> entries = new ArrayDeque<>();
  private final Map<Long, Integer> statuses = new HashMap<>();
  private long seq;

  /** Records the arrival of a request; pass the entry to {@link #answered} once it is answered. */
  public synchronized Entry arrived(String method, String rawPath, String host, long atMillis) {
    String m = method == null ? "?" : method.toUpperCase(Locale.ROOT);
    String path = apiPath(rawPath);
    String key = m + " " + template(path);
    Entry e = new Entry(++seq, atMillis, m, path, key, host == null ? "" : cut(host, 100), 0);
    bump(key, atMillis, e.host());
    if (e.write() && !key.equals(m + " " + path)) {
      bump(m + " " + path, atMillis, e.host());
    }
    entries.addLast(e);
    if (entries.size() > MAX_ENTRIES) {
      statuses.remove(entries.removeFirst().seq());
    }
    notifyAll();
    return e;
  }

  /** Records the status of an answered request ({@code -1}: no answer was sent). */
  public synchronized void answered(Entry e, int status, long atMillis) {
    bump("status " + status, atMillis, e.host());
    if (e.seq() > seq - entries.size()) { // still kept
      statuses.put(e.seq(), status);
    }
    notifyAll();
  }

  /** Counts by key, in first-seen order. */
  public synchronized Map<String, Long> counts() {
    return new LinkedHashMap<>(counts);
  }

  public synchronized long count(String key) {
    return counts.getOrDefault(key, 0L);
  }

  /** Entries that arrived at or after {@code sinceMillis}; only writes when {@code writesOnly}. */
  public synchronized List<Entry> entries(long sinceMillis, boolean writesOnly) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.atMillis() >= sinceMillis && (!writesOnly || e.write())) {
        Integer st = statuses.get(e.seq());
        out.add(st == null ? e : e.answered(st));
      }
    }
    return out;
  }

  /**
   * Waits until {@code key} has occurred at least {@code count} times, or {@code timeout} passed.
   */
  public synchronized Reached await(String key, long count, Duration timeout)
      throws InterruptedException {
    Objects.requireNonNull(key, "key");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(key) < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return new Reached(
            false, count(key), lastAt.getOrDefault(key, 0L), lastHost.getOrDefault(key, ""));
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return new Reached(
        true, count(key), lastAt.getOrDefault(key, 0L), lastHost.getOrDefault(key, ""));
  }

  private void bump(String key, long atMillis, String host) {
    String k = counts.containsKey(key) || counts.size() < MAX_KEYS ? key : OTHER;
    counts.merge(k, 1L, Long::sum);
    lastAt.put(k, atMillis);
    lastHost.put(k, host);
  }

  /**
   * {@code /api/v3.1/snapshots/s1/} → {@code /snapshots/s1}; {@code /api/version} → {@code
   * /version}.
   */
  static String apiPath(String rawPath) {
    String p = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    int q = p.indexOf('?');
    if (q >= 0) {
      p = p.substring(0, q);
    }
    java.util.regex.Matcher v = API_VERSION.matcher(p);
    if (v.lookingAt()) {
      p = p.length() == v.end() ? "/" : p.substring(v.end());
    } else if (p.startsWith("/api/")) {
      p = p.substring("/api".length());
    }
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return cut(p, MAX_PATH);
  }

  /** The id segment (second, except under {@code /maintenance}) replaced by {@code {id}}. */
  static String template(String path) {
    String[] seg = path.split("/", -1); // "", top, id, ...
    if (seg.length < 3 || seg[1].equals("maintenance")) {
      return path;
    }
    seg[2] = "{id}";
    return String.join("/", seg);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
