package io.cfychatops.sim;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Pseudo-random, incompressible blob bytes (blueprint archives, plugin wagons, padding) generated
 * on the fly from a seed: never held in memory. A {@code STORED} zip entry needs its CRC-32 before
 * its bytes, so {@link #crc} makes one extra pass, cached per (seed, length) for the JVM's life.
 */
final class Blobs {
  private static final int CHUNK = 64 * 1024;
  private static final Map<List<Long>, Long> CRC = new ConcurrentHashMap<>();

  private Blobs() {}

  interface ChunkSink {
    void accept(byte[] buf, int len) throws IOException;
  }

  /** Feeds {@code length} bytes of the blob {@code seed} to {@code sink}, 64 KiB at a time. */
  static void generate(long seed, long length, ChunkSink sink) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] buf = new byte[CHUNK];
    long left = length;
    while (left > 0) {
      int n = (int) Math.min(CHUNK, left);
      for (int i = 0; i < n; i += 8) {
        long v = rnd.nextLong();
        for (int j = 0; j < 8 && i + j < n; j++) {
          buf[i + j] = (byte) (v >>> (8 * j));
        }
      }
      sink.accept(buf, n);
      left -= n;
    }
  }

  static long crc(long seed, long length) {
    return CRC.computeIfAbsent(
        List.of(seed, length),
        k -> {
          CRC32 crc = new CRC32();
          try {
            generate(seed, length, (buf, len) -> crc.update(buf, 0, len));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
          return crc.getValue();
        });
  }
}
