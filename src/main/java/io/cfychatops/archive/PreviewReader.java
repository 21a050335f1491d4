package io.cfychatops.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.cfychatops.concurrent.NamedThreads;
import io.cfychatops.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The reader behind {@link ArchivePreview#read}. One instance reads one archive.
 *
 * <p>It checks the declared central directory before opening the zip, walks the directory (tenant
 * directories, overlapping entries, empty tenants), reads {@code metadata.json}, then inflates only
 * the dump files — blobs are never inflated — and parses them with {@link DumpFileParser}s on up to
 * {@value #WORKERS} threads (the calling thread and one more). De-duplication works as the
 * restore's ({@code _new_restore_update_entities}): per {@code (scope, type, source, source_id)}
 * bucket, by the type's key; each entity is kept as a 64-bit fingerprint ({@link SipHash}, keyed
 * per read, so an archive cannot aim collisions; accidental ones: about n²/2⁶⁵, 1·10⁻⁷ at two
 * million entities). Results do not depend on the order files are read in.
 */
final class PreviewReader {
  static final String METADATA = "metadata.json";
  static final int WORKERS = 2;
  private static final NamedThreads HELPERS = NamedThreads.daemon("archive-preview");

  private final Path path;
  private final ArchiveLimits limits;
  private final JsonFactory json;
  private final SecureRandom random = new SecureRandom();
  private final long k0 = random.nextLong();
  private final long k1 = random.nextLong();
  private final FingerprintSet seen = new FingerprintSet();
  private final Map<String, Scope> tenants = new TreeMap<>();
  private final Scope mgmt = new Scope("");
  private final Map<List<Object>, Long> findings = new HashMap<>();
  private InflateBudget budget;
  private long fileSize;
  private long items;
  private String executionId;
  private Instant createdAt;
  private long tenantsToCreate;

  /** Counts of one scope (a tenant, or the management scope); guarded by the reader's lock. */
  private final class Scope {
    final String name;
    final Map<EntityKind, Long> counts = new EnumMap<>(EntityKind.class);
    final TreeSet<String> blueprints = new TreeSet<>();
    final TreeSet<String> deployments = new TreeSet<>();
    long blueprintsNotListed;
    long deploymentsNotListed;
    final Map<Long, Schedule> schedules = new TreeMap<>();
    long schedulesNotListed;
    long usersToCreate;

    Scope(String name) {
      this.name = name;
    }

    TenantContents contents() {
      List<ScheduleInfo> s =
          schedules.values().stream()
              .sorted(Comparator.comparing(Schedule::file).thenComparing(Schedule::index))
              .map(Schedule::info)
              .toList();
      return new TenantContents(
          Names.display(name),
          counts,
          new ArrayList<>(blueprints),
          blueprintsNotListed,
          new ArrayList<>(deployments),
          deploymentsNotListed,
          s,
          schedulesNotListed);
    }
  }

  /** A schedule and where it was read (the restore keeps the last one in file-name order). */
  private record Schedule(ScheduleInfo info, String file, int index) {
    boolean before(String f, int i) {
      int c = file.compareTo(f);
      return c < 0 || (c == 0 && index < i);
    }
  }

  private record Job(ZipEntry entry, Scope scope) {}

  PreviewReader(Path path, ArchiveLimits limits) {
    this.path = path;
    this.limits = limits;
    // field names stay canonicalized (the byte-based parser needs it; its symbol table is reset
    // past 65,536 names, so it stays bounded) but are not interned into the JVM's string pool
    this.json =
        Json.streaming(
            StreamReadConstraints.builder()
                .maxStringLength(limits.maxStringChars())
                .maxNestingDepth(limits.maxJsonDepth())
                .maxNameLength(Math.min(limits.maxStringChars(), 64 * 1024))
                .build());
  }

  ArchivePreview read() throws IOException, ArchiveRefusedException {
    fileSize = Files.size(path);
    CentralDirectory.Extent extent = CentralDirectory.read(path);
    if (extent == null) {
      throw refused(
          ArchiveRefusedException.Reason.NOT_A_ZIP,
          "the file is not a zip archive (no end-of-central-directory record)");
    }
    if (extent.entries() > limits.maxEntries()) {
      throw refused(
          ArchiveRefusedException.Reason.TOO_MANY_ENTRIES,
          "the archive lists "
              + extent.entries()
              + " entries, more than the limit of "
              + limits.maxEntries());
    }
    if (extent.size() > limits.maxCentralDirectoryBytes()) {
      throw refused(
          ArchiveRefusedException.Reason.CENTRAL_DIRECTORY_TOO_LARGE,
          "the archive's"
              + " central directory is "
              + extent.size()
              + " bytes, more than the limit of "
              + limits.maxCentralDirectoryBytes());
    }
    budget = new InflateBudget(limits, fileSize);
    ZipFile zip;
    try {
      zip = new ZipFile(path.toFile());
    } catch (ZipException e) {
      throw refused(
          ArchiveRefusedException.Reason.NOT_A_ZIP, "the file is not a readable zip archive");
    }
    try (zip) {
      return read(zip);
    } catch (InflateBudget.LimitExceeded e) {
      throw refused(e.reason, e.getMessage());
    }
  }

  private ArchivePreview read(ZipFile zip) throws IOException, ArchiveRefusedException {
    SipHash sip = new SipHash(k0, k1);
    FingerprintSet tenantsWithFiles = new FingerprintSet();
    FingerprintSet names = new FingerprintSet();
    TreeSet<String> dirs = new TreeSet<>();
    long declared = 0;
    int entries = 0;
    for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
      ZipEntry e = all.nextElement();
      entries++;
      declared += Math.max(0, e.getCompressedSize());
      if (declared > fileSize) {
        throw refused(
            ArchiveRefusedException.Reason.ENTRIES_OVERLAP,
            "entries overlap: they declare "
                + declared
                + "+ compressed bytes in a "
                + fileSize
                + "-byte file (a zip bomb?)");
      }
      String name = e.getName();
      if (name.endsWith("/")) {
        String[] parts = strip(name).split("/", -1);
        if (parts.length == 2
            && parts[0].equals("tenants")
            && dirs.add(parts[1])
            && dirs.size() > limits.maxTenants()) {
          throw refused(
              ArchiveRefusedException.Reason.TOO_MANY_TENANTS,
              "the archive has more than " + limits.maxTenants() + " tenant directories");
        }
        continue;
      }
      if (name.endsWith("json") && !names.add(sip.reset().add('n').add(name).finish())) {
        finding(Finding.Kind.DUPLICATE_ENTRY_NAMES, null);
      }
      String[] parts = name.split("/", 3);
      if (parts.length == 3 && parts[0].equals("tenants")) {
        tenantsWithFiles.add(sip.reset().add('t').add(parts[1]).finish());
      }
    }
    ZipEntry metaEntry = zip.getEntry(METADATA);
    if (metaEntry == null || metaEntry.isDirectory()) {
      finding(Finding.Kind.NO_METADATA, null);
      return result(ArchiveFormat.UNKNOWN, null, entries);
    }
    Metadata meta = Metadata.read(json, budget, limits, zip, metaEntry);
    if (meta == null) {
      finding(Finding.Kind.METADATA_INVALID, null);
      return result(ArchiveFormat.UNKNOWN, null, entries);
    }
    executionId = meta.executionId();
    if (meta.version() == null || ManagerVersion.parse(meta.version()).isEmpty()) {
      finding(Finding.Kind.VERSION_INVALID, null);
    }
    if (meta.revisions() == 3) {
      finding(Finding.Kind.LEGACY_NOT_COUNTED, null);
      return result(ArchiveFormat.LEGACY, meta.version(), entries);
    }
    ArchiveFormat format =
        meta.revisions() > 0 ? ArchiveFormat.LEGACY_MISREAD_AS_7X : ArchiveFormat.SEVEN_X;
    if (format == ArchiveFormat.LEGACY_MISREAD_AS_7X) {
      finding(Finding.Kind.MISREAD_LEGACY, null);
    }
    for (String t : dirs) {
      tenants.put(t, new Scope(t));
      if (!tenantsWithFiles.contains(sip.reset().add('t').add(t).finish())) {
        finding(Finding.Kind.EMPTY_TENANT_DIRECTORY, Names.display(t));
      }
    }
    List<Job> jobs = new ArrayList<>();
    for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
      ZipEntry e = all.nextElement();
      String name = e.getName();
      if (name.endsWith("/")) {
        continue;
      }
      String[] parts = name.split("/", -1);
      if (parts.length == 2 && parts[0].equals("mgmt") && name.endsWith(".json")) {
        jobs.add(new Job(e, mgmt));
      } else if (parts.length >= 3 && parts[0].equals("tenants") && name.endsWith("json")) {
        Scope t = tenants.get(parts[1]);
        if (t == null) {
          finding(Finding.Kind.FILES_WITHOUT_TENANT_DIRECTORY, null);
        } else {
          jobs.add(new Job(e, t));
        }
      }
    }
    parseAll(zip, jobs);
    return result(format, meta.version(), entries);
  }

  /** Parses every job on up to {@value #WORKERS} threads; the first failure stops them all. */
  private void parseAll(ZipFile zip, List<Job> jobs) throws IOException, ArchiveRefusedException {
    AtomicInteger next = new AtomicInteger();
    Exception[] failure = new Exception[1];
    Runnable work =
        () -> {
          DumpFileParser parser =
              new DumpFileParser(
                  json, new SipHash(k0, k1), budget, limits, executionId, this::finding);
          try {
            for (int i; (i = next.getAndIncrement()) < jobs.size(); ) {
              Job job = jobs.get(i);
              DumpFileParser.Parsed parsed = parser.parse(zip, job.entry(), job.scope().name);
              if (parsed != null) {
                commit(job.scope(), parsed, parser);
              }
            }
          } catch (IOException | ArchiveRefusedException | RuntimeException e) {
            synchronized (failure) {
              if (failure[0] == null) {
                failure[0] = e;
              }
            }
            next.set(jobs.size());
          }
        };
    Thread helper = null;
    if (jobs.size() > 1) {
      helper = HELPERS.start(work);
    }
    work.run();
    if (helper != null) {
      try {
        helper.join();
      } catch (InterruptedException e) {
        next.set(jobs.size());
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading the archive", e);
      }
    }
    synchronized (failure) {
      if (failure[0] instanceof IOException e) {
        throw e;
      } else if (failure[0] instanceof ArchiveRefusedException e) {
        throw e;
      } else if (failure[0] instanceof RuntimeException e) {
        throw e;
      }
    }
  }

  // ---------------------------------------------------------------- counting

  /** Adds a parsed file's items under its header: counts, ids, schedules. */
  private synchronized void commit(Scope scope, DumpFileParser.Parsed f, DumpFileParser parser)
      throws ArchiveRefusedException {
    items += f.items().size();
    if (f.createdAt() != null) {
      createdAt = f.createdAt();
    }
    EntityKind kind = DumpFileParser.kindOf(f.type());
    String tenant = scope.name.isEmpty() ? null : Names.display(scope.name);
    if (kind == null) {
      finding(Finding.Kind.UNKNOWN_TYPE, tenant);
      return;
    }
    if ((f.source() != null && !f.source().hashable())
        || (f.sourceId() != null && !f.sourceId().hashable())) {
      finding(Finding.Kind.UNHASHABLE_KEY, tenant);
      return;
    }
    long bucket = parser.bucket(scope.name, kind, f.source(), f.sourceId());
    for (DumpFileParser.Item item : f.items()) {
      long fp = bucket ^ (item.keyHash() * 0x9E3779B97F4A7C15L);
      if (!seen.add(fp)) {
        Schedule s = item.schedule() == null ? null : scope.schedules.get(fp);
        if (s != null && s.before(f.file(), item.index())) {
          scope.schedules.put(fp, new Schedule(item.schedule(), f.file(), item.index()));
        }
        continue;
      }
      if (seen.size() > limits.maxEntities()) {
        throw refused(
            ArchiveRefusedException.Reason.TOO_MANY_ENTITIES,
            "the archive holds more than " + limits.maxEntities() + " entities");
      }
      scope.counts.merge(kind, 1L, Long::sum);
      switch (kind) {
        case BLUEPRINTS -> scope.blueprintsNotListed += list(scope.blueprints, item);
        case DEPLOYMENTS -> scope.deploymentsNotListed += list(scope.deployments, item);
        case USERS -> scope.usersToCreate += "admin".equals(item.key().string()) ? 0 : 1;
        case TENANTS -> tenantsToCreate += "default_tenant".equals(item.key().string()) ? 0 : 1;
        case EXECUTION_SCHEDULES -> {
          if (scope.schedules.size() < limits.maxSchedules()) {
            scope.schedules.put(fp, new Schedule(item.schedule(), f.file(), item.index()));
          } else {
            scope.schedulesNotListed++;
          }
        }
        default -> {}
      }
    }
  }

  /**
   * Lists the id, keeping the alphabetically first {@code maxListedIds} whatever the read order;
   * returns how many ids went unlisted (0 or 1).
   */
  private int list(TreeSet<String> ids, DumpFileParser.Item item) {
    if (item.listedId() == null) {
      finding(Finding.Kind.UNLISTED_IDS, null);
      return 1;
    }
    ids.add(item.listedId());
    if (ids.size() > limits.maxListedIds()) {
      ids.pollLast();
      finding(Finding.Kind.UNLISTED_IDS, null);
      return 1;
    }
    return 0;
  }

  private synchronized void finding(Finding.Kind kind, String tenant) {
    findings.merge(Arrays.asList(kind, tenant), 1L, Long::sum);
  }

  private synchronized ArchivePreview result(ArchiveFormat format, String version, int entries) {
    List<TenantContents> list = tenants.values().stream().map(Scope::contents).toList();
    List<Finding> out = new ArrayList<>();
    findings.forEach((k, n) -> out.add(new Finding((Finding.Kind) k.get(0), (String) k.get(1), n)));
    out.sort(
        Comparator.comparing(Finding::kind)
            .thenComparing(f -> f.tenant() == null ? "" : f.tenant()));
    return new ArchivePreview(
        format,
        version == null ? null : Names.safeVersion(version),
        executionId == null || !executionId.matches("[A-Za-z0-9-]{1,64}") ? null : executionId,
        createdAt,
        mgmt.counts,
        tenantsToCreate,
        mgmt.usersToCreate,
        list,
        out,
        new ArchivePreview.Stats(
            entries, fileSize, budget == null ? 0 : budget.inflated(), items, seen.size()));
  }

  // ---------------------------------------------------------------- helpers

  private static ArchiveRefusedException refused(ArchiveRefusedException.Reason r, String message) {
    return new ArchiveRefusedException(r, message);
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
