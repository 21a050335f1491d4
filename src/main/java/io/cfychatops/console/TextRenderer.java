package io.cfychatops.console;

import io.cfychatops.chat.Button;
import io.cfychatops.chat.Field;
import io.cfychatops.chat.Message;

/** Renders a {@link Message} as readable plain text for a terminal. */
public final class TextRenderer {
  private TextRenderer() {}

  /** Title plus the first lines and fields, on one line (for in-place edits). */
  public static String oneLine(Message m) {
    StringBuilder sb = new StringBuilder();
    sb.append(m.status().tag()).append(' ').append(m.title());
    int n = 0;
    for (String l : m.lines()) {
      if (n++ < 1) {
        sb.append(" · ").append(l.replace('\n', ' '));
      }
    }
    for (Field f : m.fields()) {
      if (n++ < 4) {
        sb.append(" · ").append(f.label()).append(": ").append(f.value());
      }
    }
    return sb.toString();
  }

  public static String render(Message m) {
    StringBuilder sb = new StringBuilder();
    sb.append(m.status().tag()).append(' ').append(m.title());
    if (!m.mentions().isEmpty()) {
      sb.append("  (notify: @").append(String.join(", @", m.mentions())).append(')');
    }
    for (String l : m.lines()) {
      sb.append("\n  ").append(l.replace("\n", "\n  "));
    }
    for (Field f : m.fields()) {
      sb.append("\n  ").append(f.label()).append(": ").append(f.value());
    }
    for (String r : m.rows()) {
      sb.append("\n    ").append(r);
    }
    for (String c : m.context()) {
      sb.append("\n  (").append(c).append(')');
    }
    if (!m.buttons().isEmpty()) {
      sb.append("\n  buttons:");
      for (Button b : m.buttons()) {
        sb.append(" [").append(b.label()).append(']');
      }
    }
    if (m.nextPage() != null) {
      sb.append("\n  more: type `").append(m.nextPage().value()).append('`');
    }
    return sb.toString();
  }
}
