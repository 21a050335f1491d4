package io.cfychatops.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import io.cfychatops.chat.Button;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BlockKitRendererTest {
  static final String HOSTILE =
      "<!channel> <!here> <@U123> <#C42|ops> <!subteam^S1> <https://evil|click> *bold* &amp; `tick` a&b";
  static final String LONG_ID = "snap-" + "x".repeat(251);
  static final Pattern BARE_AMP = Pattern.compile("&(?!amp;|lt;|gt;)");

  final BlockKitRenderer renderer = new BlockKitRenderer();

  static List<String> rows(int n, String prefix) {
    return IntStream.range(0, n)
        .mapToObj(i -> prefix + i + " | 2026-01-01 | created | " + LONG_ID.substring(0, 40))
        .toList();
  }

  static Button longButton(int i) {
    return new Button(
        "label " + "L".repeat(300) + HOSTILE,
        "ops." + i + "." + "a".repeat(300),
        "v".repeat(2500),
        Button.Style.DANGER,
        new Button.Confirm(
            "T".repeat(200) + HOSTILE, "X".repeat(600), "C".repeat(50), "D".repeat(50)));
  }

  /** The corpus: every shape the core can produce, at and beyond Slack's limits. */
  static Stream<Message> corpus() {
    List<Message> c = new ArrayList<>();
    c.add(Message.text(Status.OK, "done"));
    c.add(Message.text(Status.INFO, ""));
    c.add(
        Message.builder(Status.FAILED, HOSTILE)
            .line(HOSTILE)
            .code("id", HOSTILE)
            .field("who", HOSTILE)
            .row(HOSTILE)
            .context(HOSTILE)
            .button(
                new Button(
                    HOSTILE,
                    "approval.approve",
                    HOSTILE,
                    Button.Style.PRIMARY,
                    new Button.Confirm(HOSTILE, HOSTILE, HOSTILE, HOSTILE)))
            .build());
    c.add(
        Message.builder(Status.INFO, LONG_ID)
            .code("snapshot", LONG_ID)
            .field("long", LONG_ID)
            .line(LONG_ID)
            .build());
    c.add(Message.builder(Status.INFO, "Snapshots").rows(rows(500, "snap-")).build());
    c.add(
        Message.builder(Status.INFO, "Snapshots")
            .rows(rows(500, "snap-"))
            .nextPage(Button.of("Next page", "page.next", "cursor-2"))
            .build());
    c.add(
        Message.builder(Status.INFO, "Long rows")
            .rows(IntStream.range(0, 40).mapToObj(i -> "r".repeat(5000)).toList())
            .build());
    Message.Builder fields = Message.builder(Status.WARNING, "Many fields");
    IntStream.range(0, 60)
        .forEach(i -> fields.code("field " + i + " " + HOSTILE, LONG_ID + "`" + i));
    c.add(fields.build());
    Message.Builder buttons = Message.builder(Status.PENDING, "Many buttons");
    IntStream.range(0, 40).forEach(i -> buttons.button(longButton(i)));
    buttons.nextPage(Button.of("Next", "page.next", "c"));
    c.add(buttons.build());
    Message.Builder same = Message.builder(Status.PENDING, "Same ids");
    IntStream.range(0, 30)
        .forEach(i -> same.button(Button.of("Approve " + i, "approval.approve", "req-" + i)));
    c.add(same.build());
    Message.Builder lines = Message.builder(Status.RUNNING, "T".repeat(400));
    IntStream.range(0, 10).forEach(i -> lines.line("l".repeat(5000)));
    IntStream.range(0, 25).forEach(i -> lines.context("ctx " + i + " " + "c".repeat(1000)));
    c.add(lines.build());
    // Everything at once.
    Message.Builder all = Message.builder(Status.FAILED, HOSTILE.repeat(10));
    IntStream.range(0, 20).forEach(i -> all.line(HOSTILE.repeat(30)));
    IntStream.range(0, 60).forEach(i -> all.code("k" + i, HOSTILE.repeat(20)));
    all.rows(rows(500, HOSTILE));
    IntStream.range(0, 12).forEach(i -> all.context(HOSTILE.repeat(5)));
    IntStream.range(0, 40).forEach(i -> all.button(longButton(i)));
    c.add(all.build());
    return c.stream();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void everyRenderedMessageIsWithinSlackLimitsAndInert(Message m) {
    BlockKitRenderer.Rendered r = renderer.render(m);
    assertThat(BlockKitLimits.violations(r.blocks())).as(m.title()).isEmpty();
    assertThat(r.text()).isNotBlank();
    assertThat(r.blocks().get(0)).isInstanceOf(HeaderBlock.class);
    List<String> texts = new ArrayList<>(BlockKitLimits.texts(r.blocks()));
    texts.add(r.text());
    for (String t : texts) {
      assertThat(t)
          .doesNotContain("<!")
          .doesNotContain("<@")
          .doesNotContain("<#")
          .doesNotContain("<http")
          .doesNotContain("<")
          .doesNotContain(">");
      assertThat(BARE_AMP.matcher(t).find()).as("bare & in %s", t).isFalse();
    }
    int total = texts.subList(0, texts.size() - 1).stream().mapToInt(String::length).sum();
    assertThat(total).isLessThanOrEqualTo(BlockKitRenderer.TEXT_BUDGET);
  }

  @Test
  void hostileTextIsEscapedOnceInEveryPart() {
    BlockKitRenderer.Rendered r = renderer.render(corpus().toList().get(2));
    String all = String.join("\n", BlockKitLimits.texts(r.blocks()));
    assertThat(all)
        .contains("&lt;!channel&gt;")
        .contains("&lt;@U123&gt;")
        .contains("&lt;https://evil|click&gt;")
        .contains("&amp;amp;")
        .contains("a&amp;b");
    ButtonElement b =
        (ButtonElement) ((ActionsBlock) r.blocks().get(r.blocks().size() - 1)).getElements().get(0);
    assertThat(b.getStyle()).isEqualTo("primary");
    assertThat(b.getValue()).isEqualTo(HOSTILE); // values are opaque, never displayed
  }

  @Test
  void codeValuesCannotBreakOutOfInlineCode() {
    String t = BlockKitRenderer.fieldText(io.cfychatops.chat.Field.code("id", "a`<!channel>`b"));
    assertThat(t).isEqualTo("*id*\n`aˋ&lt;!channel&gt;ˋb`");
    assertThat(t.chars().filter(ch -> ch == '`').count()).isEqualTo(2);
  }

  @Test
  void longListsPaginateWithTheModelsNextPageButton() {
    Message m =
        Message.builder(Status.INFO, "Snapshots")
            .rows(rows(500, "snap-"))
            .nextPage(Button.of("Next page", "page.next", "cursor-2"))
            .build();
    List<LayoutBlock> blocks = renderer.render(m).blocks();
    String all = String.join("\n", BlockKitLimits.texts(blocks));
    assertThat(all).contains("snap-0 |").doesNotContain("snap-499 |").doesNotContain("more rows");
    ActionsBlock last = (ActionsBlock) blocks.get(blocks.size() - 1);
    assertThat(
            ((ButtonElement) last.getElements().get(last.getElements().size() - 1)).getActionId())
        .isEqualTo("page.next");
  }

  @Test
  void longListsWithoutNextPageSayHowManyRowsWereLeftOut() {
    Message m = Message.builder(Status.INFO, "Snapshots").rows(rows(500, "snap-")).build();
    String all = String.join("\n", BlockKitLimits.texts(renderer.render(m).blocks()));
    assertThat(all).containsPattern("…\\d+ more rows, narrow with --search");
  }

  @Test
  void shortListsAreRenderedWhole() {
    Message m = Message.builder(Status.INFO, "Snapshots").rows(rows(20, "snap-")).build();
    String all = String.join("\n", BlockKitLimits.texts(renderer.render(m).blocks()));
    assertThat(all).contains("snap-0 |").contains("snap-19 |").doesNotContain("more rows");
  }

  @Test
  void duplicateActionIdsGetASuffixTheAppStripsAgain() {
    Message m = corpus().toList().get(9);
    List<String> ids =
        renderer.render(m).blocks().stream()
            .filter(b -> b instanceof ActionsBlock)
            .flatMap(b -> ((ActionsBlock) b).getElements().stream())
            .map(e -> ((ButtonElement) e).getActionId())
            .toList();
    assertThat(ids).doesNotHaveDuplicates().contains("approval.approve", "approval.approve~2");
    assertThat(ids.stream().map(BlockKitRenderer::baseActionId).distinct())
        .containsExactly("approval.approve");
    assertThat(SlackApp.ACTION_IDS.matcher("approval.approve~2").matches()).isTrue();
  }

  @Test
  void truncationNeverSplitsAnEntity() {
    for (int max = 2; max < 12; max++) {
      String t = SlackText.truncate(SlackText.escape("ab&&&&&&&&&&&&"), max);
      assertThat(t.length()).isLessThanOrEqualTo(max);
      assertThat(BARE_AMP.matcher(t).find()).as(t).isFalse();
    }
  }

  @Test
  void limitsCheckerFindsViolations() {
    List<LayoutBlock> bad = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      bad.add(
          com.slack.api.model.block.Blocks.header(
              h ->
                  h.text(
                      com.slack.api.model.block.composition.BlockCompositions.plainText(
                          "x".repeat(151)))));
    }
    assertThat(BlockKitLimits.violations(bad))
        .anyMatch(v -> v.contains("51 blocks"))
        .anyMatch(v -> v.contains("length 151"));
  }
}
