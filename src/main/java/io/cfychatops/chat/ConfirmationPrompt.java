package io.cfychatops.chat;

import java.util.Objects;

/**
 * A request for typed confirmation of an approval (Slack: a modal with one text field). Its
 * submission reaches {@link ChatHandler#onConfirmation} as an {@link ActionInvocation} with {@code
 * actionId} and {@code value} as given here, and the typed text.
 *
 * @param actionId the action the typed text confirms, e.g. {@code approval.approve}
 * @param value the action's value, e.g. the request id
 * @param text what is asked for, plain text (the transport escapes it)
 * @param label the field's label, e.g. "Snapshot id"
 */
public record ConfirmationPrompt(String actionId, String value, String text, String label) {
  public ConfirmationPrompt {
    Objects.requireNonNull(actionId, "actionId");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
  }
}
