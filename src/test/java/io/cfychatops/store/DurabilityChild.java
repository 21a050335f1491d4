package io.cfychatops.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Child process of {@link DurableCommitsTest}: opens the embedded database in {@code args[0]}, then
 * either writes {@code args[2]} rows with auto-commit, prints {@value #COMMITTED} and halts at once
 * ({@code write}), or prints {@value #OPENED} and waits to be killed ({@code hold}). A halt is a
 * kill -9 as far as the database is concerned: no shutdown hook, no close, no flush.
 */
public final class DurabilityChild {
  static final String COMMITTED = "COMMITTED";
  static final String OPENED = "OPENED";

  private DurabilityChild() {}

  public static void main(String[] args) throws Exception {
    Database db = Database.embedded(Path.of(args[0]));
    if (args[1].equals("hold")) {
      System.out.println(OPENED);
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      Runtime.getRuntime().halt(3);
    }
    int n = Integer.parseInt(args[2]);
    JdbcDeliveryLog log = new JdbcDeliveryLog(db);
    for (int i = 0; i < n; i++) {
      if (!log.firstTime("delivery-" + i, Instant.ofEpochMilli(i))) {
        throw new IllegalStateException("delivery-" + i + " was already there");
      }
    }
    System.out.println(COMMITTED + " " + n);
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
