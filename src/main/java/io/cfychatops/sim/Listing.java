package io.cfychatops.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The list-endpoint machinery of §1.3: validation of {@code _size/_offset}, {@code _sort}, {@code
 * _include} and field filters, {@code _search} on {@code id}, and the envelope.
 */
final class Listing {
  static final int DEFAULT_PAGE_SIZE = 1000;

  private Listing() {}

  /** Filters, sorts, pages and projects {@code items} (all having {@code fields}) per the query. */
  static Map<String, Object> envelope(
      List<Map<String, Object>> items, List<String> fields, Map<String, List<String>> query) {
    int size = nonNegative(query, "_size", DEFAULT_PAGE_SIZE);
    int offset = nonNegative(query, "_offset", 0);
    boolean all = "true".equalsIgnoreCase(first(query, "_get_all_results"));
    List<String> sort = query.getOrDefault("_sort", List.of());
    List<String> badSort =
        sort.stream()
            .map(s -> s.startsWith("-") ? s.substring(1) : s)
            .filter(k -> !fields.contains(k))
            .toList();
    if (!badSort.isEmpty()) {
      throw ApiError.badParameters(
          "Sort keys '" + pyList(badSort) + "' do not exist. Allowed keys are: " + pyList(fields));
    }
    List<String> include = includeFields(query, fields);
    Map<String, List<String>> filters = new LinkedHashMap<>();
    query.forEach(
        (k, v) -> {
          if (!k.startsWith("_")) {
            filters.put(k, v);
          }
        });
    List<String> badFilters = filters.keySet().stream().filter(k -> !fields.contains(k)).toList();
    if (!badFilters.isEmpty()) {
      throw ApiError.badParameters(
          "Filter keys '"
              + pyList(badFilters)
              + "' do not exist. Allowed keys are: "
              + pyList(fields));
    }
    String search = first(query, "_search");

    List<Map<String, Object>> selected = new ArrayList<>();
    for (Map<String, Object> item : items) {
      boolean ok =
          filters.entrySet().stream()
              .allMatch(f -> f.getValue().contains(String.valueOf(item.get(f.getKey()))));
      if (ok && search != null) {
        ok = String.valueOf(item.get("id")).contains(search);
      }
      if (ok) {
        selected.add(item);
      }
    }
    Comparator<Map<String, Object>> cmp = null;
    List<String> keys =
        sort.isEmpty() && fields.contains("created_at") ? List.of("created_at") : sort;
    for (String s : keys) {
      boolean desc = s.startsWith("-");
      String key = desc ? s.substring(1) : s;
      Comparator<Map<String, Object>> c =
          Comparator.comparing(
              m -> m.get(key) == null ? null : String.valueOf(m.get(key)),
              Comparator.nullsFirst(Comparator.<String>naturalOrder()));
      c = desc ? c.reversed() : c;
      cmp = cmp == null ? c : cmp.thenComparing(c);
    }
    if (cmp != null) {
      selected.sort(cmp);
    }
    int total = selected.size();
    List<Map<String, Object>> page =
        all
            ? selected
            : selected.subList(
                Math.min(offset, total), (int) Math.min((long) offset + size, total));
    List<Object> out = page.stream().map(m -> (Object) project(m, include)).toList();
    return Json.obj(
        "items",
        out,
        "metadata",
        Json.obj(
            "pagination",
            Json.obj("total", total, "size", size, "offset", offset),
            "filtered",
            null));
  }

  /** Validated {@code _include} fields, or {@code null} for all. */
  static List<String> includeFields(Map<String, List<String>> query, List<String> fields) {
    List<String> raw = query.get("_include");
    if (raw == null) {
      return null;
    }
    List<String> include =
        raw.stream()
            .flatMap(s -> Arrays.stream(s.split(",")))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    List<String> bad = include.stream().filter(f -> !fields.contains(f)).toList();
    if (!bad.isEmpty()) {
      throw new ApiError(
          400,
          "no_such_include_field_error",
          "Illegal include field(s): " + pyList(bad) + ". Allowed fields are: " + pyList(fields));
    }
    return include;
  }

  static Map<String, Object> project(Map<String, Object> item, List<String> include) {
    if (include == null) {
      return item;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (String f : include) {
      m.put(f, item.get(f));
    }
    return m;
  }

  private static int nonNegative(Map<String, List<String>> query, String key, int dflt) {
    String v = first(query, key);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ApiError.validation(
        "Invalid pagination parameter " + key + "=" + v + ": must be a non-negative integer");
  }

  static String first(Map<String, List<String>> query, String key) {
    List<String> v = query.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  static String pyList(List<String> items) {
    return items.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ", "[", "]"));
  }

  static boolean isReservedTrue(Map<String, List<String>> query, String key) {
    return "true".equalsIgnoreCase(first(query, key));
  }

  static final Set<String> TERMINAL = Set.of("terminated", "failed", "cancelled");
}
