package io.cfychatops.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy 2.6.0 as a separate process, for the acceptance suite and the benchmark: {@code java -cp
 * <this JVM's class path> org.gaul.s3proxy.Main --properties s3proxy.conf} with a {@code
 * filesystem-nio2} store under {@code dir/blobs}, SigV2/V4 auth with {@link
 * S3ProxyServer#ACCESS_KEY}/{@link S3ProxyServer#SECRET_KEY}, on 127.0.0.1 and a free port. The
 * test class path already holds S3Proxy and its dependencies ({@code org.gaul:s3proxy} is a test
 * dependency), so no extra jar is needed; the published {@code jar-with-dependencies} works the
 * same way with {@code java -jar}.
 *
 * <p>{@link #start} returns once the server answers HTTP (an unauthenticated {@code GET /} gets a
 * 403), waiting on that condition with a bound; buckets listed are created as directories first.
 * Output goes to {@code dir/s3proxy.log}. {@link #close} destroys the process and waits for it.
 *
 * <p>{@link Mode#HTTPS} serves https only, with a fresh self-signed certificate for 127.0.0.1 (made
 * with the JDK's {@code keytool}); {@link #caCert()} is its PEM, for {@code ca_cert} or {@code curl
 * --cacert}. {@link Mode#HTTP_NO_AUTH} accepts unsigned requests (benchmark diagnostics only).
 */
public final class S3ProxyProcess implements AutoCloseable {
  /** How the server listens and authenticates. */
  public enum Mode {
    HTTP,
    HTTPS,
    /** Plain http, {@code s3proxy.authorization=none}. */
    HTTP_NO_AUTH
  }

  private final Process process;
  private final int port;
  private final Path dir;
  private final boolean tls;

  private S3ProxyProcess(Process process, int port, Path dir, boolean tls) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.tls = tls;
  }

  /** Plain http. */
  public static S3ProxyProcess start(
      Path dir, List<String> buckets, List<String> jvmArgs, Duration startTimeout)
      throws IOException {
    return start(dir, buckets, jvmArgs, startTimeout, Mode.HTTP);
  }

  /**
   * Starts the server; {@code jvmArgs} such as {@code -Xmx512m} go before the main class.
   *
   * @throws IllegalStateException when it does not answer within {@code startTimeout} (log tail
   *     included)
   */
  public static S3ProxyProcess start(
      Path dir, List<String> buckets, List<String> jvmArgs, Duration startTimeout, Mode mode)
      throws IOException {
    boolean tls = mode == Mode.HTTPS;
    Path blobs = Files.createDirectories(dir.resolve("blobs"));
    for (String b : buckets) {
      Files.createDirectories(blobs.resolve(b));
    }
    int port = freePort();
    Properties p = new Properties();
    if (tls) {
      Path keystore = dir.resolve("keystore.jks");
      keytool(
          dir,
          "-genkeypair",
          "-alias",
          "s3proxy",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "2",
          "-dname",
          "CN=127.0.0.1",
          "-ext",
          "SAN=ip:127.0.0.1",
          "-storetype",
          "JKS",
          "-keystore",
          keystore.toString(),
          "-storepass",
          "password",
          "-keypass",
          "password");
      keytool(
          dir,
          "-exportcert",
          "-rfc",
          "-alias",
          "s3proxy",
          "-keystore",
          keystore.toString(),
          "-storepass",
          "password",
          "-file",
          dir.resolve("s3proxy.pem").toString());
      p.setProperty("s3proxy.secure-endpoint", "https://127.0.0.1:" + port);
      p.setProperty("s3proxy.keystore-path", keystore.toString());
      p.setProperty("s3proxy.keystore-password", "password");
    } else {
      p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
    }
    p.setProperty("s3proxy.authorization", mode == Mode.HTTP_NO_AUTH ? "none" : "aws-v2-or-v4");
    p.setProperty("s3proxy.identity", S3ProxyServer.ACCESS_KEY);
    p.setProperty("s3proxy.credential", S3ProxyServer.SECRET_KEY);
    p.setProperty("jclouds.provider", "filesystem-nio2");
    p.setProperty("jclouds.filesystem.basedir", blobs.toString());
    // required by Main even for the filesystem provider
    p.setProperty("jclouds.identity", "local-identity");
    p.setProperty("jclouds.credential", "local-credential");
    Path conf = dir.resolve("s3proxy.conf");
    try (OutputStream out = Files.newOutputStream(conf)) {
      p.store(out, "cfy-chatops test S3Proxy");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "org.gaul.s3proxy.Main",
            "--properties",
            conf.toString()));
    Path log = dir.resolve("s3proxy.log");
    Process proc =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    S3ProxyProcess s = new S3ProxyProcess(proc, port, dir, tls);
    boolean up = Await.until(startTimeout, () -> !proc.isAlive() || s.answers());
    if (!up || !proc.isAlive()) {
      s.close();
      throw new IllegalStateException(
          "S3Proxy did not start within "
              + startTimeout
              + (proc.isAlive() ? "" : " (exited " + proc.exitValue() + ")")
              + "; log tail:\n"
              + tail(log));
    }
    return s;
  }

  public URI endpoint() {
    return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port);
  }

  /** The PEM of the server's self-signed certificate (TLS only). */
  public Path caCert() {
    if (!tls) {
      throw new IllegalStateException("plain http: no certificate");
    }
    return dir.resolve("s3proxy.pem");
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Where the filesystem store keeps {@code key} of {@code bucket}. */
  public Path blobFile(String bucket, String key) {
    return dir.resolve("blobs").resolve(bucket).resolve(key);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  private boolean answers() {
    if (tls) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return true; // Jetty accepts only once started; the handshake is the client's business
      } catch (IOException e) {
        return false;
      }
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(2000);
      s.getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] head = s.getInputStream().readNBytes(12);
      return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 ");
    } catch (IOException e) {
      return false;
    }
  }

  private static void keytool(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    try {
      Process k =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("keytool.log").toFile())
              .start();
      if (!k.waitFor(60, TimeUnit.SECONDS) || k.exitValue() != 0) {
        k.destroyForcibly();
        throw new IOException(
            "keytool " + args[0] + " failed: " + Files.readString(dir.resolve("keytool.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
