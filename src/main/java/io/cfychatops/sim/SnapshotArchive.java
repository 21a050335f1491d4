package io.cfychatops.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A snapshot archive generated from a {@link DumpSpec}: a real zip in the 7.x format ({@link
 * ArchiveWriter}) or the legacy one ({@link LegacyArchiveWriter}), brought to the spec's target
 * size by padding its blueprint and plugin blobs (or, when it has none, a top-level {@value
 * #PADDING_ENTRY}, which the real restore ignores as an unexpected file).
 *
 * <p>Nothing is held in memory beyond one dump file's items: {@link #writeTo(OutputStream)}
 * generates the bytes as it goes, and the same spec always produces the same bytes in a given JVM.
 * {@link #length()} is exact, so the server can send a fixed {@code Content-Length}: a sizing pass
 * (every blob empty) measures the overhead once, then the padding is spread over the blobs. The
 * archive is at least that overhead, whatever the target.
 */
final class SnapshotArchive {
  static final String PADDING_ENTRY = "padding.bin";

  private final DumpSpec spec;
  private final long overhead;
  private final int blobs;

  SnapshotArchive(DumpSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    try {
      CountingStream counter = new CountingStream();
      ZipSink sink = new ZipSink(counter, spec.createdAt(), spec.seed(), null);
      write(sink);
      this.overhead = counter.count;
      this.blobs = sink.blobCount();
    } catch (IOException e) {
      throw new IllegalStateException("cannot size archive", e);
    }
  }

  DumpSpec spec() {
    return spec;
  }

  /** Exact byte length of {@link #writeTo}'s output: the target size, or the minimum if larger. */
  long length() {
    return overhead + padding();
  }

  private long padding() {
    return Math.max(0, spec.targetSize() - overhead);
  }

  /** Writes the whole zip to {@code out}; does not close it. */
  void writeTo(OutputStream out) throws IOException {
    long padding = padding();
    long[] sizes = new long[blobs];
    for (int i = 0; i < blobs; i++) {
      sizes[i] = padding / blobs + (i < padding % blobs ? 1 : 0);
    }
    write(new ZipSink(out, spec.createdAt(), spec.seed(), sizes));
  }

  private void write(ZipSink sink) throws IOException {
    if (spec.legacy()) {
      LegacyArchiveWriter.write(spec, sink);
    } else {
      ArchiveWriter.write(spec, sink);
    }
  }

  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
