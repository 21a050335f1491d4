package io.cfychatops.offsite.s3;

import io.cfychatops.config.OffsiteConfig;
import io.cfychatops.offsite.Bucket;
import io.cfychatops.offsite.OffsiteException;
import io.cfychatops.offsite.OffsiteProblem;
import io.cfychatops.offsite.Retention;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
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
  private static final String CONTENT_TYPE = "application/zip";

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
    this.http = S3Clients.http(cfg);
    AwsCredentialsProvider credentials = S3Clients.credentials(cfg);
    this.retrying = S3Clients.client(cfg, http, credentials, crc32, S3Clients.ATTEMPTS);
    this.once = S3Clients.client(cfg, http, credentials, crc32, 1);
  }

  @Override
  public String describe() {
    return where;
  }

  // --- timeouts per call

  private AwsRequestOverrideConfiguration small() {
    return S3Clients.small(callTimeout);
  }

  private AwsRequestOverrideConfiguration upload(long length) {
    return S3Clients.upload(callTimeout, length);
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
    return new S3Download(key, in);
  }

  @Override
  public Optional<Head> head(String key) {
    try {
      HeadObjectResponse r =
          retrying.headObject(b -> b.bucket(bucket).key(key).overrideConfiguration(small()));
      return Optional.of(S3Conversions.head(key, r));
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
      return S3Conversions.versioning(s);
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
            S3Conversions.addVersions(key, page, out);
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
      return S3Conversions.retention(r);
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
    return S3Conversions.lockConfig(c);
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
