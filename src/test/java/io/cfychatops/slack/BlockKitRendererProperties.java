package io.cfychatops.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.Button;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Fuzz: whatever strings the core hands over, the output is valid and inert. */
class BlockKitRendererProperties {
  final BlockKitRenderer renderer = new BlockKitRenderer();

  @Property(tries = 100)
  void anyMessageIsValidAndHasNoControlSequences(
      @ForAll @StringLength(max = 400) String title,
      @ForAll @Size(max = 30) List<@StringLength(max = 4000) String> lines,
      @ForAll @Size(max = 80) List<@StringLength(max = 300) String> rows,
      @ForAll @Size(max = 15) List<@StringLength(max = 600) String> context,
      @ForAll @Size(max = 40) List<@StringLength(max = 120) String> labels) {
    Message.Builder b = Message.builder(Status.INFO, title);
    lines.forEach(b::line);
    rows.forEach(b::row);
    context.forEach(b::context);
    for (int i = 0; i < labels.size(); i++) {
      b.button(Button.of(labels.get(i), "ops.x", labels.get(i)));
      b.code(labels.get(i), labels.get(i));
    }
    BlockKitRenderer.Rendered r = renderer.render(b.build());
    assertThat(BlockKitLimits.violations(r.blocks())).isEmpty();
    assertThat(r.text()).isNotBlank();
    for (String t : BlockKitLimits.texts(r.blocks())) {
      assertThat(t).doesNotContain("<").doesNotContain(">");
    }
  }

  @Property
  void escapeThenUnescapeRoundTrips(@ForAll String s) {
    assertThat(SlackApp.unescape(SlackText.escape(s))).isEqualTo(s);
  }
}
