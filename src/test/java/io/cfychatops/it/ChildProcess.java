package io.cfychatops.it;

import io.cfychatops.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar target/cfy-chatops.jar ARGS} as a child process, the way README starts it, with
 * its stdout and stderr in files under {@code target/it-logs/} (named in every failure message).
 *
 * <p>Lifecycle: {@link #start}; {@link #kill9()} (SIGKILL, checked by the exit status 137) or
 * {@link #close()} (SIGTERM, then SIGKILL after 10 s). Every child is also registered with a JVM
 * shutdown hook, so none outlives the test JVM even when a test fails half-way or is interrupted.
 *
 * <p>JVM options of the child: a small heap and serial GC, so that several bots and simulators fit
 * beside the build on a 2-core machine; nothing that changes the bot's behaviour.
 */
final class ChildProcess implements AutoCloseable {
  /** Exit status of a JVM ended by SIGKILL (128 + 9): proof that {@link #kill9()} was a kill -9. */
  static final int SIGKILL_STATUS = 137;

  static final List<String> JVM_OPTIONS =
      List.of(
          "-Xmx256m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Djava.net.preferIPv4Stack=true");

  /**
   * Variables a developer's shell may carry that would reconfigure the child behind the test's
   * back.
   */
  static final Set<String> SCRUBBED_ENV =
      Set.of(
          "DATABASE_URL",
          "DATABASE_USER",
          "DATABASE_PASSWORD",
          "CFY_CHATOPS_CONFIG",
          "CFY_CHATOPS_DATA",
          "CLOUDIFY_URL",
          "CLOUDIFY_USERNAME",
          "CLOUDIFY_PASSWORD",
          "CLOUDIFY_PASSWORD_FILE",
          "CLOUDIFY_TENANT",
          "CLOUDIFY_CA_CERT",
          "SLACK_BOT_TOKEN",
          "SLACK_APP_TOKEN",
          "SLACK_SIGNING_SECRET",
          "SLACK_API_URL",
          "PORT",
          "HEALTH_PORT",
          "MANAGEMENT_PORT",
          "MANAGEMENT_BIND",
          "LOG_FORMAT",
          "JAVA_TOOL_OPTIONS",
          "CFY_CHATOPS_INSTANCE");

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "it-children-reaper"));
  }

  private final String name;
  private final Process process;
  private final Path out;
  private final Path err;
  private final long startedAtMillis;

  private ChildProcess(String name, Process process, Path out, Path err, long startedAtMillis) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
    this.startedAtMillis = startedAtMillis;
  }

  /**
   * The shaded jar: {@code -Dcfy.jar} (set by the failsafe configuration) or {@code
   * target/cfy-chatops.jar}.
   */
  static Path jar() {
    Path jar = Path.of(System.getProperty("cfy.jar", "target/cfy-chatops.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " does not exist: the acceptance suite runs after `package` (mvn -B verify)");
    }
    return jar;
  }

  /**
   * Starts {@code java [JVM_OPTIONS] -jar cfy-chatops.jar args} with {@code env} added to a
   * scrubbed environment.
   */
  static ChildProcess start(String name, Path logDir, List<String> args, Map<String, String> env) {
    return start(name, logDir, List.of(), args, env);
  }

  /**
   * As {@link #start(String, Path, List, Map)} with extra JVM options (system properties) before
   * {@code -jar}.
   */
  static ChildProcess start(
      String name,
      Path logDir,
      List<String> jvmOptions,
      List<String> args,
      Map<String, String> env) {
    try {
      Files.createDirectories(logDir);
      int n = 1;
      while (Files.exists(logDir.resolve(name + "-" + n + ".out"))) {
        n++;
      }
      Path out = logDir.resolve(name + "-" + n + ".out");
      Path err = logDir.resolve(name + "-" + n + ".err");
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(JVM_OPTIONS);
      cmd.addAll(jvmOptions);
      cmd.add("-jar");
      cmd.add(jar().toString());
      cmd.addAll(args);
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      SCRUBBED_ENV.forEach(pb.environment()::remove);
      pb.environment().putAll(env);
      long at = System.currentTimeMillis();
      Process p = pb.start();
      LIVE.add(p);
      return new ChildProcess(name + "-" + n, p, out, err, at);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** A port free right now on 127.0.0.1 (the child binds it a moment later). */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  long startedAtMillis() {
    return startedAtMillis;
  }

  /**
   * Waits until stdout has a line matching {@code p}; returns the match. Fails naming the log
   * files, at once if the process exits first.
   */
  Matcher awaitStdout(Pattern p, Duration max) {
    Matcher[] found = new Matcher[1];
    boolean ok =
        Await.until(
            max,
            () -> {
              Matcher m = p.matcher(read(out));
              if (m.find()) {
                found[0] = m;
                return true;
              }
              return !process.isAlive();
            });
    if (!ok || found[0] == null) {
      throw new AssertionError(
          name
              + (process.isAlive()
                  ? " printed no line matching " + p + " within " + max
                  : " exited with " + process.exitValue() + " before printing " + p)
              + "\n"
              + tails());
    }
    return found[0];
  }

  /**
   * kill -9: {@link Process#destroyForcibly()} is SIGKILL on Linux; the exit status 137 proves it
   * (a JVM that ran its shutdown hooks after SIGTERM exits 143). Returns when the process is gone.
   */
  long kill9() {
    long at = System.currentTimeMillis();
    process.destroyForcibly();
    int status = waitFor(Duration.ofSeconds(20));
    LIVE.remove(process);
    if (status != SIGKILL_STATUS) {
      throw new AssertionError(
          name
              + " ended with status "
              + status
              + ", not "
              + SIGKILL_STATUS
              + " (SIGKILL)\n"
              + tails());
    }
    return at;
  }

  /** SIGTERM (shutdown hooks run), then SIGKILL if still alive after 10 s. Idempotent. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    LIVE.remove(process);
  }

  private int waitFor(Duration max) {
    try {
      if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " still alive " + max + " after a kill");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The last lines of stdout and stderr, with the files' paths, for failure messages. */
  String tails() {
    return "--- "
        + out
        + " (tail)\n"
        + tail(read(out), 25)
        + "--- "
        + err
        + " (tail)\n"
        + tail(read(err), 25);
  }

  Path stdout() {
    return out;
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return ""; // not written yet, or cut mid-character
    }
  }

  private static String tail(String s, int lines) {
    String[] all = s.split("\n", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
      sb.append(all[i]).append('\n');
    }
    return sb.toString();
  }
}
