package io.cfychatops.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.cfychatops.chat.Button;
import io.cfychatops.chat.Field;
import io.cfychatops.chat.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a neutral {@link Message} as Block Kit. Pure and thread-safe.
 *
 * <p>Every model string is escaped ({@code & < >}) before it reaches a text object. Output always
 * satisfies {@link BlockKitLimits#violations}: long parts are truncated with "…", long row lists
 * are split over sections and, past the message budget ({@link #MAX_BLOCKS} blocks, {@link
 * #TEXT_BUDGET} characters), cut with the model's {@code nextPage} button or a context line saying
 * how many rows were left out.
 *
 * <p>Layout: header (status emoji + title) · lines (one mrkdwn section) · fields (sections of ≤10)
 * · rows (sections of ≤3000 chars) · context · actions (buttons, then "next page").
 */
public final class BlockKitRenderer {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(BlockKitRenderer.class);

  /** Block Kit result plus the notification fallback {@code text} (never blank). */
  public record Rendered(List<LayoutBlock> blocks, String text) {}

  public static final int MAX_BLOCKS = BlockKitLimits.MAX_BLOCKS;

  /**
   * Total visible characters we allow in one message; Slack rejects messages somewhere around 12k
   * with {@code msg_blocks_too_long} even when every field is within its documented limit.
   */
  public static final int TEXT_BUDGET = 10_000;

  /** Fallback text cap: used for notifications only, full content lives in the blocks. */
  public static final int FALLBACK_MAX = 3_000;

  static final int FIELD_VALUE_MAX = 500;
  static final int CONTEXT_ELEMENT_MAX = 300;
  static final int MAX_ACTION_BLOCKS = 2;

  /** Characters all buttons (labels, confirm dialogs) may use together. */
  static final int ACTIONS_BUDGET = 3_000;

  static final int MAX_CONTEXT_BLOCKS = 1;
  static final String DUPLICATE_SUFFIX = "~";

  public Rendered render(Message m) {
    Budget budget = new Budget();

    // Fixed parts first (they are small and carry the important bits: title, buttons).
    LayoutBlock head = headerBlock(m);
    budget.take(1, BlockKitLimits.textLength(head));

    List<String> contextLines = new ArrayList<>();
    m.context().stream().filter(c -> !c.isBlank()).forEach(contextLines::add);
    List<String> notices = new ArrayList<>();
    List<LayoutBlock> actionBlocks = actionBlocks(m, notices);
    budget.take(
        actionBlocks.size(), actionBlocks.stream().mapToInt(BlockKitLimits::textLength).sum());

    // Reserve one context block (and a line's worth of text) for notices we may add below.
    int contextReserveChars =
        contextLines.stream()
                .limit(BlockKitLimits.CONTEXT_ELEMENTS_MAX)
                .mapToInt(c -> Math.min(CONTEXT_ELEMENT_MAX, SlackText.escape(c).length()))
                .sum()
            + 200;
    budget.take(1, contextReserveChars);
    if (!m.mentions().isEmpty()) {
      budget.take(1, 600);
    }

    List<LayoutBlock> lineBlocks = lineBlocks(m, budget);
    FieldsResult fr = fieldBlocks(m, budget);
    RowsResult rr = rowBlocks(m, budget);

    if (fr.omitted > 0) {
      notices.add("…" + fr.omitted + " more fields not shown");
    }
    if (rr.omitted > 0 && m.nextPage() == null) {
      notices.add("…" + rr.omitted + " more rows, narrow with --search");
    }

    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(head);
    if (!m.mentions().isEmpty()) {
      blocks.add(section(s -> s.text(markdownText(mentionText(m)))));
    }
    blocks.addAll(lineBlocks);
    blocks.addAll(fr.blocks);
    blocks.addAll(rr.blocks);
    LayoutBlock ctx = contextBlock(contextLines, notices);
    if (ctx != null) {
      blocks.add(ctx);
    }
    blocks.addAll(actionBlocks);
    return new Rendered(List.copyOf(blocks), fallback(m));
  }

  /** Notification text: the plain-text rendering, escaped and capped; never blank. */
  static String fallback(Message m) {
    String t = SlackText.escapeMax(m.fallbackText(), FALLBACK_MAX);
    if (!m.mentions().isEmpty()) {
      t = mentionText(m) + " " + t;
    }
    return t.isBlank() ? m.status().tag() : t;
  }

  private static final java.util.regex.Pattern GROUP_ID =
      java.util.regex.Pattern.compile("S[A-Z0-9]{2,20}");

  /**
   * User-group mentions: a validated id becomes {@code <!subteam^ID>} (a real ping); anything else
   * is shown escaped as {@code @handle} and pings nobody.
   */
  static String mentionText(Message m) {
    StringBuilder sb = new StringBuilder();
    for (String g : m.mentions().subList(0, Math.min(5, m.mentions().size()))) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(
          GROUP_ID.matcher(g).matches()
              ? "<!subteam^" + g + ">"
              : "@" + SlackText.escapeMax(g, 80));
    }
    return sb.toString();
  }

  private static LayoutBlock headerBlock(Message m) {
    String title = m.title().isBlank() ? m.status().name().toLowerCase() : m.title().strip();
    String text =
        SlackText.truncate(
            m.status().emoji() + " " + SlackText.escape(title), BlockKitLimits.HEADER_MAX);
    return header(h -> h.text(plainText(text, true)));
  }

  private static List<LayoutBlock> lineBlocks(Message m, Budget budget) {
    if (m.lines().isEmpty() || !budget.hasBlocks(1)) {
      return List.of();
    }
    StringBuilder sb = new StringBuilder();
    for (String l : m.lines()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(SlackText.escape(l));
      if (sb.length() > BlockKitLimits.SECTION_TEXT_MAX) {
        break;
      }
    }
    int max = Math.min(BlockKitLimits.SECTION_TEXT_MAX, Math.max(200, budget.chars * 2 / 5));
    String text = SlackText.truncate(sb.toString(), max);
    if (text.isBlank()) {
      return List.of();
    }
    budget.take(1, text.length());
    return List.of(section(s -> s.text(markdownText(text))));
  }

  private record FieldsResult(List<LayoutBlock> blocks, int omitted) {}

  private static FieldsResult fieldBlocks(Message m, Budget budget) {
    List<LayoutBlock> out = new ArrayList<>();
    List<Field> fields = m.fields();
    int charCap = budget.chars / 2; // keep room for rows
    int used = 0;
    int i = 0;
    while (i < fields.size() && budget.hasBlocks(1)) {
      List<TextObject> chunk = new ArrayList<>();
      int chunkChars = 0;
      while (i < fields.size() && chunk.size() < BlockKitLimits.SECTION_FIELDS_MAX) {
        String t = fieldText(fields.get(i));
        if (used + chunkChars + t.length() > charCap) {
          break;
        }
        chunk.add(markdownText(t));
        chunkChars += t.length();
        i++;
      }
      if (chunk.isEmpty()) {
        break;
      }
      used += chunkChars;
      budget.take(1, chunkChars);
      out.add(section(s -> s.fields(chunk)));
    }
    return new FieldsResult(out, fields.size() - i);
  }

  static String fieldText(Field f) {
    String label = SlackText.escapeMax(f.label().replace("*", ""), 100);
    String value;
    if (f.code()) {
      String raw = f.value().isEmpty() ? "-" : f.value();
      String escaped = SlackText.escape(raw.replace('`', SlackText.BACKTICK_STANDIN));
      value = "`" + SlackText.truncate(escaped, FIELD_VALUE_MAX - 2) + "`";
    } else {
      value = SlackText.escapeMax(f.value().isEmpty() ? "-" : f.value(), FIELD_VALUE_MAX);
    }
    return "*" + label + "*\n" + value;
  }

  private record RowsResult(List<LayoutBlock> blocks, int omitted) {}

  private static RowsResult rowBlocks(Message m, Budget budget) {
    List<LayoutBlock> out = new ArrayList<>();
    List<String> rows = m.rows();
    int i = 0;
    StringBuilder cur = new StringBuilder();
    while (i < rows.size()) {
      String row = SlackText.escapeMax(rows.get(i), BlockKitLimits.SECTION_TEXT_MAX);
      if (row.isBlank()) {
        row = "-";
      }
      int add = row.length() + (cur.length() > 0 ? 1 : 0);
      if (cur.length() > 0 && cur.length() + add > BlockKitLimits.SECTION_TEXT_MAX) {
        // Current section is full: flush it (its block was already reserved).
        String text = cur.toString();
        out.add(section(s -> s.text(markdownText(text))));
        cur.setLength(0);
        continue;
      }
      boolean needsBlock = cur.length() == 0;
      if ((needsBlock && !budget.hasBlocks(1)) || !budget.hasChars(add)) {
        break;
      }
      if (needsBlock) {
        budget.take(1, 0);
      } else {
        cur.append('\n');
      }
      cur.append(row);
      budget.take(0, add);
      i++;
    }
    if (cur.length() > 0) {
      String text = cur.toString();
      out.add(section(s -> s.text(markdownText(text))));
    }
    return new RowsResult(out, rows.size() - i);
  }

  /** Model context lines (as many as fit) followed by our own notices, in one context block. */
  private static LayoutBlock contextBlock(List<String> lines, List<String> notices) {
    int room = BlockKitLimits.CONTEXT_ELEMENTS_MAX - notices.size();
    List<ContextBlockElement> els = new ArrayList<>();
    for (String l : lines.subList(0, Math.min(room, lines.size()))) {
      els.add(markdownText(SlackText.escapeMax(l, CONTEXT_ELEMENT_MAX)));
    }
    for (String n : notices) {
      els.add(markdownText(SlackText.escapeMax(n, CONTEXT_ELEMENT_MAX)));
    }
    return els.isEmpty() ? null : context(els);
  }

  /**
   * Buttons in up to {@link #MAX_ACTION_BLOCKS} actions blocks within {@link #ACTIONS_BUDGET}
   * characters (labels and confirm dialogs); the model's {@code nextPage} always fits. Buttons that
   * do not fit are dropped with a context notice.
   */
  private static List<LayoutBlock> actionBlocks(Message m, List<String> notices) {
    int cap =
        MAX_ACTION_BLOCKS * BlockKitLimits.ACTIONS_ELEMENTS_MAX - (m.nextPage() == null ? 0 : 1);
    Set<String> seenIds = new HashSet<>();
    List<BlockElement> els = new ArrayList<>();
    int chars = 0;
    int reserve = 0;
    ButtonElement next = null;
    if (m.nextPage() != null) {
      next = buttonElement(m.nextPage(), uniqueActionId(m.nextPage().actionId(), seenIds));
      reserve = buttonChars(next);
    }
    int dropped = 0;
    for (Button b : m.buttons()) {
      if (els.size() >= cap) {
        dropped++;
        continue;
      }
      ButtonElement e = buttonElement(b, uniqueActionId(b.actionId(), seenIds));
      int cost = buttonChars(e);
      if (chars + cost + reserve > ACTIONS_BUDGET) {
        dropped++;
        continue;
      }
      chars += cost;
      els.add(e);
    }
    if (next != null) {
      els.add(next);
    }
    if (dropped > 0) {
      log.warn("Message '{}' has more buttons than fit; {} not shown", m.title(), dropped);
      notices.add("…" + dropped + " more actions not shown");
    }
    List<LayoutBlock> out = new ArrayList<>();
    for (int from = 0; from < els.size(); from += BlockKitLimits.ACTIONS_ELEMENTS_MAX) {
      out.add(
          actions(
              new ArrayList<>(
                  els.subList(
                      from, Math.min(els.size(), from + BlockKitLimits.ACTIONS_ELEMENTS_MAX)))));
    }
    return out;
  }

  private static int buttonChars(ButtonElement e) {
    return BlockKitLimits.textLength(actions(List.of(e)));
  }

  /**
   * Slack wants action ids unique within a message; a repeated id gets a {@code ~n} suffix that
   * {@link #baseActionId} strips again before the click reaches the core.
   */
  static String uniqueActionId(String id, Set<String> seen) {
    String base =
        id.length() > BlockKitLimits.ACTION_ID_MAX - 4
            ? id.substring(0, BlockKitLimits.ACTION_ID_MAX - 4)
            : id;
    String candidate = id.length() > BlockKitLimits.ACTION_ID_MAX ? base : id;
    int n = 1;
    while (!seen.add(candidate)) {
      candidate = base + DUPLICATE_SUFFIX + (++n);
    }
    return candidate;
  }

  /** Undoes {@link #uniqueActionId}'s suffix. */
  public static String baseActionId(String actionId) {
    return actionId == null ? "" : actionId.replaceFirst("~\\d{1,3}$", "");
  }

  private static ButtonElement buttonElement(Button b, String actionId) {
    String label =
        SlackText.escapeMax(b.label().isBlank() ? "…" : b.label(), BlockKitLimits.BUTTON_TEXT_MAX);
    String value =
        b.value().length() > BlockKitLimits.BUTTON_VALUE_MAX
            ? b.value().substring(0, BlockKitLimits.BUTTON_VALUE_MAX)
            : b.value();
    return button(
        x -> {
          x.text(plainText(label, true)).actionId(actionId);
          if (!value.isEmpty()) {
            x.value(value);
          }
          switch (b.style()) {
            case PRIMARY -> x.style("primary");
            case DANGER -> x.style("danger");
            default -> {}
          }
          Button.Confirm c = b.confirm();
          if (c != null) {
            x.confirm(
                confirmationDialog(
                    d ->
                        d.title(
                                plainText(
                                    nonBlank(
                                        SlackText.escapeMax(
                                            c.title(), BlockKitLimits.CONFIRM_TITLE_MAX))))
                            .text(
                                plainText(
                                    nonBlank(
                                        SlackText.escapeMax(
                                            c.text(), BlockKitLimits.CONFIRM_TEXT_MAX))))
                            .confirm(
                                plainText(
                                    nonBlank(
                                        SlackText.escapeMax(
                                            c.confirm(), BlockKitLimits.CONFIRM_BUTTON_MAX))))
                            .deny(
                                plainText(
                                    nonBlank(
                                        SlackText.escapeMax(
                                            c.deny(), BlockKitLimits.CONFIRM_BUTTON_MAX))))
                            .style(b.style() == Button.Style.DANGER ? "danger" : null)));
          }
          return x;
        });
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? "OK" : s;
  }

  /** Remaining blocks and visible characters for one message. */
  private static final class Budget {
    int blocks = MAX_BLOCKS;
    int chars = TEXT_BUDGET;

    boolean hasBlocks(int n) {
      return blocks >= n;
    }

    boolean hasChars(int n) {
      return chars >= n;
    }

    void take(int b, int c) {
      blocks -= b;
      chars -= c;
    }
  }
}
