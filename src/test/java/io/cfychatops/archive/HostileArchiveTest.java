package io.cfychatops.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives written by hand: the restore's edge cases are counted as the restore would, hostile
 * archives are refused with a reason, and what makes Cloudify's restore fail is found.
 */
class HostileArchiveTest {
  static final String META = "{\"snapshot_version\": \"7.0.4\", \"execution_id\": \"e-1\"}";

  @TempDir Path tmp;

  /** Writes a zip: a name ending in {@code /} is a directory entry, else (name, text) pairs. */
  private Path zip(String... nameThenText) throws IOException {
    Path file = Files.createTempFile(tmp, "a-", ".zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < nameThenText.length; i++) {
        String name = nameThenText[i];
        z.putNextEntry(new ZipEntry(name));
        if (!name.endsWith("/")) {
          z.write(nameThenText[++i].getBytes(StandardCharsets.UTF_8));
        }
        z.closeEntry();
      }
    }
    return file;
  }

  private static ArchivePreview read(Path file) throws Exception {
    return ArchivePreview.read(file, ArchiveLimits.DEFAULT);
  }

  @Test
  void dedupeIsPerBucketWithTheRestoresKeysAndLastScheduleWins() throws Exception {
    Path file =
        zip(
            "metadata.json",
            META,
            "mgmt/",
            "tenants/",
            "tenants/t/",
            "mgmt/00000001.json",
            "{\"type\": \"users\", \"items\": [{\"username\": \"admin\"},"
                + " {\"username\": \"bob\"}, {\"username\": \"bob\", \"role\": \"x\"}]}",
            "mgmt/00000002.json",
            "{\"type\": \"permissions\", \"items\": [{\"role\": \"a\", \"permission\": \"b\"},"
                + " {\"role\": \"a\", \"permission\": \"c\"}, {\"permission\": \"b\", \"role\": \"a\"}]}",
            // node ids repeat across deployments: one bucket per source_id
            "tenants/t/00000001.json",
            "{\"type\": \"nodes\", \"source_id\": \"d1\", \"items\": [{\"id\": \"vm\"}]}",
            "tenants/t/00000002.json",
            "{\"type\": \"nodes\", \"source_id\": \"d2\", \"items\": [{\"id\": \"vm\"}]}",
            "tenants/t/00000003.json",
            "{\"items\": [{\"id\": \"vm\"}], \"type\": \"nodes\", \"source_id\": \"d1\"}",
            // events: timestamp + message; the same text at another time is another event
            "tenants/t/00000004.json",
            "{\"type\": \"events\", \"source\": \"executions\", \"source_id\": \"x\","
                + " \"items\": [{\"timestamp\": \"t1\", \"message\": \"m\"}, {\"timestamp\": \"t1\", \"message\": \"m\"},"
                + " {\"timestamp\": \"t2\", \"message\": \"m\"}]}",
            // id 5 and "5" are different keys to Python
            "tenants/t/00000005.json",
            "{\"type\": \"sites\", \"items\": [{\"name\": 5}, {\"name\": \"5\"}]}",
            "tenants/t/00000006.json",
            "{\"type\": \"execution_schedules\", \"items\": [{\"id\": \"n\","
                + " \"deployment_id\": \"d1\", \"since\": \"2024-01-01T00:00:00.000Z\", \"rule\": {\"rrule\":"
                + " \"RRULE:FREQ=DAILY\"}}]}",
            "tenants/t/00000007.json",
            "{\"type\": \"execution_schedules\", \"items\": [{\"id\": \"n\","
                + " \"deployment_id\": \"d2\", \"since\": \"2024-01-01T00:00:00.000Z\", \"rule\": {\"rrule\":"
                + " \"RRULE:FREQ=HOURLY\"}}]}",
            "tenants/t/00000008.json",
            "{\"type\": \"secrets\", \"items\": [{\"key\": \"k\", \"value\": \"TOPSECRET\"}]}");
    ArchivePreview p = read(file);
    assertThat(p.findings()).isEmpty();
    assertThat(p.management())
        .containsEntry(EntityKind.USERS, 2L)
        .containsEntry(EntityKind.PERMISSIONS, 2L);
    assertThat(p.usersToCreate()).isEqualTo(1);
    TenantContents t = p.tenant("t").orElseThrow();
    assertThat(t.count(EntityKind.NODES)).isEqualTo(2);
    assertThat(t.count(EntityKind.EVENTS)).isEqualTo(2);
    assertThat(t.count(EntityKind.SITES)).isEqualTo(2);
    assertThat(t.count(EntityKind.SECRETS)).isEqualTo(1);
    assertThat(t.schedules())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.deploymentId())
                  .isEqualTo("d2"); // the later file wins, as in the restore
              assertThat(s.rrule()).isEqualTo("RRULE:FREQ=HOURLY");
            });
    assertThat(p.stats().duplicates()).isEqualTo(5); // bob, a:b, vm@d1, t1:m, schedule n
    assertThat(p.toString()).doesNotContain("TOPSECRET");
  }

  @Test
  void whatMakesTheRestoreFailOrSkipIsFound() throws Exception {
    Path file =
        zip(
            "metadata.json",
            META,
            "tenants/",
            "tenants/empty/",
            "tenants/t/",
            "tenants/t/00000001.json",
            "{\"type\": \"secrets_providers\", \"items\": [{\"name\": \"vault\","
                + " \"type\": \"vault\"}]}",
            "tenants/t/00000002.json",
            "{\"type\": \"blueprints\", \"items\": [{\"id\": {\"a\": 1}}]}",
            "tenants/t/00000003.json",
            "{\"type\": \"widgets\", \"items\": [{\"id\": \"w\"}]}",
            "tenants/t/00000004.json",
            "{\"type\": \"blueprints\", \"items\": [{\"id\": \"bp\"}]} trailing",
            "tenants/ghost/00000001.json",
            "{\"type\": \"blueprints\", \"items\": [{\"id\": \"bp\"}]}",
            "tenants/t/00000005.json",
            "{\"type\": \"deployments\", \"items\": [{\"id\": \"<!channel>\"},"
                + " {\"id\": \"dep-1\"}]}");
    ArchivePreview p = read(file);
    assertThat(p.findings())
        .extracting(Finding::kind)
        .containsExactlyInAnyOrder(
            Finding.Kind.EMPTY_TENANT_DIRECTORY,
            Finding.Kind.SECRETS_PROVIDER_WITHOUT_ID,
            Finding.Kind.UNHASHABLE_KEY,
            Finding.Kind.UNKNOWN_TYPE,
            Finding.Kind.MALFORMED_DUMP_FILE,
            Finding.Kind.FILES_WITHOUT_TENANT_DIRECTORY,
            Finding.Kind.UNLISTED_IDS);
    assertThat(p.failsRestore()).isTrue();
    assertThat(p.tenants()).extracting(TenantContents::name).containsExactly("empty", "t");
    TenantContents t = p.tenant("t").orElseThrow();
    assertThat(t.deploymentIds()).containsExactly("dep-1");
    assertThat(t.deploymentIdsNotListed()).isEqualTo(1);
    assertThat(t.count(EntityKind.DEPLOYMENTS)).isEqualTo(2);
    assertThat(p.toString()).doesNotContain("<!channel>");
  }

  @Test
  void metadataProblemsAndFormats() throws Exception {
    assertThat(read(zip("mgmt/", "x.txt", "x")).format()).isEqualTo(ArchiveFormat.UNKNOWN);
    assertThat(read(zip("mgmt/", "x.txt", "x")).findings())
        .extracting(Finding::kind)
        .containsExactly(Finding.Kind.NO_METADATA);
    assertThat(read(zip("metadata.json", "[1, 2]")).findings())
        .extracting(Finding::kind)
        .containsExactly(Finding.Kind.METADATA_INVALID);
    assertThat(read(zip("metadata.json", "{\"execution_id\": \"e\"}")).findings())
        .extracting(Finding::kind)
        .containsExactly(Finding.Kind.VERSION_INVALID);
    ArchivePreview legacy =
        read(
            zip(
                "metadata.json",
                "{\"snapshot_version\": \"6.4.2\","
                    + " \"schema_revision\": \"r\", \"stage_schema_revision\": \"s\", \"composer_schema_revision\": \"c\"}"));
    assertThat(legacy.format()).isEqualTo(ArchiveFormat.LEGACY);
    ArchivePreview misread =
        read(
            zip(
                "metadata.json",
                "{\"snapshot_version\": \"6.4.2\"," + " \"schema_revision\": \"r\"}",
                "pg_data",
                "--"));
    assertThat(misread.format()).isEqualTo(ArchiveFormat.LEGACY_MISREAD_AS_7X);
    assertThat(misread.version()).contains(new ManagerVersion(6, 4, 2));
  }

  @Test
  void aZipBombIsRefusedBeforeItInflates() throws Exception {
    Path file = tmp.resolve("bomb.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
      z.putNextEntry(new ZipEntry("metadata.json"));
      z.write(META.getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("tenants/"));
      z.putNextEntry(new ZipEntry("tenants/t/"));
      z.putNextEntry(new ZipEntry("tenants/t/00000001.json"));
      z.write("{\"type\": \"sites\", \"items\": [".getBytes(StandardCharsets.UTF_8));
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 64; i++) { // 64 MiB of whitespace: deflates about 1000:1
        z.write(spaces);
      }
      z.write("]}".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    assertThat(Files.size(file)).isLessThan(1L << 20);
    assertThatThrownBy(() -> read(file))
        .isInstanceOfSatisfying(
            ArchiveRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ArchiveRefusedException.Reason.ENTRY_RATIO_EXCEEDED);
              assertThat(e.getMessage()).contains("tenants/t/00000001.json").contains("200×");
            });
  }

  @Test
  void everyLimitRefusesWithItsReason() throws Exception {
    String big =
        "{\"type\": \"events\", \"source\": \"executions\", \"source_id\": \"x\", \"items\":"
            + " [{\"timestamp\": \"t\", \"message\": \""
            + "x".repeat(5_000)
            + "\"}]}";
    Path file =
        zip(
            "metadata.json",
            META,
            "tenants/",
            "tenants/t/",
            "tenants/t/00000001.json",
            big,
            "tenants/t/00000002.json",
            "{\"type\": \"sites\", \"items\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}");
    assertThat(read(file).stats().entities()).isEqualTo(3);
    expect(
        file,
        ArchiveLimits.DEFAULT.withMaxJsonEntryBytes(1_000),
        ArchiveRefusedException.Reason.JSON_ENTRY_TOO_LARGE,
        "inflates to more than 1000 bytes");
    expect(
        file,
        ArchiveLimits.DEFAULT.withMaxStringChars(1_000),
        ArchiveRefusedException.Reason.JSON_LIMIT_EXCEEDED,
        "strings of 1000 chars");
    expect(
        file,
        ArchiveLimits.DEFAULT.withMaxEntries(3),
        ArchiveRefusedException.Reason.TOO_MANY_ENTRIES,
        "5 entries, more than the limit of 3");
    expect(
        file,
        ArchiveLimits.DEFAULT.withMaxEntities(2),
        ArchiveRefusedException.Reason.TOO_MANY_ENTITIES,
        "more than 2 entities");
    expect(
        file,
        ArchiveLimits.DEFAULT.withMaxInflatedBytes(2_000),
        ArchiveRefusedException.Reason.INFLATED_TOTAL_EXCEEDED,
        "more than 2000 bytes");
    Path notZip = tmp.resolve("not.zip");
    Files.writeString(notZip, "PK but not really");
    expect(notZip, ArchiveLimits.DEFAULT, ArchiveRefusedException.Reason.NOT_A_ZIP, "not a zip");
    String deep =
        "{\"type\": \"sites\", \"items\": [{\"name\": \"a\", \"x\": "
            + "[".repeat(500)
            + "]".repeat(500)
            + "}]}";
    expect(
        zip("metadata.json", META, "tenants/", "tenants/t/", "tenants/t/00000001.json", deep),
        ArchiveLimits.DEFAULT,
        ArchiveRefusedException.Reason.JSON_LIMIT_EXCEEDED,
        "nesting depth 200");
  }

  @Test
  void entriesThatOverlapAreRefused() throws Exception {
    Path file =
        zip(
            "metadata.json",
            META,
            "tenants/",
            "tenants/t/",
            "tenants/t/00000001.json",
            "{\"type\": \"sites\", \"items\": [{\"name\": \"a\"}]}");
    byte[] bytes = Files.readAllBytes(file);
    // inflate the declared compressed size of the last central-directory entry: it now overlaps
    int cen = lastCentralHeader(bytes);
    int declared = (bytes[cen + 20] & 0xFF) | (bytes[cen + 21] & 0xFF) << 8;
    int forged = declared + bytes.length;
    bytes[cen + 20] = (byte) forged;
    bytes[cen + 21] = (byte) (forged >> 8);
    bytes[cen + 22] = (byte) (forged >> 16);
    Path forgedFile = tmp.resolve("overlap.zip");
    Files.write(forgedFile, bytes);
    expect(
        forgedFile,
        ArchiveLimits.DEFAULT,
        ArchiveRefusedException.Reason.ENTRIES_OVERLAP,
        "overlap");
  }

  private static int lastCentralHeader(byte[] b) {
    for (int i = b.length - 4; i >= 0; i--) {
      if (b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 0x01 && b[i + 3] == 0x02) {
        return i;
      }
    }
    throw new AssertionError("no central directory header");
  }

  private static void expect(
      Path file, ArchiveLimits limits, ArchiveRefusedException.Reason reason, String text) {
    assertThatThrownBy(() -> ArchivePreview.read(file, limits))
        .isInstanceOfSatisfying(
            ArchiveRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).contains(text);
            });
  }
}
