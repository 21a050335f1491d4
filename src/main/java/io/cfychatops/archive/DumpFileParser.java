package io.cfychatops.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Parses one 7.x dump file ({@code {type, source?, source_id?, latest_timestamp?, items}}) with
 * Jackson's streaming parser, keeping of each item only what the preview needs: the key the restore
 * de-duplicates by (as a 64-bit {@link SipHash} fingerprint), a blueprint's or deployment's id, an
 * execution schedule's rule. Everything else — secret values, plans, runtime properties — is
 * skipped unread. Items are held until the file's header is complete (its fields may come in any
 * order). One instance per thread.
 */
final class DumpFileParser {
  static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,256}");
  static final int MAX_ITEMS_PER_FILE = 100_000;

  /** Where findings go (the reader, thread-safe). */
  interface Findings {
    void add(Finding.Kind kind, String tenant);
  }

  /** A JSON scalar as the restore's Python sees it: a kind tag and its text. */
  record Scalar(char tag, String text) {
    static final Scalar NULL = new Scalar('z', "None");
    static final Scalar STRUCT = new Scalar('o', "<object>");

    /** {@code f"{value}"}. */
    String py() {
      return switch (tag) {
        case 't' -> "True";
        case 'f' -> "False";
        default -> text;
      };
    }

    boolean hashable() {
      return tag != 'o';
    }

    String string() {
      return tag == 's' ? text : null;
    }
  }

  /** What one item contributes. */
  record Item(long keyHash, String listedId, Scalar key, ScheduleInfo schedule, int index) {}

  /** A parsed file; {@code createdAt} is the create execution's, if this file holds it. */
  record Parsed(
      String file,
      Scalar type,
      Scalar source,
      Scalar sourceId,
      List<Item> items,
      Instant createdAt) {}

  private record Rule(String recurrence, Integer count, List<String> weekdays, String rrule) {}

  private final JsonFactory json;
  private final SipHash sip;
  private final InflateBudget budget;
  private final ArchiveLimits limits;
  private final String executionId;
  private final Findings findings;
  private Instant createdAt;

  DumpFileParser(
      JsonFactory json,
      SipHash sip,
      InflateBudget budget,
      ArchiveLimits limits,
      String executionId,
      Findings findings) {
    this.json = json;
    this.sip = sip;
    this.budget = budget;
    this.limits = limits;
    this.executionId = executionId;
    this.findings = findings;
  }

  /** The file's header and items, or {@code null} when it is unusable (a finding says why). */
  Parsed parse(ZipFile zip, ZipEntry e, String scope) throws IOException, ArchiveRefusedException {
    String tenant = Names.display(scope);
    createdAt = null;
    Scalar type = null;
    Scalar source = null;
    Scalar sourceId = null;
    Scalar itemsType = null;
    boolean sawItems = false;
    List<Item> buffer = new ArrayList<>();
    try (JsonParser p = json.createParser(budget.open(zip, e, budget.entry(e)))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return malformed(tenant);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        switch (f) {
          case "type" -> type = scalar(p, v);
          case "source" -> source = scalar(p, v);
          case "source_id" -> sourceId = scalar(p, v);
          case "items" -> {
            sawItems = true;
            buffer.clear();
            itemsType = type;
            if (type == null || v != JsonToken.START_ARRAY) {
              p.skipChildren(); // read again below, once the type is known
              itemsType = null;
            } else if (!items(p, e.getName(), tenant, kindOf(type), buffer)) {
              return null;
            }
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        return malformed(tenant); // json.load: "Extra data"
      }
    } catch (StreamConstraintsException ex) {
      throw jsonLimit(e);
    } catch (JsonProcessingException ex) {
      return malformed(tenant);
    }
    if (type == null || !sawItems) {
      return malformed(tenant); // KeyError: 'type' / 'items'
    }
    if (!type.equals(itemsType) && !itemsAgain(zip, e, tenant, kindOf(type), buffer)) {
      return null; // items came before the type (or it changed after them): read them again
    }
    return new Parsed(e.getName(), type, source, sourceId, buffer, createdAt);
  }

  /** The fingerprint of a {@code (scope, type, source, source_id)} bucket. */
  long bucket(String scope, EntityKind kind, Scalar source, Scalar sourceId) {
    return sip.reset()
        .add('b')
        .add(scope)
        .add(kind.dumpName())
        .add(source == null ? '-' : source.tag())
        .add(source == null ? null : source.text())
        .add(sourceId == null ? '-' : sourceId.tag())
        .add(sourceId == null ? null : sourceId.text())
        .finish();
  }

  static EntityKind kindOf(Scalar type) {
    return type == null || type.string() == null
        ? null
        : EntityKind.ofDumpName(type.string()).orElse(null);
  }

  private Parsed malformed(String tenant) {
    findings.add(Finding.Kind.MALFORMED_DUMP_FILE, tenant);
    return null;
  }

  private ArchiveRefusedException jsonLimit(ZipEntry e) {
    return new ArchiveRefusedException(
        ArchiveRefusedException.Reason.JSON_LIMIT_EXCEEDED,
        "dump file "
            + Names.safeName(e.getName())
            + " passes a JSON limit (strings of "
            + limits.maxStringChars()
            + " chars, nesting depth "
            + limits.maxJsonDepth()
            + ")");
  }

  private boolean itemsAgain(
      ZipFile zip, ZipEntry e, String tenant, EntityKind kind, List<Item> buffer)
      throws IOException, ArchiveRefusedException {
    buffer.clear();
    try (JsonParser p = json.createParser(budget.open(zip, e, budget.entry(e)))) {
      p.nextToken();
      boolean found = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        JsonToken v = p.nextToken();
        if (!p.currentName().equals("items")) {
          p.skipChildren();
          continue;
        }
        buffer.clear();
        found = true;
        if (v != JsonToken.START_ARRAY) {
          return malformed(tenant) != null;
        }
        if (!items(p, e.getName(), tenant, kind, buffer)) {
          return false;
        }
      }
      return found;
    } catch (StreamConstraintsException ex) {
      throw jsonLimit(e);
    }
  }

  /** Reads the items array; false (a finding recorded) when the restore would fail on it. */
  private boolean items(
      JsonParser p, String file, String tenant, EntityKind kind, List<Item> buffer)
      throws IOException, ArchiveRefusedException {
    EntityKind.Key key = kind == null ? EntityKind.Key.ID : kind.key;
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        return malformed(tenant) != null; // TypeError: string indices must be integers
      }
      if (buffer.size() >= MAX_ITEMS_PER_FILE) {
        throw new ArchiveRefusedException(
            ArchiveRefusedException.Reason.JSON_LIMIT_EXCEEDED,
            "dump file "
                + Names.safeName(file)
                + " holds more than "
                + MAX_ITEMS_PER_FILE
                + " items (Cloudify writes at most 500)");
      }
      Item item = item(p, kind, key, tenant, index++);
      if (item == null) {
        return false;
      }
      buffer.add(item);
    }
    return true;
  }

  private Item item(JsonParser p, EntityKind kind, EntityKind.Key key, String tenant, int index)
      throws IOException {
    Scalar k1 = null;
    Scalar k2 = null;
    boolean schedule = kind == EntityKind.EXECUTION_SCHEDULES;
    Map<String, Scalar> extra = schedule || kind == EntityKind.EXECUTIONS ? new HashMap<>() : null;
    Rule rule = null;
    String f1 = key.fields[0];
    String f2 = key.fields.length > 1 ? key.fields[1] : null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (f.equals(f1)) {
        k1 = scalar(p, v);
      } else if (f.equals(f2)) {
        k2 = scalar(p, v);
      } else if (schedule && f.equals("rule") && v == JsonToken.START_OBJECT) {
        rule = rule(p);
      } else if (extra != null
          && (f.equals("created_at")
              || (schedule
                  && (f.equals("deployment_id")
                      || f.equals("workflow_id")
                      || f.equals("since")
                      || f.equals("until")
                      || f.equals("slip")
                      || f.equals("enabled"))))) {
        extra.put(f, scalar(p, v));
      } else {
        p.skipChildren();
      }
    }
    if (k1 == null || (f2 != null && k2 == null)) {
      findings.add(
          kind == EntityKind.SECRETS_PROVIDERS
              ? Finding.Kind.SECRETS_PROVIDER_WITHOUT_ID
              : Finding.Kind.ITEM_WITHOUT_KEY,
          tenant);
      return null;
    }
    Scalar hashed =
        key == EntityKind.Key.TIMESTAMP_MESSAGE
            ? k2
            : key == EntityKind.Key.ROLE_PERMISSION ? Scalar.NULL : k1;
    if (!hashed.hashable()) {
      findings.add(Finding.Kind.UNHASHABLE_KEY, tenant);
      return null;
    }
    long keyHash =
        switch (key) {
          case ROLE_PERMISSION -> sip.reset().add('s').add(k1.py() + ":" + k2.py()).finish();
          case TIMESTAMP_MESSAGE ->
              sip.reset().add('e').add(k1.py()).add(k2.tag()).add(k2.text()).finish();
          default -> sip.reset().add(k1.tag()).add(k1.text()).finish();
        };
    String id = k1.string();
    if (kind == EntityKind.EXECUTIONS && id != null && id.equals(executionId)) {
      Scalar c = extra.get("created_at");
      createdAt = c == null ? null : ScheduleInfo.time(c.string());
    }
    ScheduleInfo info = schedule ? schedule(tenant, id, extra, rule) : null;
    boolean listed =
        (kind == EntityKind.BLUEPRINTS || kind == EntityKind.DEPLOYMENTS)
            && id != null
            && PLAIN_ID.matcher(id).matches();
    return new Item(keyHash, listed ? id : null, k1, info, index);
  }

  private static ScheduleInfo schedule(
      String tenant, String id, Map<String, Scalar> extra, Rule rule) {
    Scalar slip = extra.get("slip");
    Scalar enabled = extra.get("enabled");
    return new ScheduleInfo(
        tenant,
        id,
        plain(extra.get("deployment_id")),
        plain(extra.get("workflow_id")),
        ScheduleInfo.time(text(extra.get("since"))),
        ScheduleInfo.time(text(extra.get("until"))),
        slip != null && slip.tag() == 'n' ? parseInt(slip.text()) : 0,
        enabled == null || enabled.tag() != 'f',
        rule == null ? null : rule.recurrence(),
        rule == null ? null : rule.count(),
        rule == null ? List.of() : rule.weekdays(),
        rule == null ? null : rule.rrule());
  }

  private Rule rule(JsonParser p) throws IOException {
    String recurrence = null;
    Integer count = null;
    List<String> weekdays = new ArrayList<>();
    String rrule = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (f.equals("recurrence") && v == JsonToken.VALUE_STRING) {
        recurrence = upTo256(p.getText());
      } else if (f.equals("rrule") && v == JsonToken.VALUE_STRING) {
        rrule = upTo256(p.getText());
      } else if (f.equals("count") && v == JsonToken.VALUE_NUMBER_INT) {
        count = parseInt(p.getText());
      } else if (f.equals("weekdays") && v == JsonToken.START_ARRAY) {
        while (p.nextToken() != JsonToken.END_ARRAY) {
          boolean text = p.currentToken() == JsonToken.VALUE_STRING;
          String day = text ? upTo256(p.getText()) : "?";
          p.skipChildren();
          if (weekdays.size() < 7) {
            weekdays.add(day == null ? "?" : day);
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return new Rule(recurrence, count, weekdays, rrule);
  }

  private static Scalar scalar(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_STRING -> new Scalar('s', p.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Scalar('n', p.getText());
      case VALUE_TRUE -> new Scalar('t', "true");
      case VALUE_FALSE -> new Scalar('f', "false");
      case VALUE_NULL -> Scalar.NULL;
      default -> {
        p.skipChildren();
        yield Scalar.STRUCT;
      }
    };
  }

  private static String plain(Scalar s) {
    String v = s == null ? null : s.string();
    return v != null && PLAIN_ID.matcher(v).matches() ? v : null;
  }

  private static String text(Scalar s) {
    return s == null ? null : s.string();
  }

  private static String upTo256(String s) {
    return s.length() > 256 ? null : s;
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
