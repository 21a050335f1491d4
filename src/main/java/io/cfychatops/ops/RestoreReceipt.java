package io.cfychatops.ops;

import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.EntityKind;
import io.cfychatops.archive.TenantContents;
import io.cfychatops.ops.ManagerPort.ContentCounts;
import io.cfychatops.ops.ManagerPort.ExecutionError;
import io.cfychatops.text.Redactor;
import io.cfychatops.text.Truncate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a restore brought back, judged: per tenant and comparable {@link EntityKind} the count the
 * archive's preview expects (after the restore's de-duplication) against the count the manager
 * serves over REST, and the per-entity errors the restore execution logged ({@code Error restoring
 * <type> <id>: …}, Cloudify 7.x logs them and carries on). Pure: no I/O; the restore runbook and
 * drills build one with {@link #of} and read {@link #clean()} and {@link #problems()}.
 *
 * <p>Only shortfalls count: a manager that holds more than the archive (a non-empty target, the
 * restore's own executions) is not a problem. Kinds the manager did not count (absent from every
 * tenant of {@link ContentCounts}) are not compared. Messages are redacted ({@link Redactor}) and
 * truncated ({@link Truncate#MAX_LINE}) here, once: everything this class returns may be shown.
 */
public final class RestoreReceipt {

  /** Problems listed by {@link #problemLines} before "and N more". */
  public static final int MAX_LISTED = 10;

  private static final Pattern ERROR_RESTORING =
      Pattern.compile("^Error restoring (.+?): (.*)$", Pattern.DOTALL);

  /** The nouns {@code cloudify_rest_client} uses in its messages, longest first. */
  private static final Map<String, EntityKind> NOUNS = nouns();

  /** Expected against actual for one tenant ("" for management kinds) and kind. */
  public record Count(String tenant, EntityKind kind, long expected, long actual) {
    /** Entities the archive holds that the manager does not serve (0 when none). */
    public long missing() {
      return Math.max(0, expected - actual);
    }
  }

  /**
   * One error event of the restore: {@code kind} and {@code id} when it names an entity ({@code
   * Error restoring blueprint bp-1: …}; null otherwise, e.g. for {@code nodes} or a non-entity
   * error), {@code message} redacted and truncated.
   */
  public record EntityError(EntityKind kind, String noun, String id, String message) {
    public EntityError {
      Objects.requireNonNull(message, "message");
    }

    /** True when it is one of the restore's {@code Error restoring …} lines. */
    public boolean perEntity() {
      return noun != null;
    }
  }

  /** What kind of problem: entities missing, an entity the restore failed, another error. */
  public enum ProblemKind {
    MISSING,
    ENTITY_ERROR,
    ERROR
  }

  /** One problem, as a line for people (already redacted and truncated). */
  public record Problem(ProblemKind kind, String text) {}

  private final boolean compared;
  private final List<Count> counts;
  private final List<EntityError> errors;
  private final List<Problem> problems;

  private RestoreReceipt(boolean compared, List<Count> counts, List<EntityError> errors) {
    this.compared = compared;
    this.counts = List.copyOf(counts);
    this.errors = List.copyOf(errors);
    List<Problem> p = new ArrayList<>();
    for (EntityError e : errors) {
      p.add(
          new Problem(e.perEntity() ? ProblemKind.ENTITY_ERROR : ProblemKind.ERROR, errorLine(e)));
    }
    for (Count c : counts) {
      if (c.missing() > 0) {
        p.add(new Problem(ProblemKind.MISSING, missingLine(c)));
      }
    }
    this.problems = List.copyOf(p);
  }

  /**
   * Judges a restore.
   *
   * @param expected the archive's preview, or null when none could be had: counts are then not
   *     compared ({@link #compared()} false) and only the errors judge
   * @param actual what the manager serves now, or null when it could not be counted
   * @param errors the restore execution's error events, oldest first (null: none)
   */
  public static RestoreReceipt of(
      ArchivePreview expected, ContentCounts actual, List<ExecutionError> errors) {
    List<EntityError> parsed = new ArrayList<>();
    for (ExecutionError e : errors == null ? List.<ExecutionError>of() : errors) {
      parsed.add(parse(e.message()));
    }
    if (expected == null || actual == null) {
      return new RestoreReceipt(false, List.of(), parsed);
    }
    Set<EntityKind> counted = EnumSet.noneOf(EntityKind.class);
    actual.byTenant().values().forEach(m -> counted.addAll(m.keySet()));
    List<Count> counts = new ArrayList<>();
    for (EntityKind k : EntityKind.values()) {
      if (k.management() && k.comparable() && counted.contains(k)) {
        counts.add(
            new Count("", k, expected.management().getOrDefault(k, 0L), actual.count("", k)));
      }
    }
    for (TenantContents t : expected.tenants()) {
      for (EntityKind k : EntityKind.values()) {
        if (!k.management() && k.comparable() && counted.contains(k)) {
          counts.add(new Count(t.name(), k, t.count(k), actual.count(t.name(), k)));
        }
      }
    }
    return new RestoreReceipt(true, counts, parsed);
  }

  /** One error message parsed; redacted and truncated. */
  static EntityError parse(String raw) {
    String text = Truncate.oneLine(Redactor.redact(raw == null ? "" : raw), Truncate.MAX_LINE);
    Matcher m = ERROR_RESTORING.matcher(text);
    if (!m.matches()) {
      return new EntityError(null, null, null, text);
    }
    String subject = m.group(1);
    String lower = subject.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, EntityKind> n : NOUNS.entrySet()) {
      String noun = n.getKey();
      if (lower.equals(noun)) {
        return new EntityError(n.getValue(), noun, null, text);
      }
      if (lower.startsWith(noun + " ")) {
        String id = subject.substring(noun.length() + 1).strip();
        if (noun.equals("events")) { // "events of executions <id>": not one entity
          return new EntityError(EntityKind.EVENTS, noun, null, text);
        }
        return new EntityError(n.getValue(), noun, id.isEmpty() ? null : id, text);
      }
    }
    return new EntityError(null, subject, null, text);
  }

  /** Whether expected and actual counts were compared (a preview and counts were at hand). */
  public boolean compared() {
    return compared;
  }

  /** Every comparison, management first, then per tenant in the archive's order. */
  public List<Count> counts() {
    return counts;
  }

  /** The restore's error events, parsed, oldest first. */
  public List<EntityError> errors() {
    return errors;
  }

  /** Each error event (the causes, oldest first), then missing entities per tenant and kind. */
  public List<Problem> problems() {
    return problems;
  }

  /** No error events and (when compared) nothing missing. */
  public boolean clean() {
    return problems.isEmpty();
  }

  /** Entities the archive expects in all, over the compared kinds. */
  public long expectedTotal() {
    return counts.stream().mapToLong(Count::expected).sum();
  }

  /** Entities missing in all. */
  public long missingTotal() {
    return counts.stream().mapToLong(Count::missing).sum();
  }

  /** "N problem(s)". */
  public String problemCount() {
    return problems.size() + (problems.size() == 1 ? " problem" : " problems");
  }

  /**
   * One line: "all N entities of the archive are on the manager; no errors", or what is wrong in
   * short, and whether counts could be compared.
   */
  public String summary() {
    StringBuilder b = new StringBuilder();
    if (!compared) {
      b.append("counts could not be compared (no preview of the archive or no counts)");
    } else if (missingTotal() == 0) {
      b.append("all ")
          .append(expectedTotal())
          .append(" entities of the archive are on the manager");
    } else {
      b.append(missingTotal())
          .append(" of ")
          .append(expectedTotal())
          .append(" entities of the archive are missing");
    }
    long entityErrors = errors.stream().filter(EntityError::perEntity).count();
    long other = errors.size() - entityErrors;
    if (errors.isEmpty()) {
      b.append("; no errors logged");
    } else {
      if (entityErrors > 0) {
        b.append("; ").append(entityErrors).append(" entity error(s)");
      }
      if (other > 0) {
        b.append("; ").append(other).append(" other error(s)");
      }
    }
    return b.toString();
  }

  /** The first {@code max} problems as lines, then "and N more" when some were left out. */
  public List<String> problemLines(int max) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < problems.size() && i < max; i++) {
      out.add(problems.get(i).text());
    }
    if (problems.size() > max) {
      out.add("and " + (problems.size() - max) + " more");
    }
    return out;
  }

  private static String missingLine(Count c) {
    return (c.tenant().isEmpty() ? "management" : "tenant `" + c.tenant() + "`")
        + ": "
        + c.missing()
        + " of "
        + c.expected()
        + " "
        + c.kind().dumpName().replace('_', ' ')
        + " missing";
  }

  private static String errorLine(EntityError e) {
    if (e.id() != null) {
      return e.noun() + " `" + e.id() + "` not restored: " + after(e.message());
    }
    return e.message();
  }

  /** The text after "Error restoring x y: ". */
  private static String after(String message) {
    Matcher m = ERROR_RESTORING.matcher(message);
    return m.matches() ? m.group(2) : message;
  }

  private static Map<String, EntityKind> nouns() {
    Map<String, EntityKind> m = new LinkedHashMap<>();
    // longest first, so "user group" wins over "user", "deployment group" over "deployment"
    m.put("inter-deployment dependency", EntityKind.INTER_DEPLOYMENT_DEPENDENCIES);
    m.put("execution schedule", EntityKind.EXECUTION_SCHEDULES);
    m.put("deployment update", EntityKind.DEPLOYMENT_UPDATES);
    m.put("deployment group", EntityKind.DEPLOYMENT_GROUPS);
    m.put("secrets provider", EntityKind.SECRETS_PROVIDERS);
    m.put("execution group", EntityKind.EXECUTION_GROUPS);
    m.put("node instances", EntityKind.NODE_INSTANCES);
    m.put("plugins update", EntityKind.PLUGINS_UPDATE);
    m.put("tasks graph", EntityKind.TASKS_GRAPHS);
    m.put("user group", EntityKind.USER_GROUPS);
    m.put("permission", EntityKind.PERMISSIONS);
    m.put("deployment", EntityKind.DEPLOYMENTS);
    m.put("blueprint", EntityKind.BLUEPRINTS);
    m.put("execution", EntityKind.EXECUTIONS);
    m.put("events", EntityKind.EVENTS);
    m.put("tenant", EntityKind.TENANTS);
    m.put("plugin", EntityKind.PLUGINS);
    m.put("secret", EntityKind.SECRETS);
    m.put("agent", EntityKind.AGENTS);
    m.put("nodes", EntityKind.NODES);
    m.put("site", EntityKind.SITES);
    m.put("user", EntityKind.USERS);
    m.put("filter", null);
    return java.util.Collections.unmodifiableMap(m);
  }
}
