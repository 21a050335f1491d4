package io.cfychatops.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.io.Payload;
import org.jclouds.io.Payloads;

/**
 * A blob store behind {@link S3ProxyServer} that counts multipart calls and, on request, damages
 * what it stores (one byte flipped after the S3 layer has accepted the request, like a store that
 * corrupts objects) or fails a chosen part.
 */
public final class FaultyBlobStore extends ForwardingBlobStore {
  public final AtomicInteger puts = new AtomicInteger();
  public final AtomicInteger multipartStarts = new AtomicInteger();
  public final AtomicInteger parts = new AtomicInteger();
  public final AtomicInteger completes = new AtomicInteger();
  public final AtomicInteger aborts = new AtomicInteger();

  /** Flip one byte of every stored object (single PUT) or of every part. */
  public volatile boolean corrupt;

  /** Fail every attempt to store this part number (0: none). */
  public volatile int failPart;

  public FaultyBlobStore(BlobStore delegate) {
    super(delegate);
  }

  @Override
  public String putBlob(String container, Blob blob) {
    return putBlob(container, blob, PutOptions.NONE);
  }

  @Override
  public String putBlob(String container, Blob blob, PutOptions options) {
    puts.incrementAndGet();
    if (corrupt) {
      blob.setPayload(damaged(blob.getPayload()));
    }
    return super.putBlob(container, blob, options);
  }

  @Override
  public MultipartUpload initiateMultipartUpload(
      String container, org.jclouds.blobstore.domain.BlobMetadata metadata, PutOptions options) {
    multipartStarts.incrementAndGet();
    return super.initiateMultipartUpload(container, metadata, options);
  }

  @Override
  public MultipartPart uploadMultipartPart(
      MultipartUpload upload, int partNumber, Payload payload) {
    parts.incrementAndGet();
    if (partNumber == failPart) {
      throw new IllegalStateException("injected failure storing part " + partNumber);
    }
    return super.uploadMultipartPart(upload, partNumber, corrupt ? damaged(payload) : payload);
  }

  @Override
  public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
    completes.incrementAndGet();
    return super.completeMultipartUpload(upload, parts);
  }

  @Override
  public void abortMultipartUpload(MultipartUpload upload) {
    aborts.incrementAndGet();
    super.abortMultipartUpload(upload);
  }

  private static Payload damaged(Payload original) {
    InputStream in;
    try {
      in = original.openStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Payload p =
        Payloads.newInputStreamPayload(
            new FilterInputStream(in) {
              private long position;

              @Override
              public int read() throws IOException {
                int b = super.read();
                if (b >= 0 && position++ == 100) {
                  return b ^ 0x01;
                }
                return b;
              }

              @Override
              public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0 && position <= 100 && position + n > 100) {
                  buf[off + (int) (100 - position)] ^= 0x01;
                }
                if (n > 0) {
                  position += n;
                }
                return n;
              }
            });
    p.setContentMetadata(original.getContentMetadata());
    return p;
  }
}
