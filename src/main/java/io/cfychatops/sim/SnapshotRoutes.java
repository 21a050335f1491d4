package io.cfychatops.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** {@code /snapshots…} (§3.1–3.7) and {@code /snapshot-status} (§3.8). */
final class SnapshotRoutes {
  private static final Pattern ID_CHARS = Pattern.compile("^[A-Za-z0-9._-]+$");

  private final SimState state;
  private final Guard guard;
  private final Supplier<OutageMode> outageMode;

  SnapshotRoutes(SimState state, Guard guard, Supplier<OutageMode> outageMode) {
    this.state = state;
    this.guard = guard;
    this.outageMode = outageMode;
  }

  void snapshots(Http.Request r) throws IOException, InterruptedException {
    HttpExchange ex = r.exchange();
    int n = r.size();
    if (n == 1) {
      Http.requireMethod(r.method(), "GET");
      guard.requireAdmin(r.who(), "snapshot_list");
      Http.json(ex, 200, Listing.envelope(state.snapshotItems(), Snapshot.FIELDS, r.query()));
    } else if (n == 2) {
      byId(r, r.seg(1));
    } else if (n == 3 && r.seg(2).equals("archive")) {
      if (r.method().equals("GET")) {
        guard.requireAdmin(r.who(), "snapshot_download");
        download(ex, r.seg(1));
      } else {
        Http.requireMethod(r.method(), "PUT");
        guard.requireAdmin(r.who(), "snapshot_upload");
        upload(r, r.seg(1));
      }
    } else if (n == 3 && r.seg(2).equals("restore")) {
      Http.requireMethod(r.method(), "POST");
      guard.requireAdmin(r.who(), "snapshot_restore");
      restore(r, r.seg(1));
    } else {
      throw Http.notFoundRoute();
    }
  }

  void status(Http.Request r) throws IOException {
    Http.requireSingle(r.size());
    Http.requireMethod(r.method(), "GET");
    Http.json(
        r.exchange(),
        200,
        Json.obj("status", state.restoreInProgress(r.now()) ? "running" : "not-running"));
  }

  private void byId(Http.Request r, String id) throws IOException {
    HttpExchange ex = r.exchange();
    switch (r.method()) {
      case "GET" -> {
        guard.requireAdmin(r.who(), "snapshot_get");
        List<String> include = Listing.includeFields(r.query(), Snapshot.FIELDS);
        Http.json(ex, 200, Listing.project(state.snapshot(id).json(), include));
      }
      case "PUT" -> {
        guard.requireAdmin(r.who(), "snapshot_create");
        JsonNode body = Http.jsonBody(ex);
        validateId(id);
        JsonNode tmp = body.get("tempdir_path");
        SnapshotState.CreateOptions options =
            new SnapshotState.CreateOptions(
                Http.bool(body, "include_credentials", true), Http.bool(body, "include_logs", true),
                Http.bool(body, "include_events", true), Http.bool(body, "queue", false),
                Http.bool(body, "legacy", false),
                    tmp == null || tmp.isNull() ? null : tmp.asText());
        Http.json(ex, 201, state.createSnapshot(id, r.who().username(), r.now(), options));
      }
      case "DELETE" -> {
        guard.requireAdmin(r.who(), "snapshot_delete");
        Http.json(ex, 200, state.deleteSnapshot(id));
      }
      default -> throw Http.methodNotAllowed();
    }
  }

