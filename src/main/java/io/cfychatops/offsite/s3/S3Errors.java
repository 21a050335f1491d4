package io.cfychatops.offsite.s3;

import io.cfychatops.offsite.OffsiteException;
import io.cfychatops.offsite.OffsiteProblem;
import io.cfychatops.text.Truncate;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Maps AWS SDK failures to {@link OffsiteProblem}s with a message an operator can act on. */
final class S3Errors {
  private S3Errors() {}

  static String code(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  /**
   * One place that turns SDK failures into problems an operator can act on; never includes secrets.
   *
   * @param where the bucket as the operator knows it ({@link S3Bucket#describe()})
   */
  static OffsiteException map(String where, String what, SdkException e) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new OffsiteException(OffsiteProblem.TIMEOUT, what + ": timed out", e);
    }
    if (e instanceof S3Exception s) {
      String code = code(s);
      int status = s.statusCode();
      String tag =
          " (S3 error " + (code == null ? "without a code" : code) + ", HTTP " + status + ")";
      if (code == null) {
        code = "";
      }
      switch (code) {
        case "InvalidAccessKeyId":
          return new OffsiteException(
              OffsiteProblem.BAD_CREDENTIALS,
              what + ": the access key is not known to " + where + tag,
              e);
        case "SignatureDoesNotMatch":
          return new OffsiteException(
              OffsiteProblem.BAD_CREDENTIALS,
              what
                  + ": the secret key does not match the access key (signature rejected by "
                  + where
                  + ")"
                  + tag,
              e);
        case "InvalidToken", "ExpiredToken", "TokenRefreshRequired", "InvalidSecurity":
          return new OffsiteException(
              OffsiteProblem.BAD_CREDENTIALS, what + ": the credentials were rejected" + tag, e);
        case "AccessDenied", "AllAccessDisabled":
          return new OffsiteException(
              OffsiteProblem.ACCESS_DENIED, what + ": access denied" + tag, e);
        case "NoSuchBucket":
          return new OffsiteException(
              OffsiteProblem.NO_SUCH_BUCKET, what + ": " + where + " does not exist" + tag, e);
        case "NoSuchKey", "NoSuchVersion", "NoSuchUpload":
          return new OffsiteException(OffsiteProblem.NOT_FOUND, what + ": no such object" + tag, e);
        case "ObjectLockConfigurationNotFoundError":
          return new OffsiteException(
              OffsiteProblem.LOCK_NOT_ENABLED,
              what + ": " + where + " has Object Lock disabled" + tag,
              e);
        case "NotImplemented":
          return new OffsiteException(
              OffsiteProblem.NOT_SUPPORTED, what + ": not implemented by this store" + tag, e);
        case "RequestTimeTooSkewed":
          return new OffsiteException(
              OffsiteProblem.CLOCK_SKEW, what + ": the store says our clock is off" + tag, e);
        default:
          break;
      }
      String message = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
      if ("InvalidRequest".equals(code) && message != null && message.contains("Object Lock")) {
        return new OffsiteException(
            OffsiteProblem.LOCK_NOT_ENABLED,
            what + ": " + where + " has no Object Lock configuration" + tag,
            e);
      }
      if (status == 403) {
        return new OffsiteException(
            OffsiteProblem.BAD_CREDENTIALS,
            what + ": refused (wrong credentials, or access denied)" + tag,
            e);
      }
      if (status == 404) {
        return new OffsiteException(OffsiteProblem.NOT_FOUND, what + ": not found" + tag, e);
      }
      if (status == 501) {
        return new OffsiteException(
            OffsiteProblem.NOT_SUPPORTED, what + ": not implemented by this store" + tag, e);
      }
      return new OffsiteException(OffsiteProblem.FAILED, what + ": " + shorten(message) + tag, e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return new OffsiteException(
            OffsiteProblem.TIMEOUT, what + ": no answer from " + where + " in time", e);
      }
      if (t instanceof SSLException) {
        return new OffsiteException(
            OffsiteProblem.TLS,
            what + ": TLS handshake with " + where + " failed (" + shorten(t.getMessage()) + ")",
            e);
      }
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return new OffsiteException(
            OffsiteProblem.UNREACHABLE,
            what + ": cannot connect to " + where + " (" + t.getMessage() + ")",
            e);
      }
      if (t instanceof UncheckedIOException u
          && u.getCause() != null
          && !(u.getCause() instanceof SocketTimeoutException)) {
        return new OffsiteException(
            OffsiteProblem.LOCAL_FILE,
            what + ": reading the local file failed: " + u.getCause().getMessage(),
            e);
      }
    }
    return new OffsiteException(OffsiteProblem.FAILED, what + ": " + shorten(e.getMessage()), e);
  }

  private static String shorten(String s) {
    if (s == null) {
      return "no detail";
    }
    return Truncate.clip(s, Truncate.MAX_LINE + 1);
  }
}
