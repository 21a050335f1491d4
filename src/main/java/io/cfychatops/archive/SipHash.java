package io.cfychatops.archive;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit hash made for hash tables fed by an
 * adversary. With a random key drawn per archive, an archive cannot choose two keys with the same
 * fingerprint, so it cannot hide an entity from the counts by colliding it with another.
 *
 * <p>Strings are fed as UTF-16 code units, four per 64-bit word, each preceded by its length, so no
 * two different sequences of strings hash the same input. Not thread-safe: one instance per thread.
 */
final class SipHash {
  private final long k0;
  private final long k1;
  private long v0;
  private long v1;
  private long v2;
  private long v3;
  private long word;
  private int shift;
  private long bytes;

  /** A hasher keyed with {@code (k0, k1)}: draw them from a {@code SecureRandom}. */
  SipHash(long k0, long k1) {
    this.k0 = k0;
    this.k1 = k1;
  }

  /** Starts a new hash. */
  SipHash reset() {
    v0 = k0 ^ 0x736f6d6570736575L;
    v1 = k1 ^ 0x646f72616e646f6dL;
    v2 = k0 ^ 0x6c7967656e657261L;
    v3 = k1 ^ 0x7465646279746573L;
    word = 0;
    shift = 0;
    bytes = 0;
    return this;
  }

  /** Adds {@code s} (its length, then its chars); {@code null} is told apart from "". */
  SipHash add(String s) {
    if (s == null) {
      unit(0xFFFF);
      unit(0xFFFF);
      return this;
    }
    int n = s.length();
    unit(n >>> 16);
    unit(n & 0xFFFF);
    for (int i = 0; i < n; i++) {
      unit(s.charAt(i));
    }
    return this;
  }

  /** Adds one tag character. */
  SipHash add(char c) {
    unit(c);
    return this;
  }

  SipHash add(long v) {
    unit((int) (v >>> 48) & 0xFFFF);
    unit((int) (v >>> 32) & 0xFFFF);
    unit((int) (v >>> 16) & 0xFFFF);
    unit((int) v & 0xFFFF);
    return this;
  }

  private void unit(int u) {
    word |= (long) (u & 0xFFFF) << shift;
    shift += 16;
    bytes += 2;
    if (shift == 64) {
      compress(word);
      word = 0;
      shift = 0;
    }
  }

  private void compress(long m) {
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }

  long finish() {
    long last = word | ((bytes & 0xFF) << 56);
    compress(last);
    v2 ^= 0xFF;
    round();
    round();
    round();
    round();
    return v0 ^ v1 ^ v2 ^ v3;
  }

  private void round() {
    v0 += v1;
    v1 = Long.rotateLeft(v1, 13);
    v1 ^= v0;
    v0 = Long.rotateLeft(v0, 32);
    v2 += v3;
    v3 = Long.rotateLeft(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = Long.rotateLeft(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = Long.rotateLeft(v1, 17);
    v1 ^= v2;
    v2 = Long.rotateLeft(v2, 32);
  }
}
