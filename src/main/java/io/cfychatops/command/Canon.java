package io.cfychatops.command;

import io.cfychatops.cloudify.SnapshotId;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a canonical {@code cfy ...} line: path, arguments, then options in call order. An argument
 * that starts with {@code -} is moved after a {@code --} so it reads back as an argument.
 */
final class Canon {
  private final String path;
  private final List<String> args = new ArrayList<>();
  private final List<String> opts = new ArrayList<>();

  Canon(String path) {
    this.path = path;
  }

  Canon arg(String value) {
    if (value != null) {
      args.add(value);
    }
    return this;
  }

  Canon arg(SnapshotId id) {
    return arg(id == null ? null : id.value());
  }

  Canon flag(String name, boolean on) {
    if (on) {
      opts.add(name);
    }
    return this;
  }

  Canon opt(String name, String value) {
    if (value != null) {
      opts.add(name + " " + Text.shellWord(value));
    }
    return this;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("cfy ").append(path);
    boolean dashArg = args.stream().anyMatch(a -> a.startsWith("-"));
    if (!dashArg) {
      args.forEach(a -> b.append(' ').append(Text.shellWord(a)));
    }
    opts.forEach(o -> b.append(' ').append(o));
    if (dashArg) {
      b.append(" --");
      args.forEach(a -> b.append(' ').append(Text.shellWord(a)));
    }
    return b.toString();
  }
}
