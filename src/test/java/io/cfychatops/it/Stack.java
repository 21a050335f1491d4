package io.cfychatops.it;

import io.cfychatops.store.TestDatabases;
import io.cfychatops.store.TestDb;
import io.cfychatops.testing.FakeSlackApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One case's world: a fake Slack Web API in the test JVM, a simulator process, the store (an
 * embedded data directory, or a fresh PostgreSQL schema dropped at the end) and the bot processes
 * started on it. {@link #close()} ends every process (also when the case failed half-way) and drops
 * the schema.
 */
final class Stack implements AutoCloseable {
  /** The store the bot runs on. */
  enum Engine {
    EMBEDDED,
    POSTGRESQL
  }

  final String name;
  final Path dir;
  final Engine engine;
  final FakeSlackApi fake;
  final SlackDriver slack;
  final SimProcess sim;
  private final TestDb pg;
  private final List<BotProcess> bots = new ArrayList<>();

  private Stack(
      String name, Path dir, Engine engine, FakeSlackApi fake, SimProcess sim, TestDb pg) {
    this.name = name;
    this.dir = dir;
    this.engine = engine;
    this.fake = fake;
    this.slack = new SlackDriver(fake);
    this.sim = sim;
    this.pg = pg;
  }

  /**
   * Fresh directory, fake Slack, simulator with {@code simFlags}, and (for PostgreSQL) a new
   * schema.
   */
  static Stack start(String caseName, Engine engine, String... simFlags) {
    Path dir = CaseDir.fresh(caseName);
    TestDb pg = null;
    FakeSlackApi fake = null;
    try {
      if (engine == Engine.POSTGRESQL) {
        pg = TestDatabases.postgresql();
        pg.jdbcUrl(); // creates the schema now (or skips the case, or fails under CI=true,
        // without PostgreSQL)
      }
      fake = new FakeSlackApi();
      SimProcess sim = SimProcess.start(dir, "sim", simFlags);
      return new Stack(caseName, dir, engine, fake, sim, pg);
    } catch (IOException e) {
      close(fake, pg);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      close(fake, pg);
      throw e;
    }
  }

  /** The config of a bot on this stack's store with manager {@code default} on the simulator. */
  BotYaml config() {
    return config(sim.baseUrl());
  }

  /**
   * The same with the simulator reached at {@code managerUrl} (e.g. spelt {@code localhost} instead
   * of 127.0.0.1).
   */
  BotYaml config(String managerUrl) {
    BotYaml y =
        engine == Engine.POSTGRESQL
            ? BotYaml.postgres(dir, pg.jdbcUrl(), pg.user())
            : BotYaml.embedded(dir);
    return y.manager("default", managerUrl);
  }

  /** A Socket Mode bot (ready when this returns); it is ended by {@link #close()}. */
  BotProcess socketModeBot(String botName, BotYaml config) {
    BotProcess b = BotProcess.socketMode(botName, dir, config, fake);
    bots.add(b);
    return b;
  }

  /** Starts an HTTP-mode bot (ready when this returns); it is ended by {@link #close()}. */
  BotProcess httpBot(String botName, BotYaml config) {
    BotProcess b = BotProcess.http(botName, dir, config, fake);
    bots.add(b);
    return b;
  }

  @Override
  public void close() {
    dumpSlack(fake, dir);
    for (BotProcess b : bots) {
      try {
        b.close();
      } catch (RuntimeException e) {
        System.err.println(name + ": closing " + e);
      }
    }
    try {
      sim.close();
    } finally {
      close(fake, pg);
    }
  }

  /**
   * Every call the fake Slack received, one per line, into {@code slack-calls.txt} beside the logs
   * (for diagnosis).
   */
  static void dumpSlack(FakeSlackApi fake, Path dir) {
    StringBuilder sb = new StringBuilder();
    for (FakeSlackApi.Call c : fake.calls()) {
      sb.append(fake.receivedAt(c))
          .append(' ')
          .append(c.method())
          .append(" channel=")
          .append(c.param("channel"))
          .append(" ts=")
          .append(c.param("ts"))
          .append(" thread_ts=")
          .append(c.param("thread_ts"))
          .append(" answered_ts=")
          .append(c.method().equals("chat.postMessage") ? fake.tsOf(c) : null)
          .append('\n')
          .append("    ")
          .append(SlackDriver.visible(c).replace("\n", "\n    "))
          .append('\n');
    }
    try {
      java.nio.file.Files.writeString(dir.resolve("slack-calls.txt"), sb.toString());
    } catch (IOException e) {
      System.err.println("cannot write slack-calls.txt: " + e);
    }
  }

  private static void close(FakeSlackApi fake, TestDb pg) {
    if (fake != null) {
      fake.close();
    }
    if (pg != null) {
      pg.close();
    }
  }
}
