package io.cfychatops.archive;

import java.util.Optional;

/**
 * A Cloudify manager version as Cloudify compares them ({@code cloudify/utils.py ManagerVersion}):
 * {@code major.minor.service} from the part before the first {@code -}, non-numeric components
 * skipped, a missing service taken as 0 ({@code 7.1}, {@code 7.0.4-ga}, {@code 7.0.4}).
 */
public record ManagerVersion(int major, int minor, int service)
    implements Comparable<ManagerVersion> {

  /** The version {@code raw} names, or empty when Cloudify could not parse it either. */
  public static Optional<ManagerVersion> parse(String raw) {
    if (raw == null || raw.length() > 64) {
      return Optional.empty();
    }
    int[] c = new int[3];
    int n = 0;
    for (String part : raw.split("-", 2)[0].split("\\.", -1)) {
      if (n == 3) {
        break;
      }
      if (!part.isEmpty() && part.length() <= 9 && part.chars().allMatch(Character::isDigit)) {
        c[n++] = Integer.parseInt(part);
      }
    }
    return n < 2 ? Optional.empty() : Optional.of(new ManagerVersion(c[0], c[1], c[2]));
  }

  @Override
  public int compareTo(ManagerVersion o) {
    int d = Integer.compare(major, o.major);
    if (d == 0) {
      d = Integer.compare(minor, o.minor);
    }
    return d != 0 ? d : Integer.compare(service, o.service);
  }

  public boolean newerThan(ManagerVersion o) {
    return compareTo(o) > 0;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + service;
  }
}
