package io.cfychatops.offsite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What streaming an object's body gave: its length and SHA-256 (hex). */
record HashedRead(long size, String sha256) {
  private static final int BUFFER = 256 * 1024;

  /**
   * Streams the body into {@code out} while hashing; transport failures become {@link
   * OffsiteException}s.
   */
  static HashedRead of(Bucket.Download d, OutputStream out) {
    MessageDigest sha = digest();
    byte[] buf = new byte[BUFFER];
    long total = 0;
    InputStream in = d.body();
    while (true) {
      int n;
      try {
        n = in.read(buf);
      } catch (IOException e) {
        d.abort();
        throw new OffsiteException(
            e instanceof SocketTimeoutException ? OffsiteProblem.TIMEOUT : OffsiteProblem.FAILED,
            "reading " + d.head().key() + " failed after " + total + " bytes: " + e.getMessage(),
            e);
      }
      if (n < 0) {
        break;
      }
      sha.update(buf, 0, n);
      total += n;
      try {
        out.write(buf, 0, n);
      } catch (IOException e) {
        d.abort();
        throw new UncheckedIOException(
            "writing the fetched archive failed after " + total + " bytes", e);
      }
    }
    return new HashedRead(total, HexFormat.of().formatHex(sha.digest()));
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
