package io.cfychatops.cloudify.http;

import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.text.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** OkHttp interceptors for cross-cutting concerns: logging, auth, tenant, maintenance bypass. */
final class Interceptors {

  static final String TENANT_HEADER = "Tenant";
  static final String TOKEN_HEADER = "Authentication-Token";
  static final String BYPASS_MAINTENANCE_HEADER = "X-BYPASS-MAINTENANCE";

  private Interceptors() {}

  /** Per-request switches, attached as an OkHttp tag. */
  record Flags(boolean noAuth, boolean noTenant, boolean bypassMaintenance) {
    static final Flags DEFAULT = new Flags(false, false, false);

    static Flags of(Request r) {
      Flags f = r.tag(Flags.class);
      return f == null ? DEFAULT : f;
    }
  }

  /** "METHOD /path" — never the query (it may carry URLs with secrets) nor headers. */
  static String describe(Request r) {
    return r.method() + " " + r.url().encodedPath();
  }

  /** Logs method, path, status and duration at DEBUG. Never headers or bodies. */
  static final class Logging implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(CloudifyClient.class);
    private final String manager;

    Logging(String manager) {
      this.manager = manager;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      long start = System.nanoTime();
      try {
        Response response = chain.proceed(request);
        if (log.isDebugEnabled()) {
          log.debug(
              "[{}] {} -> {} in {} ms",
              manager,
              describe(request),
              response.code(),
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        return response;
      } catch (IOException e) {
        if (log.isDebugEnabled()) {
          log.debug(
              "[{}] {} failed after {} ms: {}",
              manager,
              describe(request),
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
              Redactor.redact(e.toString()));
        }
        throw e;
      }
    }
  }

  /**
   * Adds {@code Authorization} (Basic) or {@code Authentication-Token}, unless the request opts
   * out.
   */
  static final class Auth implements Interceptor {
    private final String headerName;
    private final String headerValue;

    Auth(Credentials credentials) {
      if (credentials instanceof Credentials.Basic b) {
        headerName = "Authorization";
        headerValue = okhttp3.Credentials.basic(b.username(), b.password(), StandardCharsets.UTF_8);
      } else if (credentials instanceof Credentials.Token t) {
        headerName = TOKEN_HEADER;
        headerValue = t.token();
      } else {
        throw new IllegalArgumentException("Unsupported credentials type");
      }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      Flags flags = Flags.of(request);
      Request.Builder b = request.newBuilder();
      if (!flags.noAuth()) {
        b.header(headerName, headerValue);
      }
      if (flags.bypassMaintenance()) {
        b.header(BYPASS_MAINTENANCE_HEADER, "true");
      }
      return chain.proceed(b.build());
    }

    @Override
    public String toString() {
      return "Auth[" + headerName + ": ***]";
    }
  }

  /**
   * Adds the {@code Tenant} header unless the request opts out (restore, snapshot-status) or names
   * its own tenant.
   */
  static final class Tenant implements Interceptor {
    private final String tenant;

    Tenant(String tenant) {
      this.tenant = tenant;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      if (tenant == null
          || tenant.isBlank()
          || Flags.of(request).noTenant()
          || request.header(TENANT_HEADER) != null) { // a per-request tenant wins
        return chain.proceed(request);
      }
      return chain.proceed(request.newBuilder().header(TENANT_HEADER, tenant).build());
    }
  }
}
