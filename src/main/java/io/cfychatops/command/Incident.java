package io.cfychatops.command;

import java.util.Objects;

/**
 * Where progress of an operation goes, from {@code --incident}: a new incident channel, or an
 * existing channel given as {@code #name} or as Slack's link form {@code <#C123|name>}.
 */
public sealed interface Incident {

  /** The value as typed back in a canonical command line. */
  String canonical();

  /** {@code --incident new}: open a fresh incident channel. */
  record NewChannel() implements Incident {
    @Override
    public String canonical() {
      return "new";
    }
  }

  /**
   * An existing channel. At least one of {@code id} (from Slack's {@code <#C123|name>}) and {@code
   * name} (without the {@code #}) is set.
   */
  record Channel(String id, String name) implements Incident {
    public Channel {
      if (id == null && name == null) {
        throw new IllegalArgumentException("a channel needs an id or a name");
      }
    }

    @Override
    public String canonical() {
      if (id != null) {
        return "<#" + id + (name == null ? "" : "|" + name) + ">";
      }
      return "#" + Objects.requireNonNull(name);
    }
  }
}
