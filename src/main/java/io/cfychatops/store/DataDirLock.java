package io.cfychatops.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Exclusive use of an embedded data directory by one process: an operating-system lock on {@code
 * <dataDir>/cfy-chatops.lock}. The kernel releases it when the process dies, so a bot restarted
 * right after a kill -9 opens its database at once (HSQLDB's own heartbeat lock file would refuse
 * it for about ten seconds), while a second process on the same directory is refused.
 *
 * <p>Within one JVM the directory may be opened several times (HSQLDB shares an in-process database
 * between connections): holders are counted and the lock is released with the last. Thread-safe.
 */
final class DataDirLock implements AutoCloseable {
  static final String FILE_NAME = "cfy-chatops.lock";

  private static final Map<Path, Held> HELD = new HashMap<>();

  /** The lock of one directory and how many {@link DataDirLock}s of this JVM hold it. */
  private static final class Held {
    final FileChannel channel;
    final FileLock lock;
    int count = 1;

    Held(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }
  }

  private final Path key;
  private boolean closed;

  private DataDirLock(Path key) {
    this.key = key;
  }

  /**
   * Takes the lock of {@code dataDir} (which must exist).
   *
   * @throws StoreException when another process holds it, or the lock file cannot be written
   */
  static DataDirLock acquire(Path dataDir) {
    Path key = dataDir.toAbsolutePath().normalize();
    synchronized (HELD) {
      Held h = HELD.get(key);
      if (h != null) {
        h.count++;
        return new DataDirLock(key);
      }
      Path file = key.resolve(FILE_NAME);
      FileChannel ch = null;
      try {
        ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        if (lock == null) {
          ch.close();
          throw new StoreException(
              "The data directory "
                  + key
                  + " is in use by another process"
                  + " (another cfy-chatops on the same store.data_dir?). One process per data directory;"
                  + " use PostgreSQL (store.url) for several replicas.");
        }
        HELD.put(key, new Held(ch, lock));
        return new DataDirLock(key);
      } catch (IOException e) {
        try {
          if (ch != null) {
            ch.close();
          }
        } catch (IOException ignored) {
          // already failing
        }
        throw new StoreException("Cannot lock data directory " + key + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) {
        return;
      }
      closed = true;
      Held h = HELD.get(key);
      if (h == null || --h.count > 0) {
        return;
      }
      HELD.remove(key);
      try {
        h.lock.release();
        h.channel.close();
      } catch (IOException e) {
        throw new StoreException("Cannot release the lock of " + key + ": " + e.getMessage(), e);
      }
    }
  }
}
