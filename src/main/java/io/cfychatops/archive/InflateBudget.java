package io.cfychatops.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What one read may inflate: each entry at most {@code maxRatio} times its compressed size (at
 * least {@code ratioFloorBytes}) and the archive at most {@code maxRatio} times the file (and at
 * most {@code maxInflatedBytes}). No size the zip declares is trusted: bytes are counted as they
 * come out of the inflater. Thread-safe.
 */
final class InflateBudget {
  /** A limit passed while inflating; becomes an {@link ArchiveRefusedException}. */
  static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;
    final ArchiveRefusedException.Reason reason;

    LimitExceeded(ArchiveRefusedException.Reason reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  private final ArchiveLimits limits;
  private final long total;
  private final AtomicLong inflated = new AtomicLong();

  InflateBudget(ArchiveLimits limits, long fileSize) {
    this.limits = limits;
    this.total =
        Math.min(
            limits.maxInflatedBytes(),
            Math.max(multiplyCapped(fileSize, limits.maxRatio()), limits.ratioFloorBytes()));
  }

  long inflated() {
    return inflated.get();
  }

  /** What a dump file may inflate to. */
  long entry(ZipEntry e) {
    return Math.min(
        limits.maxJsonEntryBytes(),
        Math.max(
            multiplyCapped(Math.max(e.getCompressedSize(), 0), limits.maxRatio()),
            limits.ratioFloorBytes()));
  }

  /** What {@code metadata.json} may inflate to. */
  long metadata(ZipEntry e) {
    return Math.min(limits.maxMetadataBytes(), entry(e));
  }

  /** The entry's inflated bytes, stopped at {@code budget} and at the archive's total. */
  InputStream open(ZipFile zip, ZipEntry e, long budget) throws IOException {
    return new FilterInputStream(zip.getInputStream(e)) {
      long read;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          read += n;
          long all = inflated.addAndGet(n);
          if (read > budget) {
            throw tooLarge(e, budget);
          }
          if (all > total) {
            throw new LimitExceeded(
                ArchiveRefusedException.Reason.INFLATED_TOTAL_EXCEEDED,
                "the archive inflates to more than "
                    + total
                    + " bytes (limit: "
                    + limits.maxRatio()
                    + "× its size, at most "
                    + limits.maxInflatedBytes()
                    + " bytes); stopped in "
                    + Names.safeName(e.getName())
                    + " (a zip bomb?)");
          }
        }
        return n;
      }
    };
  }

  private LimitExceeded tooLarge(ZipEntry e, long budget) {
    if (e.getName().equals(PreviewReader.METADATA) && budget == limits.maxMetadataBytes()) {
      return new LimitExceeded(
          ArchiveRefusedException.Reason.METADATA_TOO_LARGE,
          "metadata.json is larger than " + budget + " bytes");
    }
    if (budget == limits.maxJsonEntryBytes()) {
      return new LimitExceeded(
          ArchiveRefusedException.Reason.JSON_ENTRY_TOO_LARGE,
          "dump file "
              + Names.safeName(e.getName())
              + " inflates to more than "
              + budget
              + " bytes");
    }
    return new LimitExceeded(
        ArchiveRefusedException.Reason.ENTRY_RATIO_EXCEEDED,
        "entry "
            + Names.safeName(e.getName())
            + " inflates to more than "
            + budget
            + " bytes from "
            + e.getCompressedSize()
            + " compressed (limit: "
            + limits.maxRatio()
            + "×): a zip bomb?");
  }

  static long multiplyCapped(long a, long b) {
    long r = a * b;
    return a != 0 && r / a != b ? Long.MAX_VALUE : r;
  }
}
