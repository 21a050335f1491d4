package io.cfychatops.cloudify.http;

import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.concurrent.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** Shared helpers for the MockWebServer tests of this package. */
final class TestSupport {

  static final String PASSWORD = "s3cr3t-P4ss";
  static final String TOKEN = "ctok-abc123-S3cretT0kenValue";
  static final Credentials BASIC = Credentials.basic("admin", PASSWORD);

  private TestSupport() {}

  /** Records requested delays instead of sleeping. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> delays = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
      delays.add(duration);
    }
  }

  static ManagerConnection connection(MockWebServer server, Credentials creds) {
    return ManagerConnection.of("test-mgr", server.url("/").uri(), "default_tenant", creds);
  }

  static CloudifyClient client(MockWebServer server, RecordingSleeper sleeper) {
    return client(server, BASIC, sleeper);
  }

  static CloudifyClient client(MockWebServer server, Credentials creds, RecordingSleeper sleeper) {
    return HttpCloudifyClient.builder(connection(server, creds)).sleeper(sleeper).build();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  static MockResponse html(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "text/html")
        .setBody(body);
  }

  static String error(String code, String message) {
    return "{\"message\": \""
        + message
        + "\", \"error_code\": \""
        + code
        + "\", \"server_traceback\": null}";
  }

  static String fixture(String name) {
    try (InputStream in = TestSupport.class.getResourceAsStream("/cloudify/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String page(int total, int offset, String... items) {
    return "{\"items\": ["
        + String.join(",", items)
        + "], \"metadata\": {\"pagination\": {\"total\": "
        + total
        + ", \"size\": 1000, \"offset\": "
        + offset
        + "}, \"filtered\": null}}";
  }

  static String snapshotJson(String id, String status) {
    return "{\"id\": \""
        + id
        + "\", \"created_at\": \"2024-08-12T02:00:01.512Z\", \"status\": \""
        + status
        + "\", \"error\": \"\", \"visibility\": \"private\", \"tenant_name\": \"default_tenant\","
        + " \"created_by\": \"admin\"}";
  }

  static String executionJson(String id, String status, String error) {
    return "{\"id\": \""
        + id
        + "\", \"workflow_id\": \"restore_snapshot\", \"status\": \""
        + status
        + "\", \"status_display\": \""
        + ("terminated".equals(status) ? "completed" : status)
        + "\", \"error\": "
        + (error == null ? "null" : "\"" + error + "\"")
        + ", \"is_system_workflow\": true, \"created_at\": \"2024-08-12T03:00:00.779Z\","
        + " \"started_at\": \"2024-08-12T03:00:01.000Z\", \"ended_at\": null}";
  }

  static RecordedRequest take(MockWebServer server) {
    try {
      RecordedRequest r = server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("expected a request");
      }
      return r;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
