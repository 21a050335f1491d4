package io.cfychatops.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust from a CA PEM file, shared by the HTTP adapters that talk to servers with private CAs (the
 * Cloudify client, the S3 bucket).
 */
public final class Tls {

  private Tls() {}

  /**
   * Trust manager that trusts exactly the certificates in {@code pem} (one or more {@code BEGIN
   * CERTIFICATE} blocks), e.g. the manager's {@code cloudify_external_ca_cert.pem}.
   *
   * @throws IllegalArgumentException naming the file when it is unreadable or holds no certificate
   */
  public static X509TrustManager trustManagerFromPem(Path pem) {
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(pem)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Cannot read CA certificate PEM `" + pem + "`: " + e.getMessage(), e);
    }
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("No certificate found in CA PEM `" + pem + "`");
    }
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("No X509TrustManager available");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build trust store from `" + pem + "`", e);
    }
  }

  /** A TLS context trusting what {@code tm} trusts. */
  public static SSLContext sslContext(X509TrustManager tm) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot initialise TLS", e);
    }
  }
}
