package io.cfychatops.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The streaming reader behind {@link ArchivePreview#read}. One instance reads one archive.
 *
 * <p>It walks the central directory twice (tenant directories and caps first, then the dump files),
 * inflates only {@code metadata.json} and the dump files (blobs are never inflated), and parses each
 * dump file with Jackson's streaming parser, looking only at the fields the restore keys on: at most
 * one item's key fields are in memory at a time. De-duplication works as the restore's ({@code
 * _new_restore_update_entities}): per {@code (scope, type, source, source_id)} bucket, by the type's
 * key. Each key is kept as a 64-bit fingerprint (salted SHA-256, salt drawn per read, so an archive
 * cannot aim collisions; accidental ones: about n²/2⁶⁵, 3·10⁻⁸ at two million entities).
 */
final class PreviewReader {
  static final String METADATA = "metadata.json";
  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,256}");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._@ -]{1,256}");
  private static final int MAX_ITEMS_PER_FILE = 100_000;

  private final Path path;
  private final ArchiveLimits limits;
  private final JsonFactory json;
  private final MessageDigest sha;
  private final byte[] salt = new byte[16];
  private final FingerprintSet seen = new FingerprintSet();
  private final Map<String, Tenant> tenants = new TreeMap<>();
  private final Tenant mgmt = new Tenant("");
  private final Map<List<Object>, Long> findings = new LinkedHashMap<>();
  private long fileSize;
  private long inflated;
  private long totalBudget;
  private long items;
  private long jsonBytes;
  private String executionId;
  private Instant createdAt;
  private long tenantsToCreate;

  /** Counts of one scope (a tenant, or the management scope). */
  private final class Tenant {
    final String name;
    final Map<EntityKind, Long> counts = new EnumMap<>(EntityKind.class);
    final List<String> blueprints = new ArrayList<>();
    final List<String> deployments = new ArrayList<>();
    long blueprintsNotListed;
    long deploymentsNotListed;
    final Map<Long, Schedule> schedules = new LinkedHashMap<>();
    long schedulesNotListed;
    long toCreate;

    Tenant(String name) {
      this.name = name;
    }

    TenantContents contents() {
      List<ScheduleInfo> s = schedules.values().stream().map(x -> x.info).toList();
      return new TenantContents(name, counts, blueprints, blueprintsNotListed, deployments,
          deploymentsNotListed, s, schedulesNotListed);
    }
  }

  /** A schedule and where it was read (the restore keeps the last one in file-name order). */
  private record Schedule(ScheduleInfo info, String file, int index) {
    boolean before(String f, int i) {
      int c = file.compareTo(f);
      return c < 0 || (c == 0 && index < i);
    }
  }

  /** A JSON scalar as the restore's Python would see it: kind tag and text. */
  private record Scalar(char tag, String text) {
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

  /** What one item of a dump file contributes, held until its file's header is complete. */
  private record Item(long keyHash, String listedId, boolean plainId, Scalar key,
      ScheduleInfo schedule, int index) {}

  /** A limit passed while inflating: becomes an {@link ArchiveRefusedException}. */
  private static final class LimitExceeded extends IOException {
    final ArchiveRefusedException.Reason reason;

    LimitExceeded(ArchiveRefusedException.Reason reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  PreviewReader(Path path, ArchiveLimits limits) {
    this.path = path;
    this.limits = limits;
    this.json = JsonFactory.builder()
        .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxStringLength(limits.maxStringChars())
            .maxNestingDepth(limits.maxJsonDepth())
            .maxNameLength(Math.min(limits.maxStringChars(), 64 * 1024))
            .build())
        .build();
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
    new SecureRandom().nextBytes(salt);
  }

  ArchivePreview read() throws IOException, ArchiveRefusedException {
    fileSize = Files.size(path);
    CentralDirectory.Extent extent = CentralDirectory.read(path);
    if (extent == null) {
      throw refused(ArchiveRefusedException.Reason.NOT_A_ZIP,
          "the file is not a zip archive (no end-of-central-directory record)");
    }
    if (extent.entries() > limits.maxEntries()) {
      throw refused(ArchiveRefusedException.Reason.TOO_MANY_ENTRIES, "the archive lists "
          + extent.entries() + " entries, more than the limit of " + limits.maxEntries());
    }
    if (extent.size() > limits.maxCentralDirectoryBytes()) {
      throw refused(ArchiveRefusedException.Reason.CENTRAL_DIRECTORY_TOO_LARGE, "the archive's"
          + " central directory is " + extent.size() + " bytes, more than the limit of "
          + limits.maxCentralDirectoryBytes());
    }
    totalBudget = Math.min(limits.maxInflatedBytes(),
        Math.max(multiplyCapped(fileSize, limits.maxRatio()), limits.ratioFloorBytes()));
    ZipFile zip;
    try {
      zip = new ZipFile(path.toFile());
    } catch (ZipException e) {
      throw refused(ArchiveRefusedException.Reason.NOT_A_ZIP, "the file is not a readable zip archive");
    }
    try (zip) {
      return read(zip);
    } catch (LimitExceeded e) {
      throw refused(e.reason, e.getMessage());
    }
  }

  private ArchivePreview read(ZipFile zip) throws IOException, ArchiveRefusedException {
    FingerprintSet tenantsWithFiles = new FingerprintSet();
    FingerprintSet names = new FingerprintSet();
    TreeSet<String> dirs = new TreeSet<>();
    long declared = 0;
    int entries = 0;
    for (ZipEntry e : Collections.list(zip.entries())) {
      entries++;
      declared += Math.max(0, e.getCompressedSize());
      if (declared > fileSize) {
        throw refused(ArchiveRefusedException.Reason.ENTRIES_OVERLAP, "entries overlap: they declare "
            + declared + "+ compressed bytes in a " + fileSize + "-byte file (a zip bomb?)");
      }
      String name = e.getName();
      if (name.endsWith("/")) {
        String[] parts = strip(name).split("/", -1);
        if (parts.length == 2 && parts[0].equals("tenants") && dirs.add(parts[1])
            && dirs.size() > limits.maxTenants()) {
          throw refused(ArchiveRefusedException.Reason.TOO_MANY_TENANTS,
              "the archive has more than " + limits.maxTenants() + " tenant directories");
        }
        continue;
      }
      if ((name.endsWith("json")) && !names.add(hash("name", name))) {
        finding(Finding.Kind.DUPLICATE_ENTRY_NAMES, null, 1);
      }
      String[] parts = name.split("/", 3);
      if (parts.length == 3 && parts[0].equals("tenants")) {
        tenantsWithFiles.add(hash("tenant", parts[1]));
      }
    }
    ZipEntry metaEntry = zip.getEntry(METADATA);
    if (metaEntry == null || metaEntry.isDirectory()) {
      finding(Finding.Kind.NO_METADATA, null, 1);
      return result(ArchiveFormat.UNKNOWN, null, entries);
    }
    Metadata meta = metadata(zip, metaEntry);
    if (meta == null) {
      finding(Finding.Kind.METADATA_INVALID, null, 1);
      return result(ArchiveFormat.UNKNOWN, null, entries);
    }
    executionId = meta.executionId;
    if (meta.version == null || ManagerVersion.parse(meta.version).isEmpty()) {
      finding(Finding.Kind.VERSION_INVALID, null, 1);
    }
    if (meta.revisions == 3) {
      finding(Finding.Kind.LEGACY_NOT_COUNTED, null, 1);
      return result(ArchiveFormat.LEGACY, meta.version, entries);
    }
    ArchiveFormat format = meta.revisions > 0 ? ArchiveFormat.LEGACY_MISREAD_AS_7X : ArchiveFormat.SEVEN_X;
    if (format == ArchiveFormat.LEGACY_MISREAD_AS_7X) {
      finding(Finding.Kind.MISREAD_LEGACY, null, 1);
    }
    for (String t : dirs) {
      tenants.put(t, new Tenant(t));
      if (!tenantsWithFiles.contains(hash("tenant", t))) {
        finding(Finding.Kind.EMPTY_TENANT_DIRECTORY, display(t), 1);
      }
    }
    for (ZipEntry e : Collections.list(zip.entries())) {
      String name = e.getName();
      if (name.endsWith("/")) {
        continue;
      }
      String[] parts = name.split("/", -1);
      if (parts.length == 2 && parts[0].equals("mgmt") && name.endsWith(".json")) {
        file(zip, e, mgmt);
      } else if (parts.length >= 3 && parts[0].equals("tenants") && name.endsWith("json")) {
        Tenant t = tenants.get(parts[1]);
        if (t == null) {
          finding(Finding.Kind.FILES_WITHOUT_TENANT_DIRECTORY, null, 1);
        } else {
          file(zip, e, t);
        }
      }
    }
    return result(format, meta.version, entries);
  }

  // ---------------------------------------------------------------- metadata

  private record Metadata(String version, String executionId, int revisions) {}

  private Metadata metadata(ZipFile zip, ZipEntry e) throws IOException {
    long budget = Math.min(limits.maxMetadataBytes(), entryBudget(e));
    try (JsonParser p = json.createParser(bounded(zip, e, budget, true))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String version = null;
      String exec = null;
      boolean[] rev = new boolean[3];
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        switch (f) {
          case "snapshot_version" -> version = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "execution_id" -> exec = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "schema_revision" -> rev[0] = true;
          case "stage_schema_revision" -> rev[1] = true;
          case "composer_schema_revision" -> rev[2] = true;
          default -> { }
        }
        p.skipChildren();
      }
      int revisions = (rev[0] ? 1 : 0) + (rev[1] ? 1 : 0) + (rev[2] ? 1 : 0);
      return new Metadata(version, exec, revisions);
    } catch (StreamConstraintsException ex) {
      throw new LimitExceeded(ArchiveRefusedException.Reason.JSON_LIMIT_EXCEEDED,
          "metadata.json passes a JSON limit (strings " + limits.maxStringChars() + " chars, depth "
              + limits.maxJsonDepth() + ")");
    } catch (JsonProcessingException ex) {
      return null;
    }
  }

  // ---------------------------------------------------------------- dump files

  private void file(ZipFile zip, ZipEntry e, Tenant scope) throws IOException, ArchiveRefusedException {
    Scalar type = null;
    Scalar source = null;
    Scalar sourceId = null;
    Scalar itemsType = null;
    boolean sawItems = false;
    List<Item> buffer = new ArrayList<>();
    try (JsonParser p = json.createParser(bounded(zip, e, entryBudget(e), false))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        finding(Finding.Kind.MALFORMED_DUMP_FILE, display(scope.name), 1);
        return;
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
            } else if (!items(p, e.getName(), scope, kindOf(type), buffer)) {
              return;
            }
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        finding(Finding.Kind.MALFORMED_DUMP_FILE, display(scope.name), 1); // json.load: extra data
        return;
      }
    } catch (StreamConstraintsException ex) {
      throw new LimitExceeded(ArchiveRefusedException.Reason.JSON_LIMIT_EXCEEDED, "dump file "
          + safeName(e.getName()) + " passes a JSON limit (strings of " + limits.maxStringChars()
          + " chars, nesting depth " + limits.maxJsonDepth() + ")");
    } catch (JsonProcessingException ex) {
      finding(Finding.Kind.MALFORMED_DUMP_FILE, display(scope.name), 1);
      return;
    }
    if (type == null || !sawItems) {
      finding(Finding.Kind.MALFORMED_DUMP_FILE, display(scope.name), 1); // KeyError: type/items
      return;
    }
    if (!type.equals(itemsType)) { // items came first, or the type changed after them
      buffer.clear();
      if (!itemsAgain(zip, e, scope, kindOf(type), buffer)) {
        return;
      }
    }
    commit(scope, e.getName(), type, source, sourceId, buffer);
  }

  /** A second read of a file whose items came before its type: only the items are looked at. */
  private boolean itemsAgain(ZipFile zip, ZipEntry e, Tenant scope, EntityKind kind, List<Item> buffer)
      throws IOException, ArchiveRefusedException {
    try (JsonParser p = json.createParser(bounded(zip, e, entryBudget(e), false))) {
      p.nextToken();
      boolean found = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        JsonToken v = p.nextToken();
        if (p.currentName().equals("items")) {
          buffer.clear();
          found = true;
          if (v != JsonToken.START_ARRAY) {
            finding(Finding.Kind.MALFORMED_DUMP_FILE, display(scope.name), 1);
            return false;
          }
          if (!items(p, e.getName(), scope, kind, buffer)) {
            return false;
          }
        } else {
          p.skipChildren();
        }
      }
      return found;
    } catch (StreamConstraintsException ex) {
      throw new LimitExceeded(ArchiveRefusedException.Reason.JSON_LIMIT_EXCEEDED, "dump file "
          + safeName(e.getName()) + " passes a JSON limit");
    }
  }

  /** Reads the items array; false (a finding recorded) when the restore would fail on it. */
  private boolean items(JsonParser p, String file, Tenant scope, EntityKind kind, List<Item> buffer)
      throws IOException, ArchiveRefusedException {
    EntityKind.Key key = kind == null ? EntityKind.Key.ID : kind.key;
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        finding(Finding.Kind.MALFORMED_DUMP_FILE, display(scope.name), 1); // TypeError
        return false;
      }
      if (buffer.size() >= MAX_ITEMS_PER_FILE) {
        throw refused(ArchiveRefusedException.Reason.JSON_LIMIT_EXCEEDED, "dump file "
            + safeName(file) + " holds more than " + MAX_ITEMS_PER_FILE
            + " items (Cloudify writes at most 500)");
      }
      Item item = item(p, kind, key, scope, index++);
      if (item == null) {
        return false;
      }
      buffer.add(item);
    }
    return true;
  }

  private Item item(JsonParser p, EntityKind kind, EntityKind.Key key, Tenant scope, int index)
      throws IOException {
    Scalar k1 = null;
    Scalar k2 = null;
    boolean schedule = kind == EntityKind.EXECUTION_SCHEDULES;
    Map<String, Scalar> extra = schedule || kind == EntityKind.EXECUTIONS ? new HashMap<>() : null;
    Rule rule = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (f.equals(key.fields[0])) {
        k1 = scalar(p, v);
      } else if (key.fields.length > 1 && f.equals(key.fields[1])) {
        k2 = scalar(p, v);
      } else if (schedule && f.equals("rule") && v == JsonToken.START_OBJECT) {
        rule = rule(p);
      } else if (extra != null && (f.equals("created_at") || (schedule && (f.equals("deployment_id")
          || f.equals("workflow_id") || f.equals("since") || f.equals("until") || f.equals("slip")
          || f.equals("enabled"))))) {
        extra.put(f, scalar(p, v));
      } else {
        p.skipChildren();
      }
    }
    if (k1 == null || (key.fields.length > 1 && k2 == null)) {
      finding(kind == EntityKind.SECRETS_PROVIDERS ? Finding.Kind.SECRETS_PROVIDER_WITHOUT_ID
          : Finding.Kind.ITEM_WITHOUT_KEY, display(scope.name), 1);
      return null;
    }
    String keyText;
    if (key == EntityKind.Key.ROLE_PERMISSION) {
      keyText = "s" + k1.py() + ":" + k2.py();
    } else if (key == EntityKind.Key.TIMESTAMP_MESSAGE) {
      if (!k2.hashable()) {
        finding(Finding.Kind.UNHASHABLE_KEY, display(scope.name), 1);
        return null;
      }
      keyText = "s" + k1.py() + ":" + k2.tag() + k2.text();
    } else {
      if (!k1.hashable()) {
        finding(Finding.Kind.UNHASHABLE_KEY, display(scope.name), 1);
        return null;
      }
      keyText = k1.tag() + k1.text();
    }
    String id = k1.string();
    if (kind == EntityKind.EXECUTIONS && id != null && id.equals(executionId)) {
      Scalar c = extra.get("created_at");
      createdAt = c == null ? null : ScheduleInfo.time(c.string());
    }
    ScheduleInfo info = null;
    if (schedule) {
      Scalar slip = extra.get("slip");
      Scalar enabled = extra.get("enabled");
      info = new ScheduleInfo(display(scope.name), id, plainOrNull(extra.get("deployment_id")),
          plainOrNull(extra.get("workflow_id")), ScheduleInfo.time(text(extra.get("since"))),
          ScheduleInfo.time(text(extra.get("until"))),
          slip != null && slip.tag() == 'n' ? parseInt(slip.text()) : 0,
          enabled == null || enabled.tag() != 'f',
          rule == null ? null : rule.recurrence, rule == null ? null : rule.count,
          rule == null ? List.of() : rule.weekdays, rule == null ? null : rule.rrule);
    }
    boolean plain = id != null && PLAIN_ID.matcher(id).matches();
    return new Item(hash("key", keyText), plain ? id : null, plain, k1, info, index);
  }

  private record Rule(String recurrence, Integer count, List<String> weekdays, String rrule) {}

  private Rule rule(JsonParser p) throws IOException {
    String recurrence = null;
    Integer count = null;
    List<String> weekdays = new ArrayList<>();
    String rrule = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (f.equals("recurrence") && v == JsonToken.VALUE_STRING) {
        recurrence = short256(p.getText());
      } else if (f.equals("rrule") && v == JsonToken.VALUE_STRING) {
        rrule = short256(p.getText());
      } else if (f.equals("count") && v == JsonToken.VALUE_NUMBER_INT) {
        count = parseInt(p.getText());
      } else if (f.equals("weekdays") && v == JsonToken.START_ARRAY) {
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == JsonToken.VALUE_STRING && weekdays.size() < 7) {
            weekdays.add(short256(p.getText()));
          } else {
            p.skipChildren();
            weekdays.add("?");
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return new Rule(recurrence, count, weekdays, rrule);
  }

  /** Adds a file's items under its now complete header: counts, ids, schedules. */
  private void commit(Tenant scope, String file, Scalar type, Scalar source, Scalar sourceId,
      List<Item> buffer) throws ArchiveRefusedException {
    items += buffer.size();
    EntityKind kind = kindOf(type);
    if (kind == null) {
      finding(Finding.Kind.UNKNOWN_TYPE, scope.name.isEmpty() ? null : display(scope.name), 1);
      return;
    }
    if ((source != null && !source.hashable()) || (sourceId != null && !sourceId.hashable())) {
      finding(Finding.Kind.UNHASHABLE_KEY, display(scope.name), 1);
      return;
    }
    long bucket = hash("bucket", scope.name + '\u0000' + kind.dumpName() + '\u0000'
        + (source == null ? "-" : source.tag() + source.text()) + '\u0000'
        + (sourceId == null ? "-" : sourceId.tag() + sourceId.text()));
    for (Item item : buffer) {
      long fp = bucket ^ (item.keyHash() * 0x9E3779B97F4A7C15L);
      if (!seen.add(fp)) {
        if (item.schedule() != null) {
          Schedule s = scope.schedules.get(fp);
          if (s != null && s.before(file, item.index())) {
            scope.schedules.put(fp, new Schedule(item.schedule(), file, item.index()));
          }
        }
        continue;
      }
      if (seen.size() > limits.maxEntities()) {
        throw refused(ArchiveRefusedException.Reason.TOO_MANY_ENTITIES,
            "the archive holds more than " + limits.maxEntities() + " entities");
      }
      scope.counts.merge(kind, 1L, Long::sum);
      switch (kind) {
        case BLUEPRINTS -> list(scope.blueprints, item, () -> scope.blueprintsNotListed++);
        case DEPLOYMENTS -> list(scope.deployments, item, () -> scope.deploymentsNotListed++);
        case USERS -> scope.toCreate += "admin".equals(item.key().string()) ? 0 : 1;
        case TENANTS -> tenantsToCreate += "default_tenant".equals(item.key().string()) ? 0 : 1;
        case EXECUTION_SCHEDULES -> {
          if (scope.schedules.size() < limits.maxSchedules()) {
            scope.schedules.put(fp, new Schedule(item.schedule(), file, item.index()));
          } else {
            scope.schedulesNotListed++;
          }
        }
        default -> { }
      }
    }
  }


  private void list(List<String> ids, Item item, Runnable notListed) {
    if (item.plainId() && ids.size() < limits.maxListedIds()) {
      ids.add(item.listedId());
    } else {
      notListed.run();
      finding(Finding.Kind.UNLISTED_IDS, null, 1);
    }
  }

  // ---------------------------------------------------------------- result

  private ArchivePreview result(ArchiveFormat format, String version, int entries) {
    List<TenantContents> list = tenants.values().stream().map(Tenant::contents).toList();
    List<Finding> out = new ArrayList<>();
    findings.forEach((k, n) -> out.add(new Finding((Finding.Kind) k.get(0), (String) k.get(1), n)));
    long distinct = seen.size();
    return new ArchivePreview(format, version == null ? null : safeVersion(version),
        executionId == null || !executionId.matches("[A-Za-z0-9-]{1,64}") ? null : executionId,
        createdAt, mgmt.counts, tenantsToCreate, mgmt.toCreate, list, out,
        new ArchivePreview.Stats(entries, fileSize, jsonBytes, items, distinct));
  }

  // ---------------------------------------------------------------- helpers

  private Scalar scalar(JsonParser p, JsonToken v) throws IOException {
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

  private static EntityKind kindOf(Scalar type) {
    return type == null || type.string() == null ? null
        : EntityKind.ofDumpName(type.string()).orElse(null);
  }

  private long entryBudget(ZipEntry e) {
    return Math.min(limits.maxJsonEntryBytes(), Math.max(
        multiplyCapped(Math.max(e.getCompressedSize(), 0), limits.maxRatio()), limits.ratioFloorBytes()));
  }

  /** The entry's inflated bytes, stopped at its budget and at the archive's total budget. */
  private InputStream bounded(ZipFile zip, ZipEntry e, long budget, boolean metadata) throws IOException {
    InputStream raw = zip.getInputStream(e);
    return new FilterInputStream(raw) {
      long read;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          read += n;
          inflated += n;
          jsonBytes += n;
          if (read > budget) {
            throw tooLarge(e, budget, metadata);
          }
          if (inflated > totalBudget) {
            throw new LimitExceeded(ArchiveRefusedException.Reason.INFLATED_TOTAL_EXCEEDED,
                "the archive inflates to more than " + totalBudget + " bytes (limit: "
                    + limits.maxRatio() + "× its size, at most " + limits.maxInflatedBytes()
                    + " bytes); stopped in " + safeName(e.getName()) + " (a zip bomb?)");
          }
        }
        return n;
      }
    };
  }

  private LimitExceeded tooLarge(ZipEntry e, long budget, boolean metadata) {
    if (metadata && budget == limits.maxMetadataBytes()) {
      return new LimitExceeded(ArchiveRefusedException.Reason.METADATA_TOO_LARGE,
          "metadata.json is larger than " + budget + " bytes");
    }
    if (budget == limits.maxJsonEntryBytes()) {
      return new LimitExceeded(ArchiveRefusedException.Reason.JSON_ENTRY_TOO_LARGE, "dump file "
          + safeName(e.getName()) + " inflates to more than " + budget + " bytes");
    }
    return new LimitExceeded(ArchiveRefusedException.Reason.ENTRY_RATIO_EXCEEDED, "entry "
        + safeName(e.getName()) + " inflates to more than " + budget + " bytes from "
        + e.getCompressedSize() + " compressed (limit: " + limits.maxRatio() + "×): a zip bomb?");
  }

  private long hash(String domain, String text) {
    sha.reset();
    sha.update(salt);
    sha.update(domain.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(text.getBytes(StandardCharsets.UTF_8));
    byte[] d = sha.digest();
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[i] & 0xFF);
    }
    return v;
  }

  private void finding(Finding.Kind kind, String tenant, long n) {
    findings.merge(java.util.Arrays.asList(kind, tenant), n, Long::sum);
  }

  private static ArchiveRefusedException refused(ArchiveRefusedException.Reason r, String message) {
    return new ArchiveRefusedException(r, message);
  }

  private static long multiplyCapped(long a, long b) {
    long r = a * b;
    return a != 0 && r / a != b ? Long.MAX_VALUE : r;
  }

  /** A tenant name fit to show; others are replaced (they come from a possibly hostile archive). */
  static String display(String tenant) {
    if (tenant == null || tenant.isEmpty()) {
      return null;
    }
    return PLAIN_NAME.matcher(tenant).matches() ? tenant
        : "(unprintable tenant name #" + Integer.toHexString(tenant.hashCode()) + ")";
  }

  /** An entry name fit for a message: at most 120 plain characters. */
  static String safeName(String name) {
    String s = name.length() > 120 ? name.substring(0, 120) + "…" : name;
    return s.replaceAll("[^A-Za-z0-9._/-]", "?");
  }

  private static String safeVersion(String v) {
    return v.matches("[0-9A-Za-z.+_-]{1,64}") ? v : "(unreadable)";
  }

  private static String plainOrNull(Scalar s) {
    String v = s == null ? null : s.string();
    return v != null && PLAIN_ID.matcher(v).matches() ? v : null;
  }

  private static String text(Scalar s) {
    return s == null ? null : s.string();
  }

  private static String short256(String s) {
    return s.length() > 256 ? null : s;
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String strip(String name) {
    int from = 0;
    int to = name.length();
    while (from < to && name.charAt(from) == '/') {
      from++;
    }
    while (to > from && name.charAt(to - 1) == '/') {
      to--;
    }
    return name.substring(from, to);
  }
}
