package io.cfychatops.config;

import io.cfychatops.offsite.LockPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code backups.offsite}: where verified archives are copied off the host.
 *
 * @param endpoint any S3-compatible URL; null means AWS S3 (the endpoint follows {@code region})
 * @param region signing region (S3-compatible stores usually accept {@code us-east-1})
 * @param prefix key prefix without leading/trailing {@code /}; objects are {@code
 *     <prefix>/<manager>/<snapshot>.zip}
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
 * @param accessKey with {@code secretKey}: static credentials; both null: the SDK default chain
 *     (environment, profile, container or instance role)
 * @param objectLock per-object retention set on every verified copy; null: no lock
 * @param checksums the SDK's request/response checksum mode ({@code when_required} by default for a
 *     custom endpoint, because many S3-compatible stores reject the SDK's newer default checksums)
 * @param partSize archives above this size go up as a multipart upload in parts of this size
 * @param connectTimeout TCP connect timeout
 * @param readTimeout socket read timeout (no byte for this long fails the call)
 * @param caCert PEM file of the CA(s) to trust for an https endpoint with a private CA; null: the
 *     JVM's default trust store
 */
public record OffsiteConfig(
    URI endpoint,
    String region,
    String bucket,
    String prefix,
    boolean pathStyle,
    Secret accessKey,
    Secret secretKey,
    LockPolicy objectLock,
    Checksums checksums,
    long partSize,
    Duration connectTimeout,
    Duration readTimeout,
    Path caCert) {

  public static final String DEFAULT_PREFIX = "cfy-chatops";
  public static final String DEFAULT_REGION_CUSTOM_ENDPOINT = "us-east-1";
  public static final long MIB = 1024L * 1024;

  /** S3's smallest part (except the last). */
  public static final long MIN_PART_SIZE = 5 * MIB;

  /** S3's largest part. */
  public static final long MAX_PART_SIZE = 5 * 1024 * MIB;

  public static final long DEFAULT_PART_SIZE = 64 * MIB;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /**
   * S3 bucket naming rule (3–63 lower-case letters, digits, dots, hyphens; letter or digit at both
   * ends).
   */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{2,32}");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  /** The SDK's checksum behaviour (request calculation and response validation alike). */
  public enum Checksums {
    /** The SDK default since 2.30: CRC checksums on every upload and download that supports one. */
    WHEN_SUPPORTED,
    /** Only where the operation requires one; what S3-compatible stores expect. */
    WHEN_REQUIRED;

    public static Checksums parse(String s) {
      return s == null
          ? null
          : switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "when_supported" -> WHEN_SUPPORTED;
            case "when_required" -> WHEN_REQUIRED;
            default -> null;
          };
    }
  }

  /** True when the target is AWS S3 itself (no endpoint given). */
  public boolean isAws() {
    return endpoint == null;
  }

  /** True when no static keys are given and the SDK default credential chain is used. */
  public boolean usesDefaultCredentials() {
    return accessKey == null && secretKey == null;
  }

  /**
   * Every problem with these values, each naming the key (relative to {@code backups.offsite});
   * empty when valid.
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (endpoint != null) {
      if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
          || endpoint.getHost() == null) {
        out.add(
            "endpoint: must be an http(s) URL such as https://minio.example:9000, got `"
                + endpoint
                + "`");
      }
      if (endpoint.getUserInfo() != null) {
        out.add(
            "endpoint: must not carry credentials; use access_key_env/secret_key_env or *_file");
      }
      String path = endpoint.getPath();
      if (path != null && !path.isEmpty() && !"/".equals(path) || endpoint.getQuery() != null) {
        out.add(
            "endpoint: give the server URL only (no path or query; the bucket goes in `bucket`), got `"
                + endpoint
                + "`");
      }
    }
    if (region == null || region.isBlank()) {
      out.add("region: required for AWS S3 (e.g. eu-west-1)");
    } else if (!REGION.matcher(region).matches()) {
      out.add("region: lower-case letters, digits and `-` (e.g. eu-west-1), got `" + region + "`");
    }
    if (bucket == null || bucket.isBlank()) {
      out.add("bucket: required");
    } else if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      out.add(
          "bucket: 3-63 lower-case letters, digits, `.` or `-`, starting and ending with a letter or digit, got `"
              + bucket
              + "`");
    }
    if (prefix == null
        || !prefix.isEmpty()
            && (!PREFIX.matcher(prefix).matches()
                || prefix.length() > 200
                || List.of(prefix.split("/")).contains("..")
                || List.of(prefix.split("/")).contains("."))) {
      out.add(
          "prefix: path segments of letters, digits, `.`, `_`, `-` separated by `/` (no leading or trailing `/`,"
              + " at most 200 characters), got `"
              + prefix
              + "`");
    }
    if ((accessKey == null) != (secretKey == null)) {
      out.add(
          "credentials: give both the access key and the secret key (access_key_env + secret_key_env, or the *_file"
              + " keys), or neither to use the SDK default chain");
    }
    if (checksums == null) {
      out.add("checksums: when_required or when_supported");
    }
    if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      out.add("part_size: between 5MiB and 5GiB (S3's part limits), got " + partSize + " bytes");
    }
    if (connectTimeout == null || connectTimeout.isZero() || connectTimeout.isNegative()) {
      out.add("connect_timeout: must be positive");
    }
    if (readTimeout == null || readTimeout.isZero() || readTimeout.isNegative()) {
      out.add("read_timeout: must be positive");
    }
    if (caCert != null) {
      if (!Files.isReadable(caCert)) {
        out.add("ca_cert: file " + caCert + " is not readable");
      }
      if (endpoint == null || !"https".equals(endpoint.getScheme())) {
        out.add("ca_cert: only applies to an https endpoint");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "OffsiteConfig["
        + (endpoint == null ? "AWS S3 " + region : endpoint)
        + ", bucket="
        + bucket
        + ", prefix="
        + prefix
        + ", lock="
        + (objectLock == null ? "off" : objectLock)
        + ", checksums="
        + checksums
        + "]";
  }
}
