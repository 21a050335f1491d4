package io.cfychatops.sim;

import java.util.Locale;

/**
 * How much the seeded manager holds: {@code none} (a fresh manager: {@code default_tenant}, the
 * admin user, the built-in permissions), {@code small} (about 160 entities in 2 tenants), {@code
 * medium} (about 2,000 in 3), {@code large} (about 20,000 in 4) or about {@code N} entities.
 *
 * @param label what the command line said
 * @param entities the approximate number of entities wanted
 */
public record ContentSize(String label, int entities) {
  public static final ContentSize NONE = new ContentSize("none", 0);
  public static final ContentSize SMALL = new ContentSize("small", 160);
  public static final ContentSize MEDIUM = new ContentSize("medium", 2_000);
  public static final ContentSize LARGE = new ContentSize("large", 20_000);

  /** More would not fit comfortably in a simulator's heap. */
  public static final int MAX_ENTITIES = 5_000_000;

  public ContentSize {
    if (entities < 0 || entities > MAX_ENTITIES) {
      throw new IllegalArgumentException(
          "content size must be 0.." + MAX_ENTITIES + " entities, got " + entities);
    }
  }

  /** {@code none|small|medium|large|N}; anything else throws, naming the value. */
  public static ContentSize parse(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "none", "0" -> {
        return NONE;
      }
      case "small" -> {
        return SMALL;
      }
      case "medium" -> {
        return MEDIUM;
      }
      case "large" -> {
        return LARGE;
      }
      default -> {
        try {
          return new ContentSize(v, Integer.parseInt(v.replace("_", "")));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "Bad content size `"
                  + s
                  + "`; use none, small, medium, large or a number of entities");
        }
      }
    }
  }

  /** Tenants the seed spreads the entities over (default_tenant included). */
  int tenants() {
    if (entities == 0) {
      return 1;
    }
    if (this.equals(SMALL) || entities <= 500) {
      return 2;
    }
    return Math.min(8, 3 + entities / 25_000);
  }

  /** Deployments per tenant; every other tenant entity is sized from it (≈ 18.7 per deployment). */
  int deploymentsPerTenant() {
    if (entities == 0) {
      return 0;
    }
    return Math.max(1, (int) Math.round(entities / (double) tenants() / 18.7));
  }
}
