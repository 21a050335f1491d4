package io.cfychatops.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
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
 *   <li>the SHA-256 of the file, re-read from disk, equals the sidecar's (a flipped byte fails
 *       here);
 *   <li>the zip central directory is readable, its entries do not claim more compressed bytes than
 *       the file holds (entries that overlap — the trick of non-recursive zip bombs — fail here,
 *       before anything is inflated), and every entry inflates with a matching CRC-32 (checked
 *       here: {@link ZipFile} itself does not);
 *   <li>for the new snapshot format (managers 7.0 and later, cloudify-api.md §8.1) {@code
 *       metadata.json} is present, parses and names a {@code snapshot_version}, and {@code mgmt/}
 *       entries exist. Older (legacy) archives have no fixed entry list we rely on; a {@code
 *       metadata.json} found there must still parse.
 * </ol>
 *
 * <p><b>Hostile archives.</b> An archive comes from a manager, and anyone who may upload a snapshot
 * to that manager chooses its bytes. No size the zip declares is trusted: every entry is inflated
 * through a counter that stops it at {@link Limits#maxRatio} times its compressed size (at least
 * {@link Limits#ratioFloorBytes}), the whole archive stops at {@link Limits#maxInflatedBytes} (and
 * at {@code maxRatio} times the file size), and {@code metadata.json} is read into memory only up
 * to {@link Limits#maxMetadataBytes}. Going past any limit fails the verification with a reason
 * naming the limit. Nested archives are checked as bytes (CRC-32), never opened.
 *
 * <p>Memory use is one fixed buffer plus at most {@code maxMetadataBytes}, whatever the archive.
 * Stateless and thread-safe.
 */
public final class ArchiveVerifier {
  private static final int BUFFER = 64 * 1024;

  /**
   * What one verification may inflate.
   *
   * @param maxInflatedBytes all entries together, inflated
   * @param maxRatio inflated bytes per compressed byte, per entry and for the archive as a whole
   *     (deflate cannot exceed about 1,032; real snapshot content — SQL dumps, JSON, already
   *     compressed wagons and tarballs — stays far below 100)
   * @param ratioFloorBytes an entry may always inflate this much, whatever its compressed size
   *     (tiny, very compressible files)
   * @param maxMetadataBytes {@code metadata.json} larger than this fails
   * @param maxEntries central-directory entries
   */
  public record Limits(
      long maxInflatedBytes,
      int maxRatio,
      long ratioFloorBytes,
      long maxMetadataBytes,
      int maxEntries) {
    /** 256 GiB inflated, ratio 200, floor 64 KiB, metadata 1 MiB, one million entries. */
    public static final Limits DEFAULT =
        new Limits(256L << 30, 200, 64L << 10, 1L << 20, 1_000_000);

    public Limits {
      if (maxInflatedBytes < 1
          || maxRatio < 1
          || ratioFloorBytes < 0
          || maxMetadataBytes < 1
          || maxEntries < 1) {
        throw new IllegalArgumentException(
            "archive limits must be positive: "
                + maxInflatedBytes
                + ", "
                + maxRatio
                + ", "
                + ratioFloorBytes
                + ", "
                + maxMetadataBytes
                + ", "
                + maxEntries);
      }
    }
  }

  /** The outcome; {@code problems} is empty exactly when {@code ok}. */
  public record Verification(
      boolean ok, List<String> problems, int entries, String snapshotVersion) {
    public Verification {
      problems = List.copyOf(problems);
    }

    /** One line for reports: "verified" or the first problem. */
    public String summary() {
      return ok ? "verified" : "not verified: " + String.join("; ", problems);
    }
  }

  /** Raised inside {@link #verify} when a limit is passed; becomes a problem, never escapes. */
  private static final class LimitExceeded extends IOException {
    LimitExceeded(String message) {
      super(message);
    }
  }

  private final Limits limits;

  public ArchiveVerifier() {
    this(Limits.DEFAULT);
  }

  public ArchiveVerifier(Limits limits) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
  }

  public Limits limits() {
    return limits;
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
      return new Verification(
          false, List.of("cannot read " + zip + ": " + e.getMessage()), 0, null);
    }
    if (size != archive.sizeBytes()) {
      problems.add(
          "size is " + size + " bytes but " + archive.sizeBytes() + " were stored (truncated?)");
    }
    if (!sha.equalsIgnoreCase(archive.sha256())) {
      problems.add(
          "SHA-256 re-read is "
              + prefix(sha)
              + "… but "
              + prefix(archive.sha256())
              + "… was stored (corrupted copy)");
    }
    int entries = 0;
    String snapshotVersion = null;
    boolean hasMgmt = false;
    boolean hasMetadata = false;
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      String structure = checkStructure(zf, size);
      if (structure != null) {
        problems.add(structure);
        return new Verification(false, problems, zf.size(), null);
      }
      long totalBudget =
          Math.min(
              limits.maxInflatedBytes(),
              Math.max(multiplyCapped(size, limits.maxRatio()), limits.ratioFloorBytes()));
      long inflated = 0;
      byte[] buf = new byte[BUFFER];
      Enumeration<? extends ZipEntry> all = zf.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        entries++;
        if (e.getName().startsWith("mgmt/")) {
          hasMgmt = true;
        }
        if (e.isDirectory() && e.getCompressedSize() <= 0) {
          continue;
        }
        boolean metadata = e.getName().equals("metadata.json");
        hasMetadata |= metadata;
        long entryBudget =
            Math.min(
                totalBudget - inflated,
                Math.max(
                    multiplyCapped(Math.max(e.getCompressedSize(), 0), limits.maxRatio()),
                    limits.ratioFloorBytes()));
        ByteArrayOutputStream keep = metadata ? new ByteArrayOutputStream() : null;
        long read = 0;
        // ZipFile does not check CRC-32 itself (only ZipInputStream does): compute it here
        try (CheckedInputStream in = new CheckedInputStream(zf.getInputStream(e), new CRC32())) {
          for (int r; (r = in.read(buf)) >= 0; ) {
            read += r;
            if (read > entryBudget) {
              throw new LimitExceeded(limitReason(e, read, entryBudget, inflated, totalBudget));
            }
            if (keep != null) {
              if (read > limits.maxMetadataBytes()) {
                throw new LimitExceeded(
                    "metadata.json is larger than "
                        + limits.maxMetadataBytes()
                        + " bytes (it declares "
                        + e.getSize()
                        + "; a zip bomb?)");
              }
              keep.write(buf, 0, r);
            }
          }
          inflated += read;
          if (e.getCrc() != -1 && in.getChecksum().getValue() != e.getCrc()) {
            problems.add("entry " + e.getName() + " is damaged: CRC-32 mismatch");
            break;
          }
        } catch (LimitExceeded ex) {
          problems.add(ex.getMessage()); // nothing after a bomb is worth reading
          return new Verification(false, problems, entries, null);
        } catch (IOException ex) {
          problems.add("entry " + e.getName() + " is damaged: " + ex.getMessage());
          break;
        }
        if (keep != null) {
          Optional<JsonNode> meta = SidecarCodec.readObject(keep.toByteArray());
          if (meta.isEmpty()) {
            problems.add("metadata.json is not valid JSON");
          } else {
            snapshotVersion = Json.text(meta.get(), "snapshot_version");
            if (snapshotVersion == null || snapshotVersion.isBlank()) {
              problems.add("metadata.json has no snapshot_version");
            }
          }
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
        problems.add(
            "metadata.json is missing (expected in " + archive.managerVersion() + " snapshots)");
      }
      if (!hasMgmt) {
        problems.add("no mgmt/ entries (expected in " + archive.managerVersion() + " snapshots)");
      }
    }
    return new Verification(problems.isEmpty(), problems, entries, snapshotVersion);
  }

  /**
   * Checks the central directory before anything is inflated: not too many entries, and their
   * compressed sizes together fit in the file (overlapping entries reuse the same compressed bytes
   * many times over). Null when fine, else the problem.
   */
  private String checkStructure(ZipFile zf, long fileSize) {
    if (zf.size() > limits.maxEntries()) {
      return "the archive lists "
          + zf.size()
          + " entries, more than the limit of "
          + limits.maxEntries();
    }
    long declared = 0;
    Enumeration<? extends ZipEntry> all = zf.entries();
    while (all.hasMoreElements()) {
      ZipEntry e = all.nextElement();
      long c = e.getCompressedSize();
      if (c < 0) {
        return "entry " + e.getName() + " declares no compressed size";
      }
      declared += c;
      if (declared > fileSize) {
        return "entries overlap: they declare "
            + declared
            + "+ compressed bytes in a "
            + fileSize
            + "-byte file (a zip bomb?)";
      }
    }
    return null;
  }

  private String limitReason(
      ZipEntry e, long read, long entryBudget, long inflatedBefore, long totalBudget) {
    if (entryBudget >= totalBudget - inflatedBefore) {
      return "the archive inflates to more than "
          + totalBudget
          + " bytes (limit: "
          + limits.maxRatio()
          + "× its size, at most "
          + limits.maxInflatedBytes()
          + " bytes); stopped in entry "
          + e.getName()
          + " (a zip bomb?)";
    }
    return "entry "
        + e.getName()
        + " inflates to more than "
        + entryBudget
        + " bytes from "
        + e.getCompressedSize()
        + " compressed (limit: "
        + limits.maxRatio()
        + "×; it declares "
        + e.getSize()
        + "): a zip bomb?";
  }

  private static long multiplyCapped(long a, long b) {
    long r = a * b;
    return a != 0 && r / a != b ? Long.MAX_VALUE : r;
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
