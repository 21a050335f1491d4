package io.cfychatops.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a zip's end-of-central-directory record (and its zip64 form) to learn the entry count and
 * the central directory's size before {@link java.util.zip.ZipFile} loads the whole directory into
 * memory: a hostile archive must be refused before that, not after.
 */
final class CentralDirectory {
  private static final int EOCD_SIG = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_EOCD_SIG = 0x06064b50;
  private static final int MAX_COMMENT = 0xFFFF;

  /** Entry count and directory size, as the archive declares them. */
  record Extent(long entries, long size) {}

  private CentralDirectory() {}

  /** The declared extent, or {@code null} when the file has no end-of-central-directory record. */
  static Extent read(Path zip) throws IOException {
    try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
      long size = ch.size();
      int tail = (int) Math.min(size, 22 + MAX_COMMENT);
      if (tail < 22) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(buf, size - tail);
      for (int i = tail - 22; i >= 0; i--) {
        if (buf.getInt(i) != EOCD_SIG) {
          continue;
        }
        long entries = buf.getShort(i + 10) & 0xFFFF;
        long cenSize = buf.getInt(i + 12) & 0xFFFFFFFFL;
        long eocdPos = size - tail + i;
        if ((entries == 0xFFFF || cenSize == 0xFFFFFFFFL) && eocdPos >= 20) {
          ByteBuffer loc = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
          ch.read(loc, eocdPos - 20);
          if (loc.getInt(0) == ZIP64_LOCATOR_SIG) {
            long z64 = loc.getLong(8);
            ByteBuffer rec = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
            if (z64 >= 0 && z64 + 56 <= size) {
              ch.read(rec, z64);
              if (rec.getInt(0) == ZIP64_EOCD_SIG) {
                entries = rec.getLong(32);
                cenSize = rec.getLong(40);
              }
            }
          }
        }
        return new Extent(entries, cenSize);
      }
      return null;
    }
  }
}
