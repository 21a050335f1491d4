package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.app.CloudifyManagerPort;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command's flags reach the manager's request bodies through the ops port. */
class ManagerApiFlagsTest {
  private final MockWebServer server = new MockWebServer();
  private CloudifyClient client;
  private CloudifyManagerPort api;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client =
        HttpCloudifyClient.create(
            ManagerConnection.of(
                "m",
                URI.create(server.url("/").toString()),
                "default_tenant",
                Credentials.basic("admin", "admin")));
    api = new CloudifyManagerPort(name -> client);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.shutdown();
  }

  @Test
  void createFlagsAreSentAsBodyBooleans() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(201)
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"id\":\"e1\",\"workflow_id\":\"create_snapshot\",\"status\":\"pending\",\"is_system_workflow\":true}"));
    api.createSnapshot("m", "s1", new ManagerPort.CreateFlags(false, true, false, true));
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    String body = r.getBody().readUtf8();
    assertThat(body)
        .contains(
            "\"include_credentials\":false",
            "\"include_logs\":true",
            "\"include_events\":false",
            "\"queue\":true");
  }

  @Test
  void restoreFlagsAreSentInThePortableBody() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", "application/json")
            .setBody("{\"id\":\"e2\",\"status\":\"pending\",\"error\":null}"));
    api.restoreSnapshot("m", "s1", new ManagerPort.RestoreFlags(true, true, true));
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    String body = r.getBody().readUtf8();
    assertThat(body)
        .contains(
            "\"force\":true",
            "\"restore_certificates\":true",
            "\"no_reboot\":true",
            "\"recreate_deployments_envs\":true");
    assertThat(r.getHeader("Tenant")).isNull();
  }
}
