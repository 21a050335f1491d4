package io.cfychatops.ops;

import io.cfychatops.cloudify.SnapshotId;
import java.nio.file.Path;
import java.util.List;

/** Typed operation specs and requests for tests. */
public final class TestSpecs {
  private TestSpecs() {}

  public static OperationSpec.RestoreSpec restore(
      String snap, boolean safety, boolean encodingAlphabetCopied) {
    return new OperationSpec.RestoreSpec(
        SnapshotId.of(snap), safety, encodingAlphabetCopied, ManagerPort.RestoreFlags.DEFAULT);
  }

  public static OperationRequest request(
      OperationSpec spec, List<String> approvers, String incident) {
    return new OperationRequest(spec, "prod", "U1", approvers, incident, null);
  }

  public static OperationRequest request(OperationSpec spec) {
    return request(spec, List.of(), null);
  }

  public static OperationSpec.UploadSpec uploadArchive(String snap, String archive) {
    return OperationSpec.UploadSpec.fromArchive(SnapshotId.of(snap), Path.of(archive));
  }

  public static OperationSpec.UploadSpec uploadUrl(String snap, String url) {
    return OperationSpec.UploadSpec.fromUrl(SnapshotId.of(snap), url);
  }
}
