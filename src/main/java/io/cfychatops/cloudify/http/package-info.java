/**
 * The {@link io.cfychatops.cloudify.CloudifyClient} over OkHttp and Jackson: {@link
 * io.cfychatops.cloudify.http.HttpCloudifyClient} (with its {@link
 * io.cfychatops.cloudify.http.RetryPolicy}) is the only public class. Everything else is
 * package-private glue: {@code Exchange} (URLs, the retrying send loop, JSON bodies, pagination),
 * {@code Interceptors} (auth, tenant, maintenance bypass, redacted logging), {@code ErrorMapper}
 * (non-2xx → the {@link io.cfychatops.cloudify.CloudifyException} family, once), {@code Models}
 * (JSON → API records), {@code ArchiveDownload} and {@code PipelinedCopy} (streamed, hashed,
 * durable archive downloads). Trust from a CA PEM is {@link io.cfychatops.http.Tls}.
 */
package io.cfychatops.cloudify.http;
