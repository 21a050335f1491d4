package io.cfychatops.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Options accepted anywhere on the line, whatever the command. Every field is null when not given.
 *
 * @param manager {@code -m/--manager NAME}: which configured manager
 * @param tenant {@code -t/--tenant-name NAME}
 * @param reason {@code --reason TEXT}: why, shown on approval cards and in the audit log
 * @param incident {@code --incident #channel|new}: where progress goes
 */
public record Globals(String manager, String tenant, String reason, Incident incident) {
  /** No global options given. */
  public static final Globals NONE = new Globals(null, null, null, null);

  /** The options as they would be typed, in a fixed order; empty if none. */
  public String canonical() {
    List<String> parts = new ArrayList<>();
    if (manager != null) {
      parts.add("-m " + Text.shellWord(manager));
    }
    if (tenant != null) {
      parts.add("-t " + Text.shellWord(tenant));
    }
    if (reason != null) {
      parts.add("--reason " + Text.shellWord(reason));
    }
    if (incident != null) {
      parts.add("--incident " + Text.shellWord(incident.canonical()));
    }
    return String.join(" ", parts);
  }
}
