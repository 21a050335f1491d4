package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ArchiveTest extends SimTestSupport {

  private static Map<String, byte[]> unzip(InputStream in) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    ZipInputStream zip = new ZipInputStream(in); // not closed: callers drain the rest of `in`
    {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        boolean blob = e.getMethod() == ZipEntry.STORED && !e.isDirectory();
        entries.put(e.getName(), blob ? new byte[0] : zip.readAllBytes());
        if (blob) {
          zip.transferTo(java.io.OutputStream.nullOutputStream()); // verifies the CRC
        }
      }
    }
    return entries;
  }

  private String createAndFinish(String id) {
    String exec = client.putJson("snapshots/" + id, "{}").json().get("id").asText();
    advanceSeconds(5);
    return exec;
  }

  @Test
  void downloadIsAValidZipOfTheConfiguredSize() throws IOException {
    start(config().archiveSize(100_000));
    String exec = createAndFinish("nightly-1");
    SimClient.Resp r = client.get("snapshots/nightly-1/archive");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"nightly-1.zip\"");
    assertThat(r.header("Content-Length")).isEqualTo("100000");
    assertThat(r.raw()).hasSize(100_000);
    Map<String, byte[]> entries = unzip(new ByteArrayInputStream(r.raw()));
    JsonNode meta = SimClient.MAPPER.readTree(entries.get("metadata.json"));
    assertThat(meta.get("snapshot_version").asText()).isEqualTo("7.0.4");
    assertThat(meta.get("execution_id").asText()).isEqualTo(exec);
    assertThat(entries)
        .containsKeys(
            "mgmt/",
            "mgmt/00000001.json",
            "tenants/",
            "tenants/default_tenant/",
            "tenants/default_tenant/00000001.json");
    // deterministic: the same archive twice
    assertThat(client.get("snapshots/nightly-1/archive").raw()).isEqualTo(r.raw());
  }

  @Test
  void tinyTargetSizeYieldsTheMinimalZip() throws IOException {
    start(config().archiveSize(0));
    createAndFinish("small");
    SimClient.Resp r = client.get("snapshots/small/archive");
    assertThat(Long.parseLong(r.header("Content-Length"))).isEqualTo(r.raw().length);
    assertThat(unzip(new ByteArrayInputStream(r.raw()))).containsKey("metadata.json");
  }

  @Test
  void largeArchiveIsStreamedWithExactLength() throws Exception {
    long size = 48L * 1024 * 1024;
    start(config().archiveSize(size));
    createAndFinish("big");
    HttpRequest req = client.request("snapshots/big/archive").GET().build();
    HttpResponse<InputStream> r =
        client.http().send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(size);
    CountingInput counting = new CountingInput(r.body());
    Map<String, byte[]> entries = unzip(counting);
    counting.transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(counting.count).isEqualTo(size);
    assertThat(entries).containsKey("metadata.json");
  }

  @Test
  void oneGibArchiveLengthIsExactWithoutGeneratingIt() {
    long gib = 1024L * 1024 * 1024;
    Content content = new Content();
    content.resetToFresh(ContentSeeder.baseline("admin", Instant.parse("2024-08-12T00:00:00Z")));
    SnapshotArchive a =
        new SnapshotArchive(
            new DumpSpec(
                "x",
                "e",
                "7.0.4",
                Instant.parse("2024-08-12T00:00:00Z"),
                content.freeze(),
                java.util.List.of(),
                java.util.Set.of(),
                true,
                true,
                false,
                true,
                0,
                1,
                gib));
    assertThat(a.length()).isEqualTo(gib);
  }

  @Test
  void creatingSnapshotHasNoArchiveYet() {
    start();
    client.putJson("snapshots/inflight", "{}");
    SimClient.Resp r = client.get("snapshots/inflight/archive");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).isEqualTo("text/html");
  }

  @Test
  void uploadRawBytesThenDownloadSameBytes() throws IOException {
    start();
    byte[] zip = smallZip("hello");
    SimClient.Resp up = client.send("PUT", "snapshots/imported/archive", zip, "application/json");
    assertThat(up.status()).isEqualTo(201);
    assertThat(up.json().get("status").asText()).isEqualTo("uploaded");
    assertThat(up.json().get("id").asText()).isEqualTo("imported");
    assertThat(client.get("snapshots/imported/archive").raw()).isEqualTo(zip);
  }

  @Test
  void uploadChunkedAndOverExistingIdGives201AllNull() throws Exception {
    start();
    createAndFinish("existing");
    byte[] zip = smallZip("replacement");
    HttpRequest req =
        client
            .request("snapshots/existing/archive")
            .PUT(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(zip))) // chunked
            .build();
    HttpResponse<String> r = client.http().send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode body = SimClient.MAPPER.readTree(r.body());
    assertThat(body.size()).isEqualTo(Snapshot.FIELDS.size());
    body.fields().forEachRemaining(f -> assertThat(f.getValue().isNull()).as(f.getKey()).isTrue());
    assertThat(client.get("snapshots/existing").json().get("status").asText()).isEqualTo("created");
    assertThat(client.get("snapshots/existing/archive").raw()).isEqualTo(zip);
  }

  @Test
  void uploadFromUrl() throws IOException {
    start();
    byte[] zip = smallZip("remote");
    try (MockWebServer remote = new MockWebServer()) {
      remote.enqueue(new MockResponse().setBody(new Buffer().write(zip)));
      remote.start();
      String url = remote.url("/snap.zip").toString();
      SimClient.Resp r =
          client.send(
              "PUT",
              "snapshots/fromurl/archive?snapshot_archive_url="
                  + java.net.URLEncoder.encode(url, StandardCharsets.UTF_8),
              null,
              null);
      assertThat(r.status()).isEqualTo(201);
      assertThat(client.get("snapshots/fromurl/archive").raw()).isEqualTo(zip);
    }
    SimClient.Resp bad =
        client.send(
            "PUT", "snapshots/x/archive?snapshot_archive_url=file:///etc/passwd", null, null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("message").asText()).startsWith("Cannot fetch file:///etc/passwd");
    SimClient.Resp both =
        client.send(
            "PUT",
            "snapshots/x/archive?snapshot_archive_url=http://h/a.zip",
            zip,
            "application/octet-stream");
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.json().get("message").asText()).startsWith("Can pass snapshot as only one of");
  }

  private static byte[] smallZip(String marker) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry("metadata.json"));
      z.write(
          ("{\"snapshot_version\": \"7.0.4\", \"execution_id\": \"" + marker + "\"}")
              .getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static final class CountingInput extends java.io.FilterInputStream {
    long count;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
