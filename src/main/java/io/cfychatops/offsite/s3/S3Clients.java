package io.cfychatops.offsite.s3;

import io.cfychatops.config.OffsiteConfig;
import io.cfychatops.http.Tls;
import java.time.Duration;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Client construction and per-call timeouts for {@link S3Bucket}. */
final class S3Clients {
  /** Slowest upload rate an attempt is allowed before it times out (256 KiB/s). */
  private static final long MIN_UPLOAD_BYTES_PER_SECOND = 256 * 1024;

  static final int ATTEMPTS = 3;

  private S3Clients() {}

  static SdkHttpClient http(OffsiteConfig cfg) {
    UrlConnectionHttpClient.Builder hb =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(cfg.connectTimeout())
            .socketTimeout(cfg.readTimeout());
    if (cfg.caCert() != null) {
      TrustManager[] trust = {Tls.trustManagerFromPem(cfg.caCert())};
      hb.tlsTrustManagersProvider(() -> trust);
    }
    return hb.build();
  }

  static AwsCredentialsProvider credentials(OffsiteConfig cfg) {
    return cfg.usesDefaultCredentials()
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(
            AwsBasicCredentials.create(cfg.accessKey().reveal(), cfg.secretKey().reveal()));
  }

  static S3Client client(
      OffsiteConfig cfg,
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      boolean crc32,
      int attempts) {
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

  // --- timeouts per call

  static AwsRequestOverrideConfiguration small(Duration callTimeout) {
    return AwsRequestOverrideConfiguration.builder()
        .apiCallAttemptTimeout(callTimeout)
        .apiCallTimeout(callTimeout.multipliedBy(ATTEMPTS + 1))
        .build();
  }

  static AwsRequestOverrideConfiguration upload(Duration callTimeout, long length) {
    Duration attempt = callTimeout.plusSeconds(length / MIN_UPLOAD_BYTES_PER_SECOND);
    return AwsRequestOverrideConfiguration.builder()
        .apiCallAttemptTimeout(attempt)
        .apiCallTimeout(attempt.multipliedBy(ATTEMPTS + 1))
        .build();
  }
}
