package io.cfychatops.approvals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an approval is about, as a SHA-256 hex digest: if any input differs at execution time, the
 * approval no longer covers what would run.
 *
 * <p>Stable format (do not change without a new prefix): UTF-8 bytes of {@code "cfy-approval-v1"}
 * followed, for each field in the order managerUrl, tenant, commandText, snapshotCreatedAt,
 * snapshotStatus, by {@code '\n'}, the field's length in chars, {@code ':'} and the field (null is
 * the empty string). Length prefixes keep "a|b" + "c" apart from "a" + "b|c".
 */
public final class Fingerprint {
  private Fingerprint() {}

  /** The inputs, kept so a mismatch can be explained field by field. */
  public record Inputs(
      String managerUrl,
      String tenant,
      String commandText,
      String snapshotCreatedAt,
      String snapshotStatus) {
    public String digest() {
      return Fingerprint.of(managerUrl, tenant, commandText, snapshotCreatedAt, snapshotStatus);
    }

    /** The inputs recorded on a request. */
    public static Inputs of(ApprovalRequest r) {
      return new Inputs(
          r.managerUrl(), r.tenant(), r.commandText(), r.snapshotCreatedAt(), r.snapshotStatus());
    }
  }

  public static String of(
      String managerUrl,
      String tenant,
      String commandText,
      String snapshotCreatedAt,
      String snapshotStatus) {
    StringBuilder sb = new StringBuilder("cfy-approval-v1");
    for (String f :
        new String[] {managerUrl, tenant, commandText, snapshotCreatedAt, snapshotStatus}) {
      String v = f == null ? "" : f;
      sb.append('\n').append(v.length()).append(':').append(v);
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
