package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The content list endpoints count what the manager holds, per tenant and type, cheaply. */
class ContentApiTest extends SimTestSupport {

  @BeforeEach
  void setUp() {
    start(config().contentSize(ContentSize.SMALL));
  }

  private long total(SimClient c, String path) {
    JsonNode env = c.get(path).json();
    assertThat(env.get("items").size()).as(path + " with _size=0 has no items").isZero();
    return env.at("/metadata/pagination/total").asLong();
  }

  @Test
  void sizeZeroCountsPerTenantAndAllTenants() {
    Map<String, Map<String, Long>> counts = sim.contentCounts();
    assertThat(counts.keySet()).containsExactly("", "default_tenant", "ops");
    for (String type :
        new String[] {
          "blueprints",
          "deployments",
          "nodes",
          "node_instances",
          "agents",
          "secrets",
          "plugins",
          "sites",
          "execution_schedules",
          "events"
        }) {
      String path = EntityType.ofDumpName(type).orElseThrow().path + "?_size=0";
      long def = total(client, path);
      long ops = total(new SimClient(sim).header("Tenant", "ops"), path);
      assertThat(def).as(type).isEqualTo(counts.get("default_tenant").get(type)).isPositive();
      assertThat(ops).as(type).isEqualTo(counts.get("ops").get(type)).isPositive();
      if (!type.equals("events")) { // /events serves the request's tenant only, as the real one
        assertThat(total(client, path + "&_all_tenants=true")).as(type).isEqualTo(def + ops);
      }
    }
    assertThat(total(client, "tenants?_size=0")).isEqualTo(2);
    assertThat(total(client, "users?_size=0")).isEqualTo(counts.get("").get("users"));
    assertThat(total(client, "permissions?_size=0")).isEqualTo(ContentSeeder.PERMISSIONS.size());
    assertThat(total(client, "executions?_size=0&_include_system_workflows=true&_all_tenants=true"))
        .isEqualTo(
            counts.get("default_tenant").get("executions") + counts.get("ops").get("executions"));
  }

  @Test
  void paginationFiltersAndSamples() {
    JsonNode page = client.get("node-instances?deployment_id=dep-1&_size=2&_offset=1").json();
    assertThat(page.at("/metadata/pagination/total").asInt()).isEqualTo(4); // vm, app ×2, db
    assertThat(page.get("items").size()).isEqualTo(2);
    page.get("items").forEach(i -> assertThat(i.get("deployment_id").asText()).isEqualTo("dep-1"));

    JsonNode bp = client.get("blueprints/bp-1").json();
    assertThat(bp.get("id").asText()).isEqualTo("bp-1");
    assertThat(bp.get("tenant_name").asText()).isEqualTo("default_tenant");
    assertThat(bp.at("/plan/nodes/vm/name").asText()).isEqualTo("vm");
    assertThat(client.get("deployments/dep-2").json().get("blueprint_id").asText())
        .isEqualTo("bp-2");
    SimClient.Resp missing = client.get("blueprints/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("message").asText())
        .isEqualTo("Requested `Blueprint` with ID `nope` was not found");
    assertThat(client.get("blueprints?colour=red").status()).isEqualTo(400);
  }

  @Test
  void summaryCountsEveryTenantInOneCall() {
    JsonNode s =
        client.get("summary/deployments?_target_field=tenant_name&_all_tenants=true").json();
    Map<String, Long> byTenant = new HashMap<>();
    s.get("items")
        .forEach(i -> byTenant.put(i.get("tenant_name").asText(), i.get("deployments").asLong()));
    assertThat(byTenant)
        .containsEntry(
            "default_tenant", sim.contentCounts().get("default_tenant").get("deployments"))
        .containsEntry("ops", sim.contentCounts().get("ops").get("deployments"));
    assertThat(s.at("/metadata/pagination/total").asInt()).isEqualTo(2);
    assertThat(client.get("summary/deployments?_target_field=colour").status()).isEqualTo(400);
  }

  @Test
  void secretsAndHashesAreNeverServed() {
    String secrets = client.get("secrets?_all_tenants=true").body();
    String users = client.get("users").body();
    assertThat(secrets).contains("secret-1").doesNotContain("\"value\"").doesNotContain("sv-");
    assertThat(users).contains("\"username\":\"admin\"").doesNotContain("pbkdf2");
    assertThat(client.get("tenants").body()).doesNotContain("rmq-");
  }

  @Test
  void tenantsOfTheManagerAreAcceptedOthersAre403() {
    assertThat(client.header("Tenant", "ops").get("version").status()).isEqualTo(200);
    assertThat(client.header("Tenant", "other").get("blueprints").status()).isEqualTo(403);
  }
}
