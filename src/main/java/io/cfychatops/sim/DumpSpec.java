package io.cfychatops.sim;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a snapshot archive is written from, frozen when the create starts: the archive of a
 * snapshot never changes, whatever happens to the manager afterwards.
 *
 * @param snapshotId the snapshot
 * @param executionId its create execution ({@code metadata.json} {@code execution_id})
 * @param snapshotVersion {@code metadata.json} {@code snapshot_version}: the manager's version
 *     unless the newer-snapshot fault knob says otherwise
 * @param createdAt when the create started (zip entry times)
 * @param content the manager's contents
 * @param executions every execution as the dump writes it (tenant set)
 * @param appended ids of executions the audit-log listener re-dumps: those in progress at dump
 *     time, except the create execution itself ({@code _should_append_entity})
 * @param includeEvents the create's {@code include_events}
 * @param includeLogs the create's {@code include_logs}
 * @param legacy the create's {@code legacy}: write the pre-7.0 format
 * @param premium whether the manager is premium (legacy metadata then names the stage and composer
 *     schema revisions; a community manager's legacy archive lacks them)
 * @param auditDuplicates how many further entities the audit-log listener re-dumps (entities
 *     changed during the dump)
 * @param seed seed of blob bytes and of the duplicates' choice
 * @param targetSize the archive's byte size, reached by padding the blueprint and plugin blobs
 */
record DumpSpec(
    String snapshotId,
    String executionId,
    String snapshotVersion,
    Instant createdAt,
    Content.Frozen content,
    List<Entity> executions,
    Set<String> appended,
    boolean includeEvents,
    boolean includeLogs,
    boolean legacy,
    boolean premium,
    int auditDuplicates,
    long seed,
    long targetSize) {

  DumpSpec {
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(snapshotVersion, "snapshotVersion");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(content, "content");
    executions = List.copyOf(executions);
    appended = Set.copyOf(appended);
  }
}
