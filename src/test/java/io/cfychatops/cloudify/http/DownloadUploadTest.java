package io.cfychatops.cloudify.http;

import static io.cfychatops.cloudify.http.TestSupport.json;
import static io.cfychatops.cloudify.http.TestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.DownloadResult;
import io.cfychatops.cloudify.ProxyErrorException;
import io.cfychatops.cloudify.Snapshot;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.cloudify.TransportException;
import io.cfychatops.cloudify.UploadResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadUploadTest {

  private static final int SIZE = 6 * 1024 * 1024 + 12345;

  private MockWebServer server;
  private CloudifyClient client;
  private byte[] archive;

  @TempDir Path dir;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start();
    client = TestSupport.client(server, new TestSupport.RecordingSleeper());
    archive = new byte[SIZE];
    new Random(42).nextBytes(archive);
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  private MockResponse archiveResponse() {
    return new MockResponse()
        .setHeader("Content-Type", "application/octet-stream")
        .setHeader("Content-Disposition", "attachment; filename=\"n1.zip\"")
        .setBody(new Buffer().write(archive));
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  /** Records the size of every write; keeps only a running hash, not the data. */
  private static final class ChunkRecorder extends OutputStream {
    final List<Integer> writes = new ArrayList<>();
    final MessageDigest sha;
    long total;

    ChunkRecorder() throws Exception {
      sha = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes.add(len);
      sha.update(b, off, len);
      total += len;
    }
  }

  @Test
  void downloadStreamsInChunksAndHashes() throws Exception {
    server.enqueue(archiveResponse());
    ChunkRecorder out = new ChunkRecorder();

    DownloadResult result = client.downloadSnapshot(SnapshotId.of("n1"), out);

    String expected = sha256(archive);
    assertThat(result.bytes()).isEqualTo(SIZE).isEqualTo(out.total);
    assertThat(result.sha256Hex())
        .isEqualTo(expected)
        .isEqualTo(HexFormat.of().formatHex(out.sha.digest()));
    assertThat(out.writes)
        .as("streamed, not one buffered write")
        .hasSizeGreaterThan(SIZE / (256 * 1024));
    assertThat(out.writes)
        .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(256 * 1024)); // the copy buffer
    RecordedRequest r = take(server);
    assertThat(r.getPath()).isEqualTo("/api/v3.1/snapshots/n1/archive");
  }

  @Test
  void downloadToPathIsAtomicAndLeavesNoTempFile() throws Exception {
    server.enqueue(archiveResponse());
    Path target = dir.resolve("backups/n1.zip");

    DownloadResult result = client.downloadSnapshot(SnapshotId.of("n1"), target);

    assertThat(Files.size(target)).isEqualTo(SIZE);
    assertThat(sha256(Files.readAllBytes(target))).isEqualTo(result.sha256Hex());
    try (var files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void brokenStreamLeavesExistingTargetUntouched() throws Exception {
    Path target = dir.resolve("n1.zip");
    Files.writeString(target, "previous good copy");
    server.enqueue(archiveResponse().setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    assertThatThrownBy(() -> client.downloadSnapshot(SnapshotId.of("n1"), target))
        .isInstanceOf(TransportException.class);

    assertThat(Files.readString(target)).isEqualTo("previous good copy");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
    assertThat(server.getRequestCount()).as("no retry once streaming began").isEqualTo(1);
  }

  @Test
  void uploadStreamsRawBytes() throws Exception {
    Path file = Files.write(dir.resolve("in.zip"), archive);
    server.enqueue(json(201, TestSupport.snapshotJson("up-1", "uploaded")));

    UploadResult result = client.uploadSnapshot(SnapshotId.of("up-1"), file);

    assertThat(result.createdSnapshot()).get().extracting(Snapshot::id).isEqualTo("up-1");
    RecordedRequest r = take(server);
    assertThat(r.getMethod()).isEqualTo("PUT");
    assertThat(r.getPath()).isEqualTo("/api/v3.1/snapshots/up-1/archive");
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(r.getBodySize()).isEqualTo(SIZE);
    assertThat(sha256(r.getBody().readByteArray())).isEqualTo(sha256(archive));
  }

  @Test
  void uploadFromUrl() {
    server.enqueue(json(201, TestSupport.snapshotJson("up-2", "uploaded")));
    client.uploadSnapshotFromUrl(SnapshotId.of("up-2"), URI.create("https://files.example/s.zip"));
    RecordedRequest r = take(server);
    assertThat(r.getRequestUrl().queryParameter("snapshot_archive_url"))
        .isEqualTo("https://files.example/s.zip");
    assertThat(r.getBodySize()).isZero();

    assertThatThrownBy(
            () ->
                client.uploadSnapshotFromUrl(
                    SnapshotId.of("up-2"), URI.create("file:///etc/passwd")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> client.uploadSnapshot(SnapshotId.of("up-2"), dir.resolve("missing.zip")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void uploadIsNeverRetried() throws Exception {
    Path file = Files.write(dir.resolve("in.zip"), new byte[] {1, 2});
    server.enqueue(TestSupport.html(502, TestSupport.fixture("nginx-502.html")));
    assertThatThrownBy(() -> client.uploadSnapshot(SnapshotId.of("up-3"), file))
        .isInstanceOf(ProxyErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
