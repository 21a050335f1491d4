package io.cfychatops.command;

/**
 * An option of a command as the grammar declares it, for code outside the parser (tests that hold
 * every option to its plumbing, help). The grammar ({@code Grammar}) is the only source.
 *
 * @param shortName e.g. {@code "-f"}, or null
 * @param metavar the value's placeholder, e.g. {@code "SECONDS"}, or null for an on/off flag
 * @param botSide null when the value is sent to the manager; otherwise what the bot does with it
 *     instead
 */
public record Flag(String longName, String shortName, String metavar, String botSide) {
  /** True when the option takes a value. */
  public boolean takesValue() {
    return metavar != null;
  }

  /** True when the option's value goes into the manager's request. */
  public boolean sentToManager() {
    return botSide == null;
  }
}
