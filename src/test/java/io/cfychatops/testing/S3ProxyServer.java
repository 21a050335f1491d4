package io.cfychatops.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server in this JVM: S3Proxy 2.6.0 (Jetty) on 127.0.0.1 and a free port, over a {@code
 * filesystem-nio2} blob store in a directory of the test's choosing (objects live on disk, not in
 * the test heap), SigV2/V4 authentication with {@link #ACCESS_KEY}/{@link #SECRET_KEY}. {@code
 * start()} returns once Jetty is listening (S3Proxy starts synchronously): no polling.
 *
 * <p>S3Proxy implements neither object lock nor versioning; tests of those use a fake bucket.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "AKIDTEST";
  public static final String SECRET_KEY = "secret-test";

  private final Path basedir;
  private final BlobStoreContext context;
  private final BlobStore blobStore;
  private final S3Proxy proxy;

  private S3ProxyServer(Path basedir, UnaryOperator<BlobStore> wrap) throws Exception {
    this.basedir = basedir;
    Properties p = new Properties();
    p.setProperty("jclouds.filesystem.basedir", basedir.toString());
    this.context =
        ContextBuilder.newBuilder("filesystem-nio2")
            .credentials("identity", "credential")
            .overrides(p)
            .build(BlobStoreContext.class);
    this.blobStore = context.getBlobStore();
    this.proxy =
        S3Proxy.builder()
            .blobStore(wrap.apply(blobStore))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      context.close();
      throw e;
    }
  }

  /** Starts a server storing objects under {@code basedir} (which must exist). */
  public static S3ProxyServer start(Path basedir) throws Exception {
    return new S3ProxyServer(basedir, UnaryOperator.identity());
  }

  /**
   * Like {@link #start(Path)}, serving the blob store as {@code wrap} returns it (for fault
   * injection).
   */
  public static S3ProxyServer start(Path basedir, UnaryOperator<BlobStore> wrap) throws Exception {
    return new S3ProxyServer(basedir, wrap);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** The blob store behind the server, to create buckets or look at objects directly. */
  public BlobStore blobStore() {
    return blobStore;
  }

  public void createBucket(String bucket) {
    blobStore.createContainerInLocation(null, bucket);
  }

  /** Where the filesystem store keeps {@code key} of {@code bucket} (to damage it on purpose). */
  public Path blobFile(String bucket, String key) {
    return basedir.resolve(bucket).resolve(key);
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      context.close();
    }
  }
}
