package io.cfychatops.offsite.s3;

import io.cfychatops.config.ConfigException;
import io.cfychatops.config.OffsiteConfig;
import io.cfychatops.offsite.BucketOffsiteStore;
import io.cfychatops.offsite.OffsiteStore;
import java.time.Clock;
import java.util.List;

/** Opens the off-site store {@code backups.offsite} describes, on the AWS SDK. */
public final class S3Offsite {
  private S3Offsite() {}

  /**
   * Validates {@code cfg} and builds the store. Opening makes no network call; run {@link
   * OffsiteStore#selfTest()} to find out whether the target works.
   *
   * @throws ConfigException listing every problem with {@code cfg}
   */
  public static OffsiteStore open(OffsiteConfig cfg, Clock clock) {
    List<String> problems = cfg.problems();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.stream().map(p -> "backups.offsite." + p).toList());
    }
    return new BucketOffsiteStore(
        new S3Bucket(cfg),
        new BucketOffsiteStore.Settings(cfg.prefix(), cfg.objectLock(), cfg.partSize()),
        clock);
  }
}
