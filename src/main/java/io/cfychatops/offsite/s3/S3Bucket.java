package io.cfychatops.offsite.s3;

import io.cfychatops.config.OffsiteConfig;
import io.cfychatops.http.Tls;
import io.cfychatops.offsite.Bucket;
import io.cfychatops.offsite.LockMode;
import io.cfychatops.offsite.OffsiteException;
import io.cfychatops.offsite.OffsiteProblem;
import io.cfychatops.offsite.Retention;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * {@link Bucket} on the AWS SDK for Java v2 sync {@link S3Client} over the JDK's {@code
 * HttpURLConnection} ({@code url-connection-client}).
 *
 * <p>Two clients share one HTTP client: one retries (standard strategy, 3 attempts) and serves
 * every idempotent call; the other never retries and serves {@code CreateMultipartUpload} and
 * {@code CompleteMultipartUpload}. Bodies are re-opened per attempt, so a retried upload re-reads
 * the file. Timeouts: connect and socket-read timeouts on the HTTP client for every call, plus an
 * attempt and a total timeout per call (uploads get time in proportion to their size; downloads are
 * bounded by the read timeout, since their body is read after the call returns).
 *
 * <p>Checksums: {@code WHEN_REQUIRED} (the default for custom endpoints) sends and validates only
 * what an operation requires; {@code WHEN_SUPPORTED} adds CRC32 to uploads, and multipart uploads
 * are then created with CRC32 and completed with each part's checksum, as S3 requires. Neither is
 * trusted as a whole-object hash: the store above reads objects back and hashes them.
 */
public final class S3Bucket implements Bucket {
  private static final Logger log = LoggerFactory.getLogger(S3Bucket.class);
  private static final String CONTENT_TYPE = "application/zip";

  /** Slowest upload rate an attempt is allowed before it times out (256 KiB/s). */
  private static final long MIN_UPLOAD_BYTES_PER_SECOND = 256 * 1024;

  private static final int ATTEMPTS = 3;

  private final String bucket;
  private final String where;
  private final boolean crc32;
  private final Duration callTimeout;
  private final SdkHttpClient http;
  private final S3Client retrying;
  private final S3Client once;

