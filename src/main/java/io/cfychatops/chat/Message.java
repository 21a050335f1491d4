package io.cfychatops.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A transport-neutral message: a title with a status, free text lines, labelled fields, list rows,
 * context lines (small print) and buttons. Every string is plain text; renderers escape it.
 *
 * <p>{@code mentions} are user groups to notify (a Slack group id {@code S…} becomes a real ping; a
 * handle is shown as text). They are the only way a message pings anyone: text never does.
 *
 * <p>{@code rows} is the body of a list (one snapshot per row, say). Renderers that cannot show
 * every row paginate rather than cut: the core supplies {@code nextPage}, a button that asks for
 * the following page.
 */
public record Message(
    String title,
    Status status,
    List<String> lines,
    List<Field> fields,
    List<String> rows,
    List<String> context,
    List<Button> buttons,
    @Nullable Button nextPage,
    List<String> mentions) {

  public Message {
    title = title == null ? "" : title;
    status = status == null ? Status.INFO : status;
    lines = List.copyOf(lines == null ? List.of() : lines);
    fields = List.copyOf(fields == null ? List.of() : fields);
    rows = List.copyOf(rows == null ? List.of() : rows);
    context = List.copyOf(context == null ? List.of() : context);
    buttons = List.copyOf(buttons == null ? List.of() : buttons);
    mentions = List.copyOf(mentions == null ? List.of() : mentions);
  }

  public static Builder builder(Status status, String title) {
    return new Builder(status, title);
  }

  /** A one-line message. */
  public static Message text(Status status, String title) {
    return builder(status, title).build();
  }

  /** Plain-text rendering used as the notification fallback and by the console. */
  public String fallbackText() {
    StringBuilder sb = new StringBuilder();
    sb.append(status.tag()).append(' ').append(title);
    for (String l : lines) {
      sb.append('\n').append(l);
    }
    for (Field f : fields) {
      sb.append('\n').append(f.label()).append(": ").append(f.value());
    }
    for (String r : rows) {
      sb.append('\n').append("  ").append(r);
    }
    for (String c : context) {
      sb.append('\n').append(c);
    }
    return sb.toString();
  }

  public Builder toBuilder() {
    Builder b = new Builder(status, title);
    b.lines.addAll(lines);
    b.fields.addAll(fields);
    b.rows.addAll(rows);
    b.context.addAll(context);
    b.buttons.addAll(buttons);
    b.nextPage = nextPage;
    b.mentions.addAll(mentions);
    return b;
  }

  /** Mutable builder; {@link #build()} produces an immutable {@link Message}. */
  public static final class Builder {
    private Status status;
    private String title;
    private final List<String> lines = new ArrayList<>();
    private final List<Field> fields = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();
    private final List<String> context = new ArrayList<>();
    private final List<Button> buttons = new ArrayList<>();
    private @Nullable Button nextPage;
    private final List<String> mentions = new ArrayList<>();

    private Builder(Status status, String title) {
      this.status = Objects.requireNonNull(status, "status");
      this.title = Objects.requireNonNull(title, "title");
    }

    public Builder status(Status s) {
      this.status = Objects.requireNonNull(s);
      return this;
    }

    public Builder title(String t) {
      this.title = Objects.requireNonNull(t);
      return this;
    }

    public Builder line(String l) {
      lines.add(l);
      return this;
    }

    public Builder field(String label, Object value) {
      fields.add(Field.of(label, value));
      return this;
    }

    public Builder code(String label, Object value) {
      fields.add(Field.code(label, value));
      return this;
    }

    public Builder field(Field f) {
      fields.add(f);
      return this;
    }

    public Builder row(String r) {
      rows.add(r);
      return this;
    }

    public Builder rows(List<String> r) {
      rows.addAll(r);
      return this;
    }

    public Builder context(String c) {
      context.add(c);
      return this;
    }

    public Builder button(Button b) {
      buttons.add(b);
      return this;
    }

    public Builder clearButtons() {
      buttons.clear();
      return this;
    }

    public Builder nextPage(@Nullable Button b) {
      this.nextPage = b;
      return this;
    }

    /** Notify a user group: its id ({@code S0123}) or handle ({@code ops-oncall}). */
    public Builder mention(@Nullable String group) {
      if (group != null && !group.isBlank()) {
        mentions.add(group.startsWith("@") ? group.substring(1) : group);
      }
      return this;
    }

    public Message build() {
      return new Message(title, status, lines, fields, rows, context, buttons, nextPage, mentions);
    }
  }
}
