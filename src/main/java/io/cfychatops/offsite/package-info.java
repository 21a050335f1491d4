/**
 * Off-site copies of snapshot archives in S3-compatible object storage, behind a transport-free
 * port: {@link io.cfychatops.offsite.OffsiteStore} (push with read-back verification and optional
 * object lock, fetch with a hash check, list, describe, delete that never frees a locked copy
 * early, self-test). {@link io.cfychatops.offsite.BucketOffsiteStore} holds every rule (keys,
 * metadata, multipart, verification, lock and version handling) over the small {@link
 * io.cfychatops.offsite.Bucket} SPI; the AWS SDK adapter lives in {@code offsite.s3}. Nothing here
 * imports AWS, Slack, OkHttp, Jackson or JDBC types.
 */
package io.cfychatops.offsite;
