package io.cfychatops.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Slack's Block Kit limits (docs.slack.dev block reference; the Java model checks none of them) and
 * a checker for rendered messages. The total-text limit is not documented: Slack answers {@code
 * msg_blocks_too_long} somewhere around 12k characters, so {@link #TOTAL_TEXT_MAX} is that figure.
 */
public final class BlockKitLimits {
  public static final int MAX_BLOCKS = 50;
  public static final int HEADER_MAX = 150;
  public static final int SECTION_TEXT_MAX = 3000;
  public static final int SECTION_FIELDS_MAX = 10;
  public static final int SECTION_FIELD_TEXT_MAX = 2000;
  public static final int CONTEXT_ELEMENTS_MAX = 10;
  public static final int CONTEXT_TEXT_MAX = 3000;
  public static final int ACTIONS_ELEMENTS_MAX = 25;
  public static final int BUTTON_TEXT_MAX = 75;
  public static final int BUTTON_VALUE_MAX = 2000;
  public static final int ACTION_ID_MAX = 255;
  public static final int BLOCK_ID_MAX = 255;
  public static final int CONFIRM_TITLE_MAX = 100;
  public static final int CONFIRM_TEXT_MAX = 300;
  public static final int CONFIRM_BUTTON_MAX = 30;
  public static final int TOTAL_TEXT_MAX = 12_000;

  private BlockKitLimits() {}

  /** Every limit {@code blocks} breaks, as readable sentences; empty when the message is valid. */
  public static List<String> violations(List<LayoutBlock> blocks) {
    List<String> v = new ArrayList<>();
    if (blocks.isEmpty()) {
      v.add("no blocks");
    }
    if (blocks.size() > MAX_BLOCKS) {
      v.add(blocks.size() + " blocks > " + MAX_BLOCKS);
    }
    Set<String> actionIds = new HashSet<>();
    int total = 0;
    for (int i = 0; i < blocks.size(); i++) {
      LayoutBlock b = blocks.get(i);
      String where = "block " + i + " (" + b.getType() + ")";
      if (b.getBlockId() != null && b.getBlockId().length() > BLOCK_ID_MAX) {
        v.add(where + ": block_id > " + BLOCK_ID_MAX);
      }
      total += textLength(b);
      if (b instanceof HeaderBlock h) {
        checkText(v, where + " text", h.getText(), 1, HEADER_MAX);
        if (h.getText() != null && !(h.getText() instanceof PlainTextObject)) {
          v.add(where + ": header text must be plain_text");
        }
      } else if (b instanceof SectionBlock s) {
        if (s.getText() == null && (s.getFields() == null || s.getFields().isEmpty())) {
          v.add(where + ": neither text nor fields");
        }
        if (s.getText() != null) {
          checkText(v, where + " text", s.getText(), 1, SECTION_TEXT_MAX);
        }
        if (s.getFields() != null) {
          if (s.getFields().size() > SECTION_FIELDS_MAX) {
            v.add(where + ": " + s.getFields().size() + " fields > " + SECTION_FIELDS_MAX);
          }
          for (TextObject f : s.getFields()) {
            checkText(v, where + " field", f, 1, SECTION_FIELD_TEXT_MAX);
          }
        }
      } else if (b instanceof ContextBlock c) {
        List<ContextBlockElement> els = c.getElements();
        if (els == null || els.isEmpty() || els.size() > CONTEXT_ELEMENTS_MAX) {
          v.add(
              where
                  + ": "
                  + (els == null ? 0 : els.size())
                  + " elements, need 1.."
                  + CONTEXT_ELEMENTS_MAX);
        } else {
          for (ContextBlockElement e : els) {
            if (e instanceof TextObject t) {
              checkText(v, where + " element", t, 1, CONTEXT_TEXT_MAX);
            }
          }
        }
      } else if (b instanceof ActionsBlock a) {
        List<BlockElement> els = a.getElements();
        if (els == null || els.isEmpty() || els.size() > ACTIONS_ELEMENTS_MAX) {
          v.add(
              where
                  + ": "
                  + (els == null ? 0 : els.size())
                  + " elements, need 1.."
                  + ACTIONS_ELEMENTS_MAX);
        } else {
          for (BlockElement e : els) {
            if (e instanceof ButtonElement btn) {
              checkButton(v, where, btn, actionIds);
            }
          }
        }
      }
    }
    if (total > TOTAL_TEXT_MAX) {
      v.add("total text " + total + " > " + TOTAL_TEXT_MAX + " (msg_blocks_too_long)");
    }
    return v;
  }

  private static void checkButton(List<String> v, String where, ButtonElement b, Set<String> ids) {
    checkText(v, where + " button text", b.getText(), 1, BUTTON_TEXT_MAX);
    if (b.getText() != null && !(b.getText() instanceof PlainTextObject)) {
      v.add(where + ": button text must be plain_text");
    }
    String id = b.getActionId();
    if (id == null || id.isEmpty() || id.length() > ACTION_ID_MAX) {
      v.add(
          where
              + ": action_id length "
              + (id == null ? 0 : id.length())
              + " not in 1.."
              + ACTION_ID_MAX);
    } else if (!ids.add(id)) {
      v.add(where + ": duplicate action_id " + id);
    }
    if (b.getValue() != null && b.getValue().length() > BUTTON_VALUE_MAX) {
      v.add(where + ": button value > " + BUTTON_VALUE_MAX);
    }
    ConfirmationDialogObject c = b.getConfirm();
    if (c != null) {
      checkText(v, where + " confirm title", c.getTitle(), 1, CONFIRM_TITLE_MAX);
      checkText(v, where + " confirm text", c.getText(), 1, CONFIRM_TEXT_MAX);
      checkText(v, where + " confirm button", c.getConfirm(), 1, CONFIRM_BUTTON_MAX);
      checkText(v, where + " deny button", c.getDeny(), 1, CONFIRM_BUTTON_MAX);
    }
  }

  private static void checkText(List<String> v, String where, TextObject t, int min, int max) {
    String s = text(t);
    if (s == null) {
      v.add(where + ": missing");
    } else if (s.length() < min || s.length() > max || s.isBlank()) {
      v.add(where + ": length " + s.length() + " not in " + min + ".." + max);
    }
  }

  /** The string inside a text object, or null. */
  public static String text(Object t) {
    if (t instanceof PlainTextObject p) {
      return p.getText();
    }
    if (t instanceof MarkdownTextObject m) {
      return m.getText();
    }
    return null;
  }

  /**
   * Every text object's string in {@code blocks} (headers, sections, fields, context, buttons,
   * confirms).
   */
  public static List<String> texts(List<LayoutBlock> blocks) {
    List<String> out = new ArrayList<>();
    for (LayoutBlock b : blocks) {
      collect(b, out);
    }
    return out;
  }

  /** Visible characters in one block. */
  public static int textLength(LayoutBlock b) {
    List<String> out = new ArrayList<>();
    collect(b, out);
    return out.stream().mapToInt(String::length).sum();
  }

  private static void collect(LayoutBlock b, List<String> out) {
    if (b instanceof HeaderBlock h) {
      add(out, h.getText());
    } else if (b instanceof SectionBlock s) {
      add(out, s.getText());
      if (s.getFields() != null) {
        s.getFields().forEach(f -> add(out, f));
      }
    } else if (b instanceof ContextBlock c && c.getElements() != null) {
      c.getElements().forEach(e -> add(out, e));
    } else if (b instanceof ActionsBlock a && a.getElements() != null) {
      for (BlockElement e : a.getElements()) {
        if (e instanceof ButtonElement btn) {
          add(out, btn.getText());
          ConfirmationDialogObject c = btn.getConfirm();
          if (c != null) {
            add(out, c.getTitle());
            add(out, c.getText());
            add(out, c.getConfirm());
            add(out, c.getDeny());
          }
        }
      }
    }
  }

  private static void add(List<String> out, Object t) {
    String s = text(t);
    if (s != null) {
      out.add(s);
    }
  }
}
