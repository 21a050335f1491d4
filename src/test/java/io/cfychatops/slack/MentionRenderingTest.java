package io.cfychatops.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import org.junit.jupiter.api.Test;

/** Mentions are the only way a message pings: a validated group id pings, anything else is text. */
class MentionRenderingTest {
  private final BlockKitRenderer renderer = new BlockKitRenderer();

  @Test
  void groupIdBecomesASubteamMentionInBlocksAndFallback() {
    Message m =
        Message.builder(Status.FAILED, "Nightly backups: 1 failed").mention("S0ONCALL").build();
    BlockKitRenderer.Rendered r = renderer.render(m);
    String all = String.join("\n", BlockKitLimits.texts(r.blocks()));
    assertThat(all).contains("<!subteam^S0ONCALL>");
    assertThat(r.text()).startsWith("<!subteam^S0ONCALL>");
    assertThat(BlockKitLimits.violations(r.blocks())).isEmpty();
  }

  @Test
  void handlesAndHostileValuesPingNobody() {
    Message m =
        Message.builder(Status.FAILED, "x").mention("@ops-oncall").mention("<!channel>").build();
    String all = String.join("\n", BlockKitLimits.texts(renderer.render(m).blocks()));
    assertThat(all)
        .contains("@ops-oncall")
        .contains("@&lt;!channel&gt;")
        .doesNotContain("<!channel>", "<!subteam");
  }

  @Test
  void noMentionsNoMentionBlock() {
    Message m = Message.text(Status.OK, "fine");
    assertThat(String.join("\n", BlockKitLimits.texts(renderer.render(m).blocks())))
        .doesNotContain("@", "subteam");
  }
}
