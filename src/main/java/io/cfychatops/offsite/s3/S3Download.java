package io.cfychatops.offsite.s3;

import io.cfychatops.offsite.Bucket;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The {@link Bucket.Download} of {@link S3Bucket#get}. */
final class S3Download implements Bucket.Download {
  private static final Logger log = LoggerFactory.getLogger(S3Bucket.class);

  private final String key;
  private final ResponseInputStream<GetObjectResponse> in;
  private final Bucket.Head head;

  S3Download(String key, ResponseInputStream<GetObjectResponse> in) {
    this.key = key;
    this.in = in;
    this.head = S3Conversions.head(key, in.response());
  }

  @Override
  public Bucket.Head head() {
    return head;
  }

  @Override
  public InputStream body() {
    return in;
  }

  @Override
  public void abort() {
    in.abort();
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      log.debug("closing the body of {} failed: {}", key, e.getMessage());
    }
  }
}
