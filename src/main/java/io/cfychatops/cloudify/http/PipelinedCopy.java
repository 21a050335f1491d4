package io.cfychatops.cloudify.http;

import io.cfychatops.concurrent.NamedThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Copies a stream into an output while hashing it, with reading on the caller's thread and hashing
 * + writing on a second thread, so the network read overlaps SHA-256 and the disk write. Memory is
 * constant: {@value #BUFFERS} buffers of {@code bufferSize} bytes, whatever the length.
 */
final class PipelinedCopy {
  static final int BUFFERS = 4;

  /** A read failure, with how many bytes had arrived. */
  static final class ReadFailure extends Exception {
    final long bytesSoFar;

    ReadFailure(long bytesSoFar, IOException cause) {
      super(cause);
      this.bytesSoFar = bytesSoFar;
    }

    IOException io() {
      return (IOException) getCause();
    }
  }

  private record Chunk(byte[] buf, int len) {}

  private static final Chunk END = new Chunk(new byte[0], -1);
  private static final NamedThreads WRITERS = NamedThreads.daemon("cfy-archive-writer");

  private PipelinedCopy() {}

  /**
   * Returns the byte count. Read failures are {@link ReadFailure}; write failures {@link
   * UncheckedIOException}.
   */
  static long copy(InputStream in, OutputStream out, MessageDigest sha, int bufferSize)
      throws ReadFailure {
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[bufferSize]);
    }
    Throwable[] writeError = new Throwable[1];
    long[] written = new long[1];
    Thread writer =
        WRITERS.newThread(
            () -> {
              try {
                while (true) {
                  Chunk c = full.take();
                  if (c == END) {
                    return;
                  }
                  sha.update(c.buf(), 0, c.len());
                  out.write(c.buf(), 0, c.len());
                  written[0] += c.len();
                  free.put(c.buf());
                }
              } catch (Throwable t) {
                writeError[0] = t;
                free.offer(new byte[0]); // unblock a reader waiting for a buffer
              }
            });
    writer.start();
    long total = 0;
    try {
      while (writeError[0] == null) {
        byte[] buf = free.take();
        if (buf.length == 0) {
          break; // the writer failed
        }
        // Fill the whole buffer: Okio hands out 8 KiB segments, and a write per segment is a
        // syscall.
        int n = 0;
        try {
          int r;
          while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
            n += r;
          }
        } catch (IOException e) {
          throw new ReadFailure(total + n, e);
        }
        if (n == 0) {
          break;
        }
        total += n;
        full.put(new Chunk(buf, n));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          new java.io.InterruptedIOException("archive copy interrupted"));
    } finally {
      full.offer(END);
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (writeError[0] != null) {
      Throwable t = writeError[0];
      if (t instanceof IOException io) {
        throw new UncheckedIOException("Cannot write archive after " + written[0] + " bytes", io);
      }
      if (t instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("archive writer failed", t);
    }
    return total;
  }
}
