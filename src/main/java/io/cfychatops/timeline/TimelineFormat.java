package io.cfychatops.timeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfychatops.json.Json;
import io.cfychatops.text.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a {@link Timeline} is exported: {@code --format md|csv|json}. */
public enum TimelineFormat {
  MD("md", "text/markdown"),
  CSV("csv", "text/csv"),
  JSON("json", "application/json");

  /** The CSV header: the common incident-tool convention. */
  public static final String CSV_HEADER = "Time (UTC),Event,Actor,Detail";

  private final String word;
  private final String mediaType;

  TimelineFormat(String word, String mediaType) {
    this.word = word;
    this.mediaType = mediaType;
  }

  /** The word after {@code --format}, and the file extension. */
  public String word() {
    return word;
  }

  public String mediaType() {
    return mediaType;
  }

  public static Optional<TimelineFormat> parse(String word) {
    return Arrays.stream(values()).filter(f -> f.word.equals(word)).findFirst();
  }

  /** The file name of {@code t} in this format, e.g. {@code timeline-op-x7k2q9.csv}. */
  public String fileName(Timeline t) {
    return "timeline-" + t.operationId() + "." + word;
  }

  public byte[] bytes(Timeline t) {
    return render(t).getBytes(StandardCharsets.UTF_8);
  }

  public String render(Timeline t) {
    return switch (this) {
      case MD -> markdown(t);
      case CSV -> csv(t);
      case JSON -> json(t);
    };
  }

  /** ISO-8601 UTC to the second, e.g. {@code 2026-03-01T10:00:05Z}. */
  static String utc(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  // ---------------------------------------------------------------- Markdown

  private static String markdown(Timeline t) {
    StringBuilder b = new StringBuilder();
    b.append("# Timeline of ")
        .append(t.operationId())
        .append(": ")
        .append(md(t.title()))
        .append(" (")
        .append(t.status())
        .append(")\n\n");
    b.append("| Milestone | Time (UTC) | Since requested |\n|---|---|---|\n");
    for (Timeline.Milestone m : t.milestones()) {
      b.append("| ")
          .append(md(m.name() + (m.name().equals(Timeline.VOTE) ? " (" + m.actor() + ")" : "")))
          .append(" | ")
          .append(utc(m.at()))
          .append(" | ")
          .append(Durations.format(t.sinceStart(m)))
          .append(" |\n");
    }
    b.append('\n');
    for (Timeline.Span s : t.spans()) {
      b.append("- ")
          .append(s.name())
          .append(": ")
          .append(Durations.format(s.duration().orElseThrow()))
          .append('\n');
    }
    b.append("\n| Time (UTC) | Event | Actor | Detail |\n|---|---|---|---|\n");
    for (Timeline.Event e : t.events()) {
      b.append("| ")
          .append(utc(e.at()))
          .append(" | ")
          .append(md(e.event()))
          .append(" | ")
          .append(md(e.actor()))
          .append(" | ")
          .append(md(e.detail()))
          .append(" |\n");
    }
    return b.toString();
  }

  /** A Markdown table cell: pipes and backslashes escaped, no line breaks. */
  static String md(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }

  // ---------------------------------------------------------------- CSV

  private static String csv(Timeline t) {
    StringBuilder b = new StringBuilder(CSV_HEADER).append("\r\n");
    for (Timeline.Event e : t.events()) {
      b.append(cell(utc(e.at())))
          .append(',')
          .append(cell(e.event()))
          .append(',')
          .append(cell(e.actor()))
          .append(',')
          .append(cell(e.detail()))
          .append("\r\n");
    }
    return b.toString();
  }

  /**
   * One CSV field: RFC 4180 quoting (a field with a comma, quote, CR or LF is quoted, quotes
   * doubled), and a leading {@code '} on a field starting with {@code = + - @}, tab or CR, so that
   * a spreadsheet never evaluates it as a formula (OWASP CSV injection).
   */
  static String cell(String s) {
    String v = s;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    boolean quote =
        v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
    return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  // ---------------------------------------------------------------- JSON

  private static String json(Timeline t) {
    ObjectNode root = Json.object();
    root.put("operation", t.operationId())
        .put("manager", t.manager())
        .put("title", t.title())
        .put("status", t.status());
    ArrayNode ms = root.putArray("milestones");
    for (Timeline.Milestone m : t.milestones()) {
      ms.addObject()
          .put("name", m.name())
          .put("time", utc(m.at()))
          .put("actor", m.actor())
          .put("since_requested_seconds", t.sinceStart(m).getSeconds());
    }
    ObjectNode spans = root.putObject("durations_seconds");
    t.downtime().ifPresent(d -> spans.put("downtime", d.getSeconds()));
    t.toApproval().ifPresent(d -> spans.put("to_approval", d.getSeconds()));
    t.restOutage().ifPresent(d -> spans.put("rest_outage", d.getSeconds()));
    t.total().ifPresent(d -> spans.put("total", d.getSeconds()));
    ArrayNode events = root.putArray("events");
    for (Timeline.Event e : t.events()) {
      events
          .addObject()
          .put("time", utc(e.at()))
          .put("event", e.event())
          .put("actor", e.actor())
          .put("detail", e.detail());
    }
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("timeline JSON", e);
    }
  }

  @Override
  public String toString() {
    return word.toLowerCase(Locale.ROOT);
  }
}
