package io.cfychatops.cloudify;

import java.util.List;

/**
 * Items of a list call, after following pagination.
 *
 * @param total {@code metadata.pagination.total} of the last page (may exceed {@code items.size()}
 *     when a {@link ListQuery#limit()} was set)
 */
public record ListResult<T>(List<T> items, long total) {
  public ListResult {
    items = List.copyOf(items);
  }

  public int size() {
    return items.size();
  }
}
