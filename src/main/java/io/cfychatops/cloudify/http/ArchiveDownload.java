package io.cfychatops.cloudify.http;

import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.DownloadResult;
import io.cfychatops.cloudify.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archive bodies: streamed in constant memory with SHA-256 on the way ({@link PipelinedCopy}), a
 * short body detected, and the durable file variant (temp file, fsync, atomic rename).
 */
final class ArchiveDownload {

  private static final Logger log = LoggerFactory.getLogger(ArchiveDownload.class);
  private static final int COPY_BUFFER = 256 * 1024;

  private ArchiveDownload() {}

  /** Copies the body of {@code response} into {@code out}, hashing; flushes, does not close. */
  static DownloadResult copyHashing(Response response, OutputStream out, Request req) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ResponseBody body = response.body();
    if (body == null) {
      throw new CloudifyException(
          response.code(), null, "Archive response has no body", Interceptors.describe(req));
    }
    long total = 0;
    InputStream in = body.byteStream();
    try {
      total = PipelinedCopy.copy(in, out, sha, COPY_BUFFER);
    } catch (PipelinedCopy.ReadFailure e) {
      throw new TransportException(
          "Archive stream broke after " + e.bytesSoFar + " bytes: " + Exchange.describe(e.io()),
          Interceptors.describe(req),
          e.io());
    } finally {
      try {
        in.close();
      } catch (IOException e) {
        log.debug("closing archive stream of {}: {}", Interceptors.describe(req), e.toString());
      }
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot flush archive output", e);
    }
    long expected = body.contentLength();
    if (expected >= 0 && expected != total) {
      throw new TransportException(
          "Archive truncated: got " + total + " of " + expected + " bytes",
          Interceptors.describe(req),
          null);
    }
    return new DownloadResult(total, HexFormat.of().formatHex(sha.digest()));
  }

  /**
   * Runs {@code download} into a temporary file next to {@code target}, forces it to disk, then
   * renames it over {@code target} (atomically where the file system can). On failure the temporary
   * file is deleted and {@code target} is untouched.
   */
  static DownloadResult toFile(Path target, Function<OutputStream, DownloadResult> download) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary file in " + dir, e);
    }
    boolean done = false;
    try {
      DownloadResult result;
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream os = Channels.newOutputStream(ch)) {
        result = download.apply(os);
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write snapshot archive to " + abs, e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          log.warn("Cannot delete temporary file {}: {}", tmp, e.toString());
        }
      }
    }
  }
}