  /** Builds the clients for {@code cfg}; call {@link OffsiteConfig#problems()} first. */
  public S3Bucket(OffsiteConfig cfg) {
    Objects.requireNonNull(cfg, "cfg");
    this.bucket = cfg.bucket();
    this.where =
        "bucket "
            + cfg.bucket()
            + (cfg.isAws() ? " in AWS S3 " + cfg.region() : " at " + cfg.endpoint());
    this.crc32 = cfg.checksums() == OffsiteConfig.Checksums.WHEN_SUPPORTED;
    this.callTimeout = cfg.connectTimeout().plus(cfg.readTimeout());
    UrlConnectionHttpClient.Builder hb =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(cfg.connectTimeout())
            .socketTimeout(cfg.readTimeout());
    if (cfg.caCert() != null) {
      TrustManager[] trust = {Tls.trustManagerFromPem(cfg.caCert())};
      hb.tlsTrustManagersProvider(() -> trust);
    }
    this.http = hb.build();
    AwsCredentialsProvider credentials =
        cfg.usesDefaultCredentials()
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(cfg.accessKey().reveal(), cfg.secretKey().reveal()));
    this.retrying = client(cfg, credentials, ATTEMPTS);
    this.once = client(cfg, credentials, 1);
  }

  private S3Client client(OffsiteConfig cfg, AwsCredentialsProvider credentials, int attempts) {
    RequestChecksumCalculation request =
        crc32
            ? RequestChecksumCalculation.WHEN_SUPPORTED
            : RequestChecksumCalculation.WHEN_REQUIRED;
    ResponseChecksumValidation response =
        crc32
            ? ResponseChecksumValidation.WHEN_SUPPORTED
            : ResponseChecksumValidation.WHEN_REQUIRED;
    S3ClientBuilder b =
        S3Client.builder()
            .httpClient(http)
            .region(Region.of(cfg.region()))
            .credentialsProvider(credentials)
            .forcePathStyle(cfg.pathStyle())
            .requestChecksumCalculation(request)
            .responseChecksumValidation(response)
            .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(attempts)));
    if (cfg.endpoint() != null) {
      b.endpointOverride(cfg.endpoint());
    }
    return b.build();
  }

  @Override
  public String describe() {
    return where;
  }

  // --- timeouts per call

  private AwsRequestOverrideConfiguration small() {
    return AwsRequestOverrideConfiguration.builder()
        .apiCallAttemptTimeout(callTimeout)
        .apiCallTimeout(callTimeout.multipliedBy(ATTEMPTS + 1))
        .build();
  }

  private AwsRequestOverrideConfiguration upload(long length) {
    Duration attempt = callTimeout.plusSeconds(length / MIN_UPLOAD_BYTES_PER_SECOND);
    return AwsRequestOverrideConfiguration.builder()
        .apiCallAttemptTimeout(attempt)
        .apiCallTimeout(attempt.multipliedBy(ATTEMPTS + 1))
        .build();
  }

  // --- calls

  @Override
  public void checkAccess() {
    call(
        "listing " + where,
        () ->
            retrying.listObjectsV2(
                b -> b.bucket(bucket).maxKeys(1).overrideConfiguration(small())));
  }

  @Override
  public Stored put(String key, Body body, long length, Map<String, String> metadata) {
    try (ReopeningBody provider = new ReopeningBody(body)) {
      return call(
          "uploading " + key,
          () ->
              new Stored(
                  retrying
                      .putObject(
                          b ->
                              b.bucket(bucket)
                                  .key(key)
                                  .contentLength(length)
                                  .contentType(CONTENT_TYPE)
                                  .metadata(metadata)
                                  .overrideConfiguration(upload(length)),
                          RequestBody.fromContentProvider(provider, length, CONTENT_TYPE))
                      .versionId()));
    }
  }

  @Override
  public String startMultipart(String key, Map<String, String> metadata) {
    return call(
        "starting the multipart upload of " + key,
        () ->
            once.createMultipartUpload(
                    b -> {
                      b.bucket(bucket)
                          .key(key)
                          .contentType(CONTENT_TYPE)
                          .metadata(metadata)
                          .overrideConfiguration(small());
                      if (crc32) {
                        b.checksumAlgorithm(ChecksumAlgorithm.CRC32);
                      }
                    })
                .uploadId());
  }

  @Override
  public Part uploadPart(String key, String uploadId, int number, Body body, long length) {
    try (ReopeningBody provider = new ReopeningBody(body)) {
      UploadPartResponse r =
          call(
              "uploading part " + number + " of " + key,
              () ->
                  retrying.uploadPart(
                      b -> {
                        b.bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .partNumber(number)
                            .contentLength(length)
                            .overrideConfiguration(upload(length));
                        if (crc32) {
                          b.checksumAlgorithm(ChecksumAlgorithm.CRC32);
                        }
                      },
                      RequestBody.fromContentProvider(
                          provider, length, "application/octet-stream")));
      return new Part(number, r.eTag(), r.checksumCRC32());
    }
  }

  @Override
  public Stored completeMultipart(String key, String uploadId, List<Part> parts) {
    List<CompletedPart> done = new ArrayList<>(parts.size());
    for (Part p : parts) {
      CompletedPart.Builder cp = CompletedPart.builder().partNumber(p.number()).eTag(p.etag());
      if (crc32 && p.checksum() != null) {
        cp.checksumCRC32(p.checksum());
      }
      done.add(cp.build());
    }
    return call(
        "completing the multipart upload of " + key,
        () ->
            new Stored(
                once.completeMultipartUpload(
                        b ->
                            b.bucket(bucket)
                                .key(key)
                                .uploadId(uploadId)
                                .multipartUpload(m -> m.parts(done))
                                .overrideConfiguration(upload(0)))
                    .versionId()));
  }

  @Override
  public void abortMultipart(String key, String uploadId) {
    try {
      call(
          "aborting the multipart upload of " + key,
          () ->
              retrying.abortMultipartUpload(
                  b ->
                      b.bucket(bucket).key(key).uploadId(uploadId).overrideConfiguration(small())));
    } catch (OffsiteException e) {
      if (e.problem() != OffsiteProblem.NOT_FOUND) {
        throw e;
      }
    }
  }

  @Override
  public Download get(String key, String versionId) {
    // no call timeout here: the body is read after the call returns and may take long for a big
    // archive;
    // the connect and socket-read timeouts bound every stall
    ResponseInputStream<GetObjectResponse> in =
        call(
            "reading " + key,
            () ->
                retrying.getObject(
                    b -> b.bucket(bucket).key(key).versionId(versionId),
                    ResponseTransformer.toInputStream()));
    GetObjectResponse r = in.response();
    Head head =
        new Head(
            key,
            r.contentLength() == null ? -1 : r.contentLength(),
            r.lastModified(),
            r.metadata(),
            r.versionId());
    return new Download() {
      @Override
      public Head head() {
        return head;
      }

      @Override
      public InputStream body() {
        return in;
      }

      @Override
      public void abort() {
        in.abort();
      }

      @Override
      public void close() {
        try {
          in.close();
        } catch (IOException e) {
          log.debug("closing the body of {} failed: {}", key, e.getMessage());
        }
      }
    };
  }

  @Override
  public Optional<Head> head(String key) {
    try {
      HeadObjectResponse r =
          retrying.headObject(b -> b.bucket(bucket).key(key).overrideConfiguration(small()));
      return Optional.of(
          new Head(
              key,
              r.contentLength() == null ? -1 : r.contentLength(),
              r.lastModified(),
              r.metadata(),
              r.versionId()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw map("reading the head of " + key, e);
    }
  }

  @Override
  public List<Summary> list(String prefix) {
    return call(
        "listing " + prefix + " in " + where,
        () -> {
          List<Summary> out = new ArrayList<>();
          for (ListObjectsV2Response page :
              retrying.listObjectsV2Paginator(
                  b -> b.bucket(bucket).prefix(prefix).overrideConfiguration(small()))) {
            for (S3Object o : page.contents()) {
              out.add(new Summary(o.key(), o.size() == null ? -1 : o.size(), o.lastModified()));
            }
          }
          return out;
        });
  }

  @Override
  public Versioning versioning() {
    try {
      BucketVersioningStatus s =
          retrying
              .getBucketVersioning(b -> b.bucket(bucket).overrideConfiguration(small()))
              .status();
      if (s == BucketVersioningStatus.ENABLED) {
        return Versioning.ENABLED;
      }
      return s == BucketVersioningStatus.SUSPENDED ? Versioning.SUSPENDED : Versioning.OFF;
    } catch (SdkException e) {
      OffsiteException mapped = map("reading the versioning of " + where, e);
      if (mapped.problem() == OffsiteProblem.NOT_SUPPORTED) {
        return Versioning.UNSUPPORTED;
      }
      throw mapped;
    }
  }

  @Override
  public List<Version> versions(String key) {
    return call(
        "listing the versions of " + key,
        () -> {
          List<Version> out = new ArrayList<>();
          for (ListObjectVersionsResponse page :
              retrying.listObjectVersionsPaginator(
                  b -> b.bucket(bucket).prefix(key).overrideConfiguration(small()))) {
            for (ObjectVersion v : page.versions()) {
              if (v.key().equals(key)) {
                out.add(
                    new Version(
                        key,
                        v.versionId(),
                        false,
                        Boolean.TRUE.equals(v.isLatest()),
                        v.lastModified()));
              }
            }
            for (DeleteMarkerEntry m : page.deleteMarkers()) {
              if (m.key().equals(key)) {
                out.add(
                    new Version(
                        key,
                        m.versionId(),
                        true,
                        Boolean.TRUE.equals(m.isLatest()),
                        m.lastModified()));
              }
            }
          }
          return out;
        });
  }

  @Override
  public Optional<Retention> retention(String key, String versionId) {
    try {
      ObjectLockRetention r =
          retrying
              .getObjectRetention(
                  b ->
                      b.bucket(bucket).key(key).versionId(versionId).overrideConfiguration(small()))
              .retention();
      if (r == null
          || r.mode() == null
          || r.retainUntilDate() == null
          || r.mode() == ObjectLockRetentionMode.UNKNOWN_TO_SDK_VERSION) {
        return Optional.empty();
      }
      return Optional.of(new Retention(LockMode.valueOf(r.mode().name()), r.retainUntilDate()));
    } catch (S3Exception e) {
      if ("NoSuchObjectLockConfiguration".equals(code(e))) {
        return Optional.empty(); // the version has no retention
      }
      throw map("reading the retention of " + key, e);
    } catch (SdkException e) {
      throw map("reading the retention of " + key, e);
    }
  }

  @Override
  public void putRetention(String key, String versionId, Retention retention) {
    call(
        "locking " + key + " until " + retention.until(),
        () ->
            retrying.putObjectRetention(
                b ->
                    b.bucket(bucket)
                        .key(key)
                        .versionId(versionId)
                        .retention(
                            r ->
                                r.mode(ObjectLockRetentionMode.fromValue(retention.mode().name()))
                                    .retainUntilDate(retention.until()))
                        .overrideConfiguration(small())));
  }

  @Override
  public void delete(String key, String versionId) {
    call(
        "deleting " + key + (versionId == null ? "" : " version " + versionId),
        () ->
            retrying.deleteObject(
                b ->
                    b.bucket(bucket).key(key).versionId(versionId).overrideConfiguration(small())));
  }

  @Override
  public LockConfig lockConfig() {
    ObjectLockConfiguration c;
    try {
      c =
          retrying
              .getObjectLockConfiguration(b -> b.bucket(bucket).overrideConfiguration(small()))
              .objectLockConfiguration();
    } catch (S3Exception e) {
      if ("ObjectLockConfigurationNotFoundError".equals(code(e))) {
        return LockConfig.DISABLED;
      }
      throw map("reading the object lock configuration of " + where, e);
    } catch (SdkException e) {
      throw map("reading the object lock configuration of " + where, e);
    }
    // S3Proxy answers 200 with an empty configuration: only an explicit Enabled counts
    if (c == null || c.objectLockEnabled() != ObjectLockEnabled.ENABLED) {
      return LockConfig.DISABLED;
    }
    DefaultRetention d = c.rule() == null ? null : c.rule().defaultRetention();
    if (d == null
        || d.mode() == null
        || d.mode() == ObjectLockRetentionMode.UNKNOWN_TO_SDK_VERSION) {
      return new LockConfig(true, null, 0);
    }
    int days = d.days() != null ? d.days() : d.years() != null ? d.years() * 365 : 0;
    return new LockConfig(true, LockMode.valueOf(d.mode().name()), days);
  }

  @Override
  public void close() {
    retrying.close();
    once.close();
    http.close();
  }

  // --- errors

  private <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw map(what, e);
    } catch (UncheckedIOException e) {
      throw new OffsiteException(
          OffsiteProblem.LOCAL_FILE,
          what + ": reading the local file failed: " + e.getCause().getMessage(),
          e);
    }
  }

  private static String code(S3Exception e) {
    return S3Errors.code(e);
  }

  /**
   * One place that turns SDK failures into problems an operator can act on; never includes secrets.
   */
  OffsiteException map(String what, SdkException e) {
    return S3Errors.map(where, what, e);
  }
}
