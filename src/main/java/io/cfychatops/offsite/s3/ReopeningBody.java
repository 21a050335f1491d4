package io.cfychatops.offsite.s3;

import io.cfychatops.offsite.Bucket.Body;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * A content provider that opens a fresh stream per attempt and closes the previous one (the SDK
 * asks again on a retry), and closes the last when the call is over.
 */
final class ReopeningBody implements ContentStreamProvider, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(S3Bucket.class);

  private final Body body;
  private InputStream current;

  ReopeningBody(Body body) {
    this.body = body;
  }

  @Override
  public synchronized InputStream newStream() {
    closeCurrent();
    try {
      current = body.open();
      return current;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        log.debug("closing an upload body failed: {}", e.getMessage());
      }
      current = null;
    }
  }

  @Override
  public synchronized void close() {
    closeCurrent();
  }
}
