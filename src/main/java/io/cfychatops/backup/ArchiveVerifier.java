package io.cfychatops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks a stored archive before it counts as a backup:
 *
 * <ol>
 *   <li>the file size equals the sidecar's (a truncated copy fails here);
 *   <li>the SHA-256 of the file, re-read from disk, equals the sidecar's (a flipped byte fails here);
 *   <li>the zip central directory is readable and every entry inflates with a matching CRC-32
 *       (checked here: {@link ZipFile} itself does not);
 *   <li>for the new snapshot format (managers 7.0 and later, cloudify-api.md §8.1) {@code
 *       metadata.json} is present, parses and names a {@code snapshot_version}, and {@code mgmt/}
 *       entries exist. Older (legacy) archives have no fixed entry list we rely on; a {@code
 *       metadata.json} found there must still parse.
 * </ol>
 *
 * <p>Memory use is one fixed buffer whatever the archive size. Stateless and thread-safe.
 */
public final class ArchiveVerifier {
  private static final int BUFFER = 64 * 1024;
  private static final long MAX_METADATA_BYTES = 1 << 20;

  /** The outcome; {@code problems} is empty exactly when {@code ok}. */
  public record Verification(boolean ok, List<String> problems, int entries, String snapshotVersion) {
    public Verification {
      problems = List.copyOf(problems);
    }

    /** One line for reports: "verified" or the first problem. */
    public String summary() {
      return ok ? "verified" : "not verified: " + String.join("; ", problems);
    }
  }

  public Verification verify(StoredArchive archive) {
    List<String> problems = new ArrayList<>();
    Path zip = archive.archive();
    if (!Files.isRegularFile(zip)) {
      return new Verification(false, List.of("archive file " + zip + " is missing"), 0, null);
    }
    long size;
    String sha;
    try {
      size = Files.size(zip);
      sha = sha256(zip);
    } catch (IOException e) {
      return new Verification(false, List.of("cannot read " + zip + ": " + e.getMessage()), 0, null);
    }
    if (size != archive.sizeBytes()) {
      problems.add(
          "size is " + size + " bytes but " + archive.sizeBytes() + " were stored (truncated?)");
    }
    if (!sha.equalsIgnoreCase(archive.sha256())) {
      problems.add(
          "SHA-256 re-read is " + prefix(sha) + "… but " + prefix(archive.sha256())
              + "… was stored (corrupted copy)");
    }
    int entries = 0;
    String snapshotVersion = null;
    boolean hasMgmt = false;
    boolean hasMetadata = false;
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      byte[] buf = new byte[BUFFER];
      Enumeration<? extends ZipEntry> all = zf.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        entries++;
        if (e.getName().startsWith("mgmt/")) {
          hasMgmt = true;
        }
        if (e.getName().equals("metadata.json")) {
          hasMetadata = true;
          if (e.getSize() > MAX_METADATA_BYTES) {
            problems.add("metadata.json is implausibly large (" + e.getSize() + " bytes)");
            continue;
          }
          try (InputStream in = zf.getInputStream(e)) {
            Optional<Map<String, Object>> meta =
                FlatJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (meta.isEmpty()) {
              problems.add("metadata.json is not valid JSON");
            } else {
              snapshotVersion = FlatJson.text(meta.get(), "snapshot_version");
              if (snapshotVersion == null || snapshotVersion.isBlank()) {
                problems.add("metadata.json has no snapshot_version");
              }
            }
          } catch (IOException ex) {
            problems.add("metadata.json is unreadable: " + ex.getMessage());
          }
          continue;
        }
        if (e.isDirectory()) {
          continue;
        }
        // ZipFile does not check CRC-32 itself (only ZipInputStream does): compute it here
        try (CheckedInputStream in = new CheckedInputStream(zf.getInputStream(e), new CRC32())) {
          while (in.read(buf) >= 0) {
            // checksum on the way
          }
          if (e.getCrc() != -1 && in.getChecksum().getValue() != e.getCrc()) {
            problems.add("entry " + e.getName() + " is damaged: CRC-32 mismatch");
            break;
          }
        } catch (IOException ex) {
          problems.add("entry " + e.getName() + " is damaged: " + ex.getMessage());
          break;
        }
      }
    } catch (IOException e) {
      problems.add("zip central directory is unreadable: " + e.getMessage());
      return new Verification(false, problems, entries, null);
    }
    if (entries == 0) {
      problems.add("the archive has no entries");
    }
    if (isNewFormat(archive.managerVersion())) {
      if (!hasMetadata) {
        problems.add("metadata.json is missing (expected in " + archive.managerVersion()
            + " snapshots)");
      }
      if (!hasMgmt) {
        problems.add("no mgmt/ entries (expected in " + archive.managerVersion() + " snapshots)");
      }
    }
    return new Verification(problems.isEmpty(), problems, entries, snapshotVersion);
  }

  /** Managers 7.0+ create the new JSON-per-entity format by default. */
  static boolean isNewFormat(String managerVersion) {
    if (managerVersion == null) {
      return false;
    }
    String major = managerVersion.strip().split("[^0-9]", 2)[0];
    try {
      return !major.isEmpty() && Integer.parseInt(major) >= 7;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md = ArchiveStore.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      byte[] buf = new byte[BUFFER];
      while (in.read(buf) >= 0) {
        // digest on the way
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String prefix(String sha) {
    return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
  }
}
