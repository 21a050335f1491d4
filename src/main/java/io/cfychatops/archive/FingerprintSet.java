package io.cfychatops.archive;

/**
 * A set of 64-bit fingerprints in one {@code long[]} (open addressing, linear probing, at most half
 * full): 8 to 16 bytes per element, no boxing. Fingerprints come from a keyed {@link SipHash}, so
 * they are spread evenly and an archive cannot choose collisions. Not thread-safe.
 */
final class FingerprintSet {
  private long[] slots = new long[1 << 14];
  private int size;

  /** Adds {@code fp}; true when it was not there. */
  boolean add(long fp) {
    long v = fp == 0 ? 1 : fp; // 0 marks an empty slot
    if ((size + 1) * 2L > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == 0) {
        slots[i] = v;
        size++;
        return true;
      }
      if (s == v) {
        return false;
      }
    }
  }

  boolean contains(long fp) {
    long v = fp == 0 ? 1 : fp;
    int mask = slots.length - 1;
    for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == 0) {
        return false;
      }
      if (s == v) {
        return true;
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long v : old) {
      if (v != 0) {
        int i = mix(v) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = v;
      }
    }
  }

  private static int mix(long v) {
    return (int) (v ^ (v >>> 32));
  }
}
