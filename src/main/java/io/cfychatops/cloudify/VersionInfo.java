package io.cfychatops.cloudify;

/** Result of {@code GET /version}. Any field except {@code version} may be null. */
public record VersionInfo(
    String version,
    String edition,
    String build,
    String date,
    String commit,
    String distribution,
    String distroRelease) {

  public boolean isPremium() {
    return "premium".equalsIgnoreCase(edition);
  }

  /** Major version number, or -1 when it cannot be parsed. */
  public int majorVersion() {
    if (version == null) {
      return -1;
    }
    int dot = version.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
