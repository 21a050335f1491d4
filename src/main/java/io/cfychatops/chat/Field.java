package io.cfychatops.chat;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A labelled value, rendered as "*label*: value". {@code code} renders the value as inline code
 * (ids, checksums).
 */
public record Field(String label, String value, boolean code) {
  public Field {
    Objects.requireNonNull(label, "label");
    value = value == null ? "" : value;
  }

  public static Field of(String label, @Nullable Object value) {
    return new Field(label, value == null ? "-" : String.valueOf(value), false);
  }

  public static Field code(String label, @Nullable Object value) {
    return new Field(label, value == null ? "-" : String.valueOf(value), true);
  }
}
