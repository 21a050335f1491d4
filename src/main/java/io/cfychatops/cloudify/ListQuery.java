package io.cfychatops.cloudify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query for list endpoints: projection ({@code _include}), sort keys ({@code _sort}, {@code -field}
 * for descending, repeatable), substring search ({@code _search}), field filters (repeating a value
 * means OR), {@code _all_tenants}, the page size used while following pagination, and an optional
 * overall limit. The server validates include/sort/filter keys (400 on unknown ones).
 *
 * @param pageSize {@code _size} per request, 1..{@value #MAX_PAGE_SIZE}
 * @param limit stop after this many items; 0 means follow pagination to the end
 */
public record ListQuery(
    List<String> include,
    List<String> sort,
    String search,
    Map<String, List<String>> filters,
    boolean allTenants,
    int pageSize,
    int limit) {

  /** The server's default and maximum page size. */
  public static final int MAX_PAGE_SIZE = 1000;

  public ListQuery {
    include = List.copyOf(include);
    sort = List.copyOf(sort);
    Map<String, List<String>> f = new LinkedHashMap<>();
    filters.forEach(
        (k, v) -> {
          if (k == null || k.isBlank() || k.startsWith("_")) {
            throw new IllegalArgumentException(
                "Filter key `" + k + "` is invalid: keys starting with `_` are reserved");
          }
          if (v.isEmpty()) {
            throw new IllegalArgumentException("Filter `" + k + "` has no values");
          }
          f.put(k, List.copyOf(v));
        });
    filters = Collections.unmodifiableMap(f);
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be 1.." + MAX_PAGE_SIZE + ", got " + pageSize);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
  }

  /** Everything, default sort, page size 1000. */
  public static ListQuery all() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder for {@link ListQuery}; not thread-safe. */
  public static final class Builder {
    private final List<String> include = new ArrayList<>();
    private final List<String> sort = new ArrayList<>();
    private String search;
    private final Map<String, List<String>> filters = new LinkedHashMap<>();
    private boolean allTenants;
    private int pageSize = MAX_PAGE_SIZE;
    private int limit;

    private Builder() {}

    public Builder include(String... fields) {
      include.addAll(Arrays.asList(fields));
      return this;
    }

    public Builder sortAscending(String field) {
      sort.add(requireField(field));
      return this;
    }

    public Builder sortDescending(String field) {
      sort.add("-" + requireField(field));
      return this;
    }

    public Builder search(String substring) {
      this.search = substring;
      return this;
    }

    /** Adds a filter; repeated values (or repeated calls for one key) mean OR. */
    public Builder filter(String key, String... values) {
      filters.computeIfAbsent(key, k -> new ArrayList<>()).addAll(Arrays.asList(values));
      return this;
    }

    public Builder allTenants(boolean allTenants) {
      this.allTenants = allTenants;
      return this;
    }

    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public ListQuery build() {
      return new ListQuery(include, sort, search, filters, allTenants, pageSize, limit);
    }

    private static String requireField(String field) {
      if (field == null || field.isBlank() || field.startsWith("-")) {
        throw new IllegalArgumentException("Invalid sort field `" + field + "`");
      }
      return field;
    }
  }
}
