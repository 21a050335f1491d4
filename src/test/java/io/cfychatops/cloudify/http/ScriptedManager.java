package io.cfychatops.cloudify.http;

import io.cfychatops.cloudify.CloudifyClient;
import java.io.IOException;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base for client tests against a scripted manager: a MockWebServer and a client whose retries
 * record, not sleep.
 */
abstract class ScriptedManager {
  protected MockWebServer server;
  protected TestSupport.RecordingSleeper sleeper;
  protected CloudifyClient client;

  @BeforeEach
  void startManager() throws IOException {
    server = new MockWebServer();
    server.start();
    sleeper = new TestSupport.RecordingSleeper();
    client = TestSupport.client(server, sleeper);
  }

  @AfterEach
  void stopManager() throws IOException {
    client.close();
    server.shutdown();
  }
}
