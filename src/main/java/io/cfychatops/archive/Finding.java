package io.cfychatops.archive;

import java.util.Objects;

/**
 * Something the preview noticed that changes what a restore does. The text says what and is safe to
 * show: it names at most a tenant (as the per-tenant counts do) and counts.
 *
 * @param kind what
 * @param tenant the tenant it concerns, or {@code null}
 * @param count how many files, items or tenants it concerns
 */
public record Finding(Kind kind, String tenant, long count) {

  /** What a finding is about, and whether Cloudify's restore fails because of it. */
  public enum Kind {
    NO_METADATA(true, "no metadata.json: the restore fails at once"),
    METADATA_INVALID(true, "metadata.json is not a JSON object: the restore fails at once"),
    VERSION_INVALID(true, "metadata.json has no readable snapshot_version: the restore fails"),
    LEGACY_NOT_COUNTED(
        false, "legacy archive: its contents are a database dump and are not counted"),
    MISREAD_LEGACY(
        false,
        "legacy archive without the stage and composer schema revisions: Cloudify"
            + " reads it as 7.x and restores nothing it holds"),
    EMPTY_TENANT_DIRECTORY(true, "a tenant directory without files: the restore fails (TypeError)"),
    FILES_WITHOUT_TENANT_DIRECTORY(
        false,
        "files under tenants/ without a tenant directory entry:" + " the restore ignores them"),
    MALFORMED_DUMP_FILE(
        true, "a dump file is not a JSON object of type and items: the restore fails"),
    ITEM_WITHOUT_KEY(
        true,
        "an item lacks the field the restore de-duplicates by: the restore fails" + " (KeyError)"),
    SECRETS_PROVIDER_WITHOUT_ID(
        true, "secrets providers are dumped without an id: the restore" + " fails (KeyError)"),
    UNHASHABLE_KEY(true, "an item's key is an object or a list: the restore fails (TypeError)"),
    UNKNOWN_TYPE(false, "dump files of a type the restore does not know: ignored"),
    DUPLICATE_ENTRY_NAMES(false, "entry names occur twice: counts may differ from the restore's"),
    UNLISTED_IDS(
        false, "blueprint or deployment ids not shown (not plain ids, or over the list cap)");

    private final boolean failsRestore;
    private final String text;

    Kind(boolean failsRestore, String text) {
      this.failsRestore = failsRestore;
      this.text = text;
    }

    /** Whether Cloudify's restore of such an archive fails (the execution ends {@code failed}). */
    public boolean failsRestore() {
      return failsRestore;
    }

    public String text() {
      return text;
    }
  }

  public Finding {
    Objects.requireNonNull(kind, "kind");
  }

  /** One line: the text, the tenant and the count. */
  public String describe() {
    return kind.text()
        + (tenant == null ? "" : " (tenant " + tenant + ")")
        + (count > 1 ? " ×" + count : "");
  }
}
