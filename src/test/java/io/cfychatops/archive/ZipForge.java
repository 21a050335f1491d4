package io.cfychatops.archive;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip files byte by byte, so tests can make the ones {@code ZipOutputStream} refuses to:
 * entries whose declared sizes lie, and central-directory entries that share one entry's data (the
 * overlap of non-recursive zip bombs). Small on disk whatever they inflate to.
 */
final class ZipForge {
  /** Deflated bytes of {@code n} zero bytes (raw deflate, as zip stores it) and their CRC-32. */
  record Deflated(byte[] data, long crc, long size) {}

  private record Entry(
      String name, int method, Deflated content, long declaredSize, int dataEntry) {}

  private final List<Entry> entries = new ArrayList<>();

  /** {@code n} zeros, deflated at the best ratio (about 1,000:1), in bounded memory. */
  static Deflated zeros(long n) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    CRC32 crc = new CRC32();
    byte[] chunk = new byte[1 << 20];
    byte[] out = new byte[1 << 16];
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (long left = n; left > 0; ) {
      int len = (int) Math.min(chunk.length, left);
      crc.update(chunk, 0, len);
      d.setInput(chunk, 0, len);
      while (!d.needsInput()) {
        data.write(out, 0, d.deflate(out));
      }
      left -= len;
    }
    d.finish();
    while (!d.finished()) {
      data.write(out, 0, d.deflate(out));
    }
    d.end();
    return new Deflated(data.toByteArray(), crc.getValue(), n);
  }

  static Deflated deflate(byte[] plain) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(plain);
    d.finish();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    byte[] out = new byte[1 << 16];
    while (!d.finished()) {
      data.write(out, 0, d.deflate(out));
    }
    d.end();
    CRC32 crc = new CRC32();
    crc.update(plain);
    return new Deflated(data.toByteArray(), crc.getValue(), plain.length);
  }

  /** An entry whose central directory claims {@code declaredSize} inflated bytes. */
  ZipForge deflated(String name, Deflated content, long declaredSize) {
    entries.add(new Entry(name, 8, content, declaredSize, -1));
    return this;
  }

  ZipForge deflated(String name, Deflated content) {
    return deflated(name, content, content.size());
  }

  /** A stored (uncompressed) entry. */
  ZipForge stored(String name, byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entries.add(
        new Entry(name, 0, new Deflated(bytes, crc.getValue(), bytes.length), bytes.length, -1));
    return this;
  }

  /** A central-directory entry named {@code name} pointing at entry {@code index}'s data. */
  ZipForge alias(String name, int index) {
    Entry target = entries.get(index);
    entries.add(new Entry(name, target.method(), target.content(), target.declaredSize(), index));
    return this;
  }

  byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] offsets = new long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.dataEntry() >= 0) {
        offsets[i] = offsets[e.dataEntry()];
        continue;
      }
      offsets[i] = out.size();
      byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
      ByteBuffer loc = ByteBuffer.allocate(30 + name.length).order(ByteOrder.LITTLE_ENDIAN);
      loc.putInt(0x04034b50)
          .putShort((short) 20)
          .putShort((short) 0)
          .putShort((short) e.method())
          .putShort((short) 0)
          .putShort((short) 0x21)
          .putInt((int) e.content().crc())
          .putInt(e.content().data().length)
          .putInt((int) e.declaredSize())
          .putShort((short) name.length)
          .putShort((short) 0)
          .put(name);
      out.writeBytes(loc.array());
      out.writeBytes(e.content().data());
    }
    long cenStart = out.size();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
      ByteBuffer cen = ByteBuffer.allocate(46 + name.length).order(ByteOrder.LITTLE_ENDIAN);
      cen.putInt(0x02014b50)
          .putShort((short) 20)
          .putShort((short) 20)
          .putShort((short) 0)
          .putShort((short) e.method())
          .putShort((short) 0)
          .putShort((short) 0x21)
          .putInt((int) e.content().crc())
          .putInt(e.content().data().length)
          .putInt((int) e.declaredSize())
          .putShort((short) name.length)
          .putShort((short) 0)
          .putShort((short) 0)
          .putShort((short) 0)
          .putShort((short) 0)
          .putInt(0)
          .putInt((int) offsets[i])
          .put(name);
      out.writeBytes(cen.array());
    }
    long cenSize = out.size() - cenStart;
    ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
    end.putInt(0x06054b50)
        .putShort((short) 0)
        .putShort((short) 0)
        .putShort((short) entries.size())
        .putShort((short) entries.size())
        .putInt((int) cenSize)
        .putInt((int) cenStart)
        .putShort((short) 0);
    out.writeBytes(end.array());
    return out.toByteArray();
  }
}
