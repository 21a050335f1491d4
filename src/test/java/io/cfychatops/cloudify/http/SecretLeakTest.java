package io.cfychatops.cloudify.http;

import static io.cfychatops.cloudify.http.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.CreateOptions;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.RestoreOptions;
import io.cfychatops.cloudify.ServerErrorException;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.cloudify.TransportException;
import io.cfychatops.cloudify.UnauthorizedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No credential ever appears in a log line, an exception message or a toString. */
class SecretLeakTest {

  private static final String BASIC_B64 =
      Base64.getEncoder()
          .encodeToString(("admin:" + TestSupport.PASSWORD).getBytes(StandardCharsets.UTF_8));

  private MockWebServer server;
  private ListAppender<ILoggingEvent> appender;
  private Logger root;
  private Level previousLevel;
  private final List<Throwable> thrown = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start();
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previousLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void tearDown() throws IOException {
    root.detachAppender(appender);
    root.setLevel(previousLevel);
    server.shutdown();
  }

  private void capture(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      thrown.add(e);
    }
  }

  private void exercise(CloudifyClient client) {
    server.enqueue(
        json(
            401,
            TestSupport.error(
                "unauthorized_error",
                "User unauthorized: Authentication failed for <User username=`admin`>")));
    // A misbehaving server echoing secrets back must not leak them either.
    server.enqueue(
        json(
            500,
            "{\"message\": \"boom password="
                + TestSupport.PASSWORD
                + " token: "
                + TestSupport.TOKEN
                + "\", \"error_code\": \"internal_server_error\"}"));
    server.enqueue(
        new MockResponse()
            .setResponseCode(502)
            .setBody(
                "<html>Authorization: Basic "
                    + BASIC_B64
                    + " Authentication-Token: "
                    + TestSupport.TOKEN
                    + "</html>"));
    server.enqueue(json(201, TestSupport.fixture("execution-create-201.json")));
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }

    capture(() -> client.version());
    capture(() -> client.getSnapshot(SnapshotId.of("n1")));
    capture(() -> client.createSnapshot(SnapshotId.of("n1"), CreateOptions.defaults()));
    capture(
        () ->
            thrown.add(
                new RuntimeException(
                    client
                        .createSnapshot(SnapshotId.of("n2"), CreateOptions.defaults())
                        .toString())));
    capture(() -> client.getMaintenance());
    capture(() -> thrown.add(new RuntimeException(client.toString() + client.connection())));
  }

  private void assertNoSecretAnywhere() {
    List<String> haystack = new ArrayList<>();
    for (ILoggingEvent e : appender.list) {
      haystack.add(e.getFormattedMessage());
      if (e.getThrowableProxy() != null) {
        haystack.add(e.getThrowableProxy().getMessage());
      }
    }
    for (Throwable t : thrown) {
      StringWriter sw = new StringWriter();
      t.printStackTrace(new PrintWriter(sw));
      haystack.add(sw.toString());
      haystack.add(t.toString());
    }
    assertThat(appender.list).as("DEBUG request lines were logged").isNotEmpty();
    assertThat(haystack)
        .allSatisfy(
            s ->
                assertThat(s)
                    .doesNotContain(TestSupport.PASSWORD)
                    .doesNotContain(BASIC_B64)
                    .doesNotContain("S3cretT0kenValue")
                    .doesNotContain("pg-Sup3rSecret-42"));
  }

  @Test
  void basicAuthSecretsNeverLeak() throws IOException {
    try (CloudifyClient client =
        TestSupport.client(server, TestSupport.BASIC, new TestSupport.RecordingSleeper())) {
      exercise(client);
    }
    assertThat(thrown).hasSize(6);
    assertThat(thrown).anySatisfy(t -> assertThat(t).isInstanceOf(UnauthorizedException.class));
    assertThat(thrown).anySatisfy(t -> assertThat(t).isInstanceOf(ServerErrorException.class));
    assertThat(thrown).anySatisfy(t -> assertThat(t).isInstanceOf(TransportException.class));
    assertNoSecretAnywhere();
  }

  @Test
  void tokenSecretsNeverLeak() throws Exception {
    try (CloudifyClient client =
        TestSupport.client(
            server, Credentials.token(TestSupport.TOKEN), new TestSupport.RecordingSleeper())) {
      exercise(client);
    }
    assertThat(server.takeRequest().getHeader("Authentication-Token")).isEqualTo(TestSupport.TOKEN);
    assertNoSecretAnywhere();
  }

  @Test
  void connectionRefusedDoesNotLeak() throws IOException {
    ManagerConnection conn = TestSupport.connection(server, TestSupport.BASIC);
    server.shutdown();
    try (CloudifyClient client =
        HttpCloudifyClient.builder(conn).sleeper(new TestSupport.RecordingSleeper()).build()) {
      capture(client::version);
      capture(() -> client.restoreSnapshot(SnapshotId.of("n1"), RestoreOptions.defaults()));
    }
    assertThat(thrown)
        .hasSize(2)
        .allSatisfy(t -> assertThat(t).isInstanceOf(TransportException.class));
    thrown.add(new RuntimeException(conn.toString()));
    assertThat(appender.list).isNotEmpty();
    assertNoSecretAnywhere();
  }

  @Test
  void credentialsToStringIsMasked() {
    assertThat(TestSupport.BASIC.toString()).doesNotContain(TestSupport.PASSWORD).contains("***");
    assertThat(Credentials.token(TestSupport.TOKEN).toString()).isEqualTo("Token[***]");
  }
}
