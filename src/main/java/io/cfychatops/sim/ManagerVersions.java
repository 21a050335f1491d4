package io.cfychatops.sim;

/**
 * Cloudify's {@code ManagerVersion} ({@code cloudify/utils.py}): {@code major.minor.service} from
 * the part before the first {@code -}, non-numeric components ignored, a missing service taken as
 * 0.
 */
final class ManagerVersions {
  private ManagerVersions() {}

  static int[] parse(String raw) {
    int[] out = new int[3];
    int n = 0;
    for (String part : raw.split("-", 2)[0].split("\\.")) {
      if (n == 3) {
        break;
      }
      try {
        out[n] = Integer.parseInt(part.trim());
        n++;
      } catch (NumberFormatException e) {
        // ignored, as Cloudify does
      }
    }
    if (n < 2) {
      throw new IllegalArgumentException("not a manager version: `" + raw + "`");
    }
    return out;
  }

  static int compare(String a, String b) {
    int[] x = parse(a);
    int[] y = parse(b);
    for (int i = 0; i < 3; i++) {
      if (x[i] != y[i]) {
        return Integer.compare(x[i], y[i]);
      }
    }
    return 0;
  }

  static String normalize(String raw) {
    int[] v = parse(raw);
    return v[0] + "." + v[1] + "." + v[2];
  }
}
