package io.cfychatops.sim;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Where the archive writers put entries: directory entries (stored, size 0, as Python's {@code
 * shutil.make_archive} writes them), deflated JSON and text files, and stored blobs whose sizes
 * come from {@code blobSizes} (the padding). A sizing pass runs with every blob empty and counts
 * the blobs, so the writers stay one code path for sizing and writing.
 */
final class ZipSink {
  private final ZipOutputStream zip;
  private final long time;
  private final long seed;
  private final long[] blobSizes;
  private int blobs;

  /**
   * @param out where the zip goes; not closed
   * @param blobSizes the size of each blob in write order, or {@code null} for the sizing pass
   */
  ZipSink(OutputStream out, Instant time, long seed, long[] blobSizes) {
    this.zip = new ZipOutputStream(new NonClosing(out));
    this.time = time.toEpochMilli();
    this.seed = seed;
    this.blobSizes = blobSizes;
  }

  void dir(String name) throws IOException {
    ZipEntry e = entry(name.endsWith("/") ? name : name + "/");
    e.setMethod(ZipEntry.STORED);
    e.setSize(0);
    e.setCompressedSize(0);
    e.setCrc(0);
    zip.putNextEntry(e);
    zip.closeEntry();
  }

  void json(String name, Object value) throws IOException {
    bytes(name, Json.bytes(value));
  }

  void text(String name, String text) throws IOException {
    bytes(name, text.getBytes(StandardCharsets.UTF_8));
  }

  void bytes(String name, byte[] data) throws IOException {
    zip.putNextEntry(entry(name));
    zip.write(data);
    zip.closeEntry();
  }

  /** A stored blob of pseudo-random bytes, sized by the next slot of {@code blobSizes}. */
  void blob(String name) throws IOException {
    long size = blobSizes == null ? 0 : blobSizes[blobs];
    long blobSeed = seed ^ ((long) name.hashCode() << 17) ^ blobs;
    blobs++;
    ZipEntry e = entry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(size);
    e.setCompressedSize(size);
    e.setCrc(size == 0 ? new CRC32().getValue() : Blobs.crc(blobSeed, size));
    zip.putNextEntry(e);
    Blobs.generate(blobSeed, size, (buf, len) -> zip.write(buf, 0, len));
    zip.closeEntry();
  }

  int blobCount() {
    return blobs;
  }

  /** Writes the central directory; the underlying stream stays open. */
  void finish() throws IOException {
    zip.finish();
    zip.flush();
  }

  private ZipEntry entry(String name) {
    ZipEntry e = new ZipEntry(name);
    e.setTime(time);
    return e;
  }

  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
