/**
 * Reading snapshot archives without trusting them: {@link io.cfychatops.archive.ArchivePreview}
 * reads a stored archive (a zip from a manager, possibly hostile) and says what a Cloudify restore
 * of it would do — format, versions, per tenant the counts by type after the restore's own
 * de-duplication, blueprint and deployment ids, users and tenants to be created, execution
 * schedules — streamed with bounded memory and zip-bomb caps ({@link
 * io.cfychatops.archive.ArchiveLimits}), never extracted to disk.
 *
 * <p>Transport-free: no Slack, OkHttp or Jackson type in the public API (Jackson's streaming parser
 * is used inside). The preview, the pre-restore gate and the restore receipt build on it.
 */
package io.cfychatops.archive;
