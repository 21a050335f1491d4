package io.cfychatops.offsite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An input stream over {@code length} bytes of a file starting at {@code offset}; no buffering of
 * its own.
 */
final class FileRegion extends InputStream {
  private final FileChannel channel;
  private long position;
  private final long end;

  private FileRegion(FileChannel channel, long offset, long length) {
    this.channel = channel;
    this.position = offset;
    this.end = offset + length;
  }

  /**
   * A body for {@link Bucket}: every {@code open()} is a fresh channel (retries re-read the
   * region).
   */
  static Bucket.Body of(Path file, long offset, long length) {
    return () -> new FileRegion(FileChannel.open(file, StandardOpenOption.READ), offset, length);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    long left = end - position;
    if (left <= 0) {
      return -1;
    }
    int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), position);
    if (n < 0) {
      throw new IOException("file ended " + left + " bytes early (it shrank while being uploaded)");
    }
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long k = Math.max(0, Math.min(n, end - position));
    position += k;
    return k;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
