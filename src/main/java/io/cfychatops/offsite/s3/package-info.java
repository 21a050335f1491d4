/**
 * The off-site adapter on the AWS SDK for Java v2: {@link io.cfychatops.offsite.s3.S3Bucket} maps
 * the {@link io.cfychatops.offsite.Bucket} SPI onto a sync {@code S3Client} (JDK HTTP client,
 * timeouts on every call, retries only for idempotent calls, checksum mode per endpoint) and every
 * SDK failure onto an {@link io.cfychatops.offsite.OffsiteProblem}; {@link
 * io.cfychatops.offsite.s3.S3Offsite} opens a store from {@code backups.offsite}. The only package
 * that imports AWS types.
 */
package io.cfychatops.offsite.s3;
