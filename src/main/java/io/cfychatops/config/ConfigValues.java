package io.cfychatops.config;

import static io.cfychatops.json.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every config section reads with: the environment, the list of problems found so far (every
 * one is reported, none stops the reading), and the value readers — unknown keys, URLs, durations,
 * sizes, counts and secrets ({@code *_env} / {@code *_file}). A reader that finds a bad value adds
 * a problem naming the key and returns the default. JSON/YAML tree access is {@code json.Json}'s.
 */
final class ConfigValues {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,13})\\s*(MiB|GiB)?");

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  ConfigValues(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** An environment variable, or null. */
  String env(String name) {
    return env.get(name);
  }

  void problem(String problem) {
    problems.add(problem);
  }

  List<String> problems() {
    return problems;
  }

  void checkKeys(JsonNode n, String where, Set<String> allowed) {
    if (n == null || !n.isObject()) {
      return;
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        problems.add(
            (where.isEmpty() ? "" : where + ".")
                + k
                + ": unknown key (allowed: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }

  URI url(String s, String where) {
    if (s == null) {
      problems.add(where + ": required (e.g. https://10.0.0.5)");
      return URI.create("http://invalid");
    }
    try {
      URI u = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        problems.add(where + ": must be an http(s) URL, got `" + s + "`");
      }
      if (u.getUserInfo() != null) {
        problems.add(where + ": must not carry credentials in the URL");
      }
      return u;
    } catch (IllegalArgumentException e) {
      problems.add(where + ": not a URL: `" + s + "`");
      return URI.create("http://invalid");
    }
  }

  Duration duration(JsonNode n, String key, Duration dflt, String where) {
    String s = text(n, key);
    if (s == null) {
      return dflt;
    }
    Duration d = ConfigLoader.parseDuration(s);
    if (d == null) {
      problems.add(
          where + "." + key + ": expected a duration like 30s, 10m, 2h or 1d, got `" + s + "`");
      return dflt;
    }
    return d;
  }

  long size(JsonNode n, String key, long dflt, String where) {
    String s = text(n, key);
    if (s == null) {
      return dflt;
    }
    Matcher m = SIZE.matcher(s.trim());
    if (!m.matches()) {
      problems.add(where + "." + key + ": a size like 64MiB or 1GiB (or bytes), got `" + s + "`");
      return dflt;
    }
    try {
      long v = Long.parseLong(m.group(1));
      return m.group(2) == null
          ? v
          : Math.multiplyExact(v, "MiB".equals(m.group(2)) ? 1L << 20 : 1L << 30);
    } catch (ArithmeticException e) {
      problems.add(where + "." + key + ": too large, got `" + s + "`");
      return dflt;
    }
  }

  int count(JsonNode n, String key, String where) {
    JsonNode v = n.path(key);
    if (v.isMissingNode()) {
      return 0;
    }
    if (!v.canConvertToInt() || v.asInt() < 0) {
      problems.add(where + "." + key + ": must be a whole number ≥ 0, got `" + v.asText() + "`");
      return 0;
    }
    return v.asInt();
  }

  Secret secret(JsonNode m, String base, String where) {
    String envName = text(m, base + "_env");
    String file = text(m, base + "_file");
    if (envName != null && file != null) {
      problems.add(where + ": give " + base + "_env or " + base + "_file, not both");
    }
    if (envName != null) {
      String v = env.get(envName);
      if (v == null || v.isEmpty()) {
        problems.add(where + "." + base + "_env: environment variable " + envName + " is not set");
        return null;
      }
      return Secret.of(v);
    }
    if (file != null) {
      return readSecretFile(file, where + "." + base + "_file");
    }
    return null;
  }

  Secret readSecretFile(String file, String where) {
    try {
      return Secret.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      problems.add(where + ": cannot read " + file);
      return null;
    }
  }

  static <T> T orDefault(T v, T d) {
    return v == null ? d : v;
  }
}
