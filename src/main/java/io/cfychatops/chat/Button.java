package io.cfychatops.chat;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An action button. {@code actionId} names the handler (e.g. {@code approval.approve}); {@code
 * value} carries only an opaque reference (a request id, a page cursor), never a secret.
 */
public record Button(
    String label, String actionId, String value, Style style, @Nullable Confirm confirm) {
  public enum Style {
    DEFAULT,
    PRIMARY,
    DANGER
  }

  /** A confirmation dialog shown before the click counts. */
  public record Confirm(String title, String text, String confirm, String deny) {}

  public Button {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(actionId, "actionId");
    value = value == null ? "" : value;
    style = style == null ? Style.DEFAULT : style;
  }

  public static Button of(String label, String actionId, String value) {
    return new Button(label, actionId, value, Style.DEFAULT, null);
  }
}
