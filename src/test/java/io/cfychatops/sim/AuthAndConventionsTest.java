package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthAndConventionsTest extends SimTestSupport {

  @BeforeEach
  void setUp() {
    start();
  }

  @Test
  void missingCredentialsGive401Json() {
    SimClient.Resp r = client.anonymous().get("snapshots");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.json().get("error_code").asText()).isEqualTo("unauthorized_error");
    assertThat(r.json().get("message").asText())
        .isEqualTo("User unauthorized: No authentication info provided");
    assertThat(r.json().has("server_traceback")).isTrue();
  }

  @Test
  void wrongPasswordGives401WithUserInMessage() {
    SimClient.Resp r = client.basic("admin", "nope").get("snapshots");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("message").asText())
        .isEqualTo(
            "User unauthorized: Authentication failed for <User username=`admin`>. Wrong credentials or locked account");
  }

  @Test
  void basicAuthSetsAuditHeaders() {
    SimClient.Resp r = client.get("version");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("X-Cloudify-Audit-Auth-Method")).isEqualTo("http_basic");
    assertThat(r.header("X-Cloudify-Audit-Username")).isEqualTo("admin");
    assertThat(r.header("X-Cloudify-Audit-Tenant")).isEqualTo("default_tenant");
    assertThat(r.json().get("version").asText()).isEqualTo("7.0.4");
    assertThat(r.json().get("edition").asText()).isEqualTo("premium");
  }

  @Test
  void unversionedApiVersionAndV3PrefixWork() {
    assertThat(client.get("/api/version").json().get("version").asText()).isEqualTo("7.0.4");
    assertThat(client.get("/api/v3/snapshots").status()).isEqualTo(200);
  }

  @Test
  void tokenCreateListAndAuthenticate() {
    SimClient.Resp created = client.postJson("tokens", "{\"description\": \"bot\"}");
    assertThat(created.status()).isEqualTo(200);
    String value = created.json().get("value").asText();
    assertThat(value).matches("ctok-[A-Za-z0-9]{10}-[A-Za-z0-9]{32}");

    JsonNode list = client.get("tokens").json();
    assertThat(list.at("/metadata/pagination/total").asInt()).isEqualTo(1);
    assertThat(list.at("/items/0/value").asText()).endsWith("-********");

    SimClient.Resp viaToken = client.token(value).get("snapshots");
    assertThat(viaToken.status()).isEqualTo(200);
    assertThat(viaToken.header("X-Cloudify-Audit-Auth-Method")).isEqualTo("token");
  }

  @Test
  void badTokensGive401() {
    assertThat(client.token("WyIwIiwi").get("snapshots").json().get("message").asText())
        .isEqualTo("User unauthorized: Invalid token structure");
    SimClient.Resp r = client.token("ctok-abcdefghij-wrongsecret").get("snapshots");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.errorCode()).isEqualTo("unauthorized_error");
  }

  @Test
  void expiredTokenGives401() {
    String value =
        client
            .postJson("tokens", "{\"expiration_date\": \"2024-08-12T03:00Z\"}")
            .json()
            .get("value")
            .asText();
    assertThat(client.token(value).get("snapshots").status()).isEqualTo(200);
    advanceSeconds(3600);
    SimClient.Resp r = client.token(value).get("snapshots");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("message").asText()).isEqualTo("User unauthorized: Token is expired");
  }

  @Test
  void unknownTenantGives403() {
    SimClient.Resp r = client.header("Tenant", "other").get("snapshots");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorCode()).isEqualTo("forbidden_error");
    assertThat(r.json().get("message").asText())
        .isEqualTo("Authorization failed: Tried to authenticate with invalid tenant name: other");
  }

  @Test
  void nonAdminUserCannotTouchSnapshots() {
    SimClient.Resp r = client.basic("viewer", "viewer-pw").get("snapshots");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("message").asText())
        .isEqualTo(
            "User `viewer` is not permitted to perform the action snapshot_list in the tenant `default_tenant`");
  }

  @Test
  void jsonEndpointsRequireJsonContentType() {
    SimClient.Resp r = client.send("PUT", "snapshots/s1", "{}".getBytes(), "text/plain");
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.errorCode()).isEqualTo("unsupported_content_type_error");
  }

  @Test
  void booleansAcceptStringsButNotNull() {
    assertThat(client.putJson("snapshots/s1", "{\"include_logs\": \"FALSE\"}").status())
        .isEqualTo(201);
    SimClient.Resp r = client.putJson("snapshots/s2", "{\"include_logs\": null}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("bad_parameters_error");
    assertThat(r.json().get("message").asText())
        .isEqualTo("include_logs must be <true/false>, got None");
  }

  @Test
  void unknownRouteIs404Json() {
    SimClient.Resp r = client.get("blueprints-nope");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("not_found_error");
  }

  @Test
  void okIsUnauthenticatedJsonString() {
    SimClient.Resp r = client.anonymous().get("ok");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("\"OK\"");
  }
}
