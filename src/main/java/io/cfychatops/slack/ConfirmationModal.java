package io.cfychatops.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import io.cfychatops.chat.ConfirmationPrompt;
import io.cfychatops.text.Truncate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The modal of a typed confirmation ({@code views.open} from a click): one section saying what is
 * asked, one {@code plain_text_input}. Its {@code private_metadata} carries the confirmed action,
 * its value and the channel of the click ({@code actionId value channel}); Slack returns it
 * unchanged with the {@code view_submission}, which only Slack can sign.
 */
final class ConfirmationModal {
  static final String CALLBACK_ID = "approval.confirm";
  static final String BLOCK_ID = "confirm";
  static final String INPUT_ID = "typed";

  /** Longest accepted input: a snapshot id is at most 256 characters. */
  static final int MAX_INPUT = 256;

  /** Slack shows field errors in one line; keep them short. */
  static final int MAX_ERROR = 150;

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  /** What a submission is about, from its {@code private_metadata}. */
  record Target(String actionId, String value, String channel) {}

  private ConfirmationModal() {}

  static View view(ConfirmationPrompt p, String channel) {
    return View.builder()
        .type("modal")
        .callbackId(CALLBACK_ID)
        .privateMetadata(p.actionId() + " " + p.value() + " " + (channel == null ? "" : channel))
        .title(ViewTitle.builder().type("plain_text").text("Confirm approval").build())
        .submit(ViewSubmit.builder().type("plain_text").text("Approve").build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .blocks(
            List.of(
                section(s -> s.text(markdownText(SlackText.escapeMax(p.text(), 2900)))),
                input(
                    i ->
                        i.blockId(BLOCK_ID)
                            .label(plainText(Truncate.clip(p.label(), 2000)))
                            .element(
                                PlainTextInputElement.builder()
                                    .actionId(INPUT_ID)
                                    .maxLength(MAX_INPUT)
                                    .build()))))
        .build();
  }

  /** The target named by {@code metadata}; empty when it is not one this class wrote. */
  static Optional<Target> target(@Nullable String metadata) {
    if (metadata == null) {
      return Optional.empty();
    }
    String[] parts = metadata.split(" ", -1);
    if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches()) {
      return Optional.empty();
    }
    if (!TOKEN.matcher(parts[1]).matches()) {
      return Optional.empty();
    }
    if (!parts[2].isEmpty() && !TOKEN.matcher(parts[2]).matches()) {
      return Optional.empty();
    }
    return Optional.of(new Target(parts[0], parts[1], parts[2]));
  }

  /** The typed text of a submitted view, or null when the field is missing. */
  static @Nullable String typed(@Nullable View view) {
    if (view == null || view.getState() == null || view.getState().getValues() == null) {
      return null;
    }
    Map<String, ViewState.Value> block = view.getState().getValues().get(BLOCK_ID);
    ViewState.Value v = block == null ? null : block.get(INPUT_ID);
    return v == null ? null : v.getValue();
  }

  /** {@code response_action: errors} for the field. */
  static Map<String, String> errors(String reason) {
    return Map.of(BLOCK_ID, Truncate.clip(reason, MAX_ERROR));
  }
}
