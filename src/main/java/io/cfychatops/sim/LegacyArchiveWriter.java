package io.cfychatops.sim;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the legacy (pre-7.0, {@code legacy: true}) snapshot format, as {@code
 * snapshot_create_legacy.py} lays it out (research notes A.2): {@code metadata.json} with the
 * schema revisions — the stage and composer ones only on a premium manager, which is exactly what
 * makes Cloudify misread a community manager's legacy archive as 7.x —, the database dump, {@code
 * admin_account.json}, {@code networks.json}, {@code agents.json}, credentials, certificates and
 * the file-server folders.
 *
 * <p>The real database dump is a PostgreSQL dump; the simulator writes a stand-in at the same path:
 * {@code pg_data} holds one JSON object per line ({@code {"tenant", "type", "source", "source_id",
 * "fields"}}), which only the simulator's own legacy restore reads.
 */
final class LegacyArchiveWriter {
  static final String SCHEMA_REVISION = "272e61bf5f4a";
  static final String STAGE_SCHEMA_REVISION = "20230203123712-7_0_0-remove-blueprint-widget.js";
  static final String COMPOSER_SCHEMA_REVISION = "20220510100000-6_4-add-blueprint-tag-index.js";
  static final String PG_DATA = "pg_data";

  private LegacyArchiveWriter() {}

  static void write(DumpSpec spec, ZipSink zip) throws IOException {
    Map<String, Object> metadata =
        Json.obj("snapshot_version", spec.snapshotVersion(), "schema_revision", SCHEMA_REVISION);
    if (spec.premium()) {
      metadata.put("stage_schema_revision", STAGE_SCHEMA_REVISION);
      metadata.put("composer_schema_revision", COMPOSER_SCHEMA_REVISION);
    }
    zip.json("metadata.json", metadata);
    StringBuilder pg = new StringBuilder();
    Content.Frozen content = spec.content();
    for (Map.Entry<String, Map<EntityType, List<Entity>>> scope : content.scopes().entrySet()) {
      for (List<Entity> entities : scope.getValue().values()) {
        entities.forEach(e -> pg.append(line(e)).append('\n'));
      }
    }
    spec.executions().forEach(e -> pg.append(line(e)).append('\n'));
    zip.text(PG_DATA, pg.toString());
    Entity admin = content.list(Content.MGMT, EntityType.USERS).stream().findFirst().orElse(null);
    zip.json(
        "admin_account.json",
        Json.obj(
            "username",
            admin == null ? null : admin.text("username"),
            "password",
            admin == null ? null : admin.text("password_hash")));
    zip.json("networks.json", Json.obj("active_networks", Json.obj("default", "10.0.0.11")));
    zip.json("agents.json", agents(content));
    if (spec.premium()) {
      zip.text("stage_data", "-- stage database dump\n");
      zip.text("composer_data", "-- composer database dump\n");
    }
    zip.dir("snapshot-credentials/");
    zip.dir("ssl/");
    zip.text(
        "ssl/cloudify_internal_ca_cert.pem",
        "-----BEGIN CERTIFICATE-----\nc2ltdWxhdGVkIGNh\n-----END CERTIFICATE-----\n");
    zip.json(
        "rest-security.conf",
        Json.obj(
            "secret_key",
            "sim-" + Long.toHexString(spec.seed()),
            "hash_salt",
            "salt-" + Long.toHexString(~spec.seed())));
    zip.dir("blueprints/");
    zip.dir("plugins/");
    for (String tenant : content.tenants()) {
      for (Entity bp : content.list(tenant, EntityType.BLUEPRINTS)) {
        zip.blob("blueprints/" + tenant + "/" + bp.text("id") + ".tar.gz");
      }
      for (Entity p : content.list(tenant, EntityType.PLUGINS)) {
        zip.blob("plugins/" + p.text("id") + ".zip");
      }
    }
    if (zip.blobCount() == 0) {
      zip.blob(SnapshotArchive.PADDING_ENTRY);
    }
    zip.finish();
  }

  private static String line(Entity e) {
    return new String(
        Json.bytes(
            Json.obj(
                "tenant",
                e.tenant(),
                "type",
                e.type().dumpName,
                "source",
                e.source(),
                "source_id",
                e.sourceId(),
                "fields",
                e.fields())),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /** {@code {tenant: {deployment: {node: {instance: {version, broker_config}}}}}}. */
  private static Map<String, Object> agents(Content.Frozen content) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String tenant : content.tenants()) {
      Map<String, Object> deps = new LinkedHashMap<>();
      for (Entity agent : content.list(tenant, EntityType.AGENTS)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> nodes =
            (Map<String, Object>)
                deps.computeIfAbsent(agent.sourceId(), d -> new LinkedHashMap<String, Object>());
        @SuppressWarnings("unchecked")
        Map<String, Object> instances =
            (Map<String, Object>)
                nodes.computeIfAbsent("vm", n -> new LinkedHashMap<String, Object>());
        instances.put(
            agent.text("id"),
            Json.obj(
                "version",
                agent.text("version"),
                "broker_config",
                Json.obj("broker_ip", "10.0.0.11", "broker_ssl_enabled", true)));
      }
      out.put(tenant, deps);
    }
    return out;
  }
}
