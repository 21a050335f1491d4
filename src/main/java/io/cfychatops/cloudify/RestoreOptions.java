package io.cfychatops.cloudify;

/**
 * Options of {@code POST /snapshots/<id>/restore}. The client always sends the portable body of
 * cloudify-api.md §3.7 (all five booleans, {@code recreate_deployments_envs: true}), which every
 * 4.1–7.x manager accepts.
 *
 * @param noReboot only valid together with {@code restoreCertificates} (checked here, as the server
 *     would answer 400)
 * @param ignorePluginFailure honoured by 4.6–5.0.x servers only
 */
public record RestoreOptions(
    boolean force, boolean restoreCertificates, boolean noReboot, boolean ignorePluginFailure) {

  public RestoreOptions {
    if (noReboot && !restoreCertificates) {
      throw new IllegalArgumentException(
          "no_reboot is only relevant when restore_certificates is activated");
    }
  }

  /** All false. */
  public static RestoreOptions defaults() {
    return new RestoreOptions(false, false, false, false);
  }
}