  private static void validateId(String id) {
    String prefix = "The `snapshot_id` argument";
    if (id.isEmpty()) {
      throw ApiError.badParameters(prefix + " is empty");
    }
    if (id.length() > 256) {
      throw ApiError.badParameters(
          prefix + " is too long. Maximum allowed length is 256 characters");
    }
    char c = id.charAt(0);
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      throw ApiError.badParameters(prefix + " must begin with a letter");
    }
    if (!ID_CHARS.matcher(id).matches()) {
      throw ApiError.badParameters(
          prefix
              + " contains illegal characters. Only letters, digits"
              + " and the characters \"-\", \".\" and \"_\" are allowed");
    }
  }

  private void download(HttpExchange ex, String id) throws IOException {
    Object archive = state.archiveFor(id);
    if (archive == null) {
      Http.html(ex, 404, "404 Not Found");
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + id + ".zip\"");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    if (archive instanceof Path file) {
      ex.sendResponseHeaders(200, Files.size(file));
      try (OutputStream out = ex.getResponseBody()) {
        Files.copy(file, out);
      }
    } else {
      SnapshotArchive zip = (SnapshotArchive) archive;
      ex.sendResponseHeaders(200, zip.length());
      try (OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 64 * 1024)) {
        zip.writeTo(out);
      }
    }
  }

  private void upload(Http.Request r, String id) throws IOException, InterruptedException {
    HttpExchange ex = r.exchange();
    String url = Listing.first(r.query(), "snapshot_archive_url");
    String te = ex.getRequestHeaders().getFirst("Transfer-Encoding");
    String cl = ex.getRequestHeaders().getFirst("Content-Length");
    boolean hasBody =
        (te != null && te.toLowerCase(Locale.ROOT).contains("chunked"))
            || (cl != null && !cl.trim().equals("0"));
    if (url != null && hasBody) {
      throw ApiError.badParameters(
          "Can pass snapshot as only one of: URL via query parameters,"
              + " request body, multi-form or chunked.");
    }
    Path file = Files.createTempFile(state.storageDir, "upload-", ".zip");
    try {
      if (url != null) {
        fetch(url, file);
      } else if (hasBody) {
        try (InputStream in = ex.getRequestBody()) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        throw ApiError.badParameters(
            "Missing snapshot archive: send it as the request body or"
                + " pass snapshot_archive_url");
      }
    } catch (ApiError | IOException | InterruptedException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    Http.json(ex, 201, state.uploaded(id, file, r.who().username(), r.now()));
  }

  private static void fetch(String url, Path file) throws InterruptedException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw ApiError.badParameters("Cannot fetch " + url + ": invalid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!Set.of("http", "https", "ftp").contains(scheme)) {
      throw ApiError.badParameters(
          "Cannot fetch " + url + ": only http, https and ftp URLs are accepted");
    }
    if (scheme.equals("ftp")) {
      throw ApiError.badParameters(
          "Cannot fetch " + url + ": ftp is not supported by the simulator");
    }
    try {
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      HttpResponse<Path> resp =
          client.send(
              HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
      if (resp.statusCode() / 100 != 2) {
        throw ApiError.badParameters("Cannot fetch " + url + ": HTTP " + resp.statusCode());
      }
    } catch (IOException e) {
      throw ApiError.badParameters("Cannot fetch " + url + ": " + e);
    }
  }

  private void restore(Http.Request r, String id) throws IOException {
    JsonNode body = Http.jsonBody(r.exchange());
    if (!body.has("force")) {
      throw ApiError.internal(
          "Internal error occurred in manager REST server - KeyError: 'force'",
          "Traceback (most recent call last):\n  File \"snapshots.py\", in post\n"
              + "    request_dict['force']\nKeyError: 'force'\n");
    }
    boolean force = Http.bool(body, "force", false);
    boolean certs = Http.bool(body, "restore_certificates", false);
    boolean noReboot = Http.bool(body, "no_reboot", false);
    if (noReboot && !certs) {
      throw ApiError.badParameters(
          "`no_reboot` is only relevant when `restore_certificates` is activated");
    }
    int timeout = 300;
    JsonNode t = body.get("timeout");
    if (t != null) {
      if (t.isIntegralNumber()) {
        timeout = t.intValue();
      } else if (t.isTextual() && t.asText().matches("-?\\d+")) {
        timeout = Integer.parseInt(t.asText());
      } else {
        throw ApiError.badParameters("invalid parameter, should be int, got: " + Http.pyRepr(t));
      }
    }
    JsonNode ipf = body.get("ignore_plugin_failure");
    Object ignore =
        ipf == null || ipf.isNull() ? false : ipf.isBoolean() ? ipf.booleanValue() : ipf.asText();
    Map<String, Object> params =
        Json.obj(
            "force",
            force,
            "timeout",
            timeout,
            "premium_enabled",
            true,
            "user_is_bootstrap_admin",
            true,
            "restore_certificates",
            certs,
            "no_reboot",
            noReboot,
            "ignore_plugin_failure",
            ignore);
    Http.json(
        r.exchange(),
        200,
        state.restore(id, r.who().username(), r.now(), params, outageMode.get()));
  }
}
