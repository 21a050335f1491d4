package io.cfychatops.offsite;

/**
 * Why an off-site call failed, in terms an operator can act on. Each carries the next step to take.
 */
public enum OffsiteProblem {
  /** The access key is unknown to the store, or the secret key does not match it. */
  BAD_CREDENTIALS(
      "check access_key/secret_key (or the SDK default credentials) for this endpoint", false),
  /** The credentials are valid but a bucket policy or IAM policy forbids the call. */
  ACCESS_DENIED(
      "grant the key s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject, s3:GetBucketVersioning, "
          + "s3:AbortMultipartUpload (and, with versioning or object lock, s3:ListBucketVersions, s3:GetObjectVersion, "
          + "s3:DeleteObjectVersion, s3:GetObjectRetention, s3:PutObjectRetention, s3:GetBucketObjectLockConfiguration)",
      false),
  /** The bucket does not exist (or not in this region/endpoint). */
  NO_SUCH_BUCKET(
      "create the bucket first (with Object Lock enabled if object_lock is configured), or fix "
          + "backups.offsite.bucket / region / endpoint",
      false),
  /** No object under the key. */
  NOT_FOUND("list what is there with the off-site listing", false),
  /** {@code object_lock} is configured but the bucket has Object Lock disabled. */
  LOCK_NOT_ENABLED(
      "enable Object Lock on the bucket (AWS: bucket settings, needs versioning; MinIO: only at "
          + "bucket creation, `mc mb --with-lock`), or remove backups.offsite.object_lock",
      false),
  /** A lock date was asked for but {@code object_lock} is not configured. */
  LOCK_NOT_CONFIGURED("configure backups.offsite.object_lock, or push without a lock date", false),
  /** The store does not implement the call (S3Proxy: object lock, versioning). */
  NOT_SUPPORTED(
      "this S3-compatible store does not implement the feature; use a store that does, or turn it off",
      false),
  /** Bytes read back differ from ours, or the object carries no SHA-256 of ours. */
  INTEGRITY("the object is not the archive we stored: push it again from the local copy", false),
  /** The local archive is missing, unreadable or not what its facts say. */
  LOCAL_FILE("verify the local copy in the archive store first", false),
  /** The clocks of bot and store differ too much for request signing. */
  CLOCK_SKEW("fix the bot host's clock (NTP)", false),
  /** The TLS handshake failed (most often: a private CA the JVM does not trust). */
  TLS("trust the store's CA with backups.offsite.ca_cert (a PEM file), or fix the endpoint", false),
  /** Could not connect to the endpoint. */
  UNREACHABLE("check backups.offsite.endpoint, DNS and the network path", true),
  /** A connect, read or call timeout expired. */
  TIMEOUT("the store is slow or unreachable; it is retried on the next run", true),
  /** Any other error response or transport failure. */
  FAILED("see the message; it is retried on the next run", true);

  private final String nextStep;
  private final boolean transientFailure;

  OffsiteProblem(String nextStep, boolean transientFailure) {
    this.nextStep = nextStep;
    this.transientFailure = transientFailure;
  }

  /** What the operator should do about it, fit to show after the message. */
  public String nextStep() {
    return nextStep;
  }

  /** True when trying again later may succeed without anyone changing anything. */
  public boolean isTransient() {
    return transientFailure;
  }
}
