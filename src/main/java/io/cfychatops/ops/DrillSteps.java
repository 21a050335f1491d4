package io.cfychatops.ops;

import io.cfychatops.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The restore runbook's own steps, composed for an {@link OpKind#DRILL} onto a scratch manager: the
 * upload ({@link UploadRunbook}), the restore's preflight, maintenance on, the restore sent at most
 * once and its wait through the REST outage ({@link RestoreRunbook}), the REST API back, and
 * maintenance off ({@link MaintenanceRunbook}, always run, only undoing what the drill did). No
 * approval check (a scratch manager needs none) and no safety snapshot. They read the operation's
 * {@link OperationSpec.DrillSpec} through its upload and restore views ({@link
 * Operation#spec(Class)}).
 */
public final class DrillSteps {
  public static final String UPLOAD = "upload";
  public static final String UPLOAD_VERIFY = "upload-verify";
  public static final String PREFLIGHT = "preflight";
  public static final String MAINTENANCE_ON = "maintenance-on";
  public static final String RESTORE = "restore";
  public static final String RESTORE_WAIT = "restore-wait";
  public static final String REST_BACK = "rest-back";
  public static final String MAINTENANCE_OFF = "maintenance-off";

  private DrillSteps() {}

  /** The steps between fetching the copy and validating the result, in order. */
  public static List<Step> restoreOnScratch() {
    return List.of(
        Step.of(UPLOAD, UploadRunbook::upload),
        Step.of(UPLOAD_VERIFY, UploadRunbook::verifyUploaded),
        Step.of(PREFLIGHT, RestoreRunbook::preflight),
        MaintenanceRunbook.maintenanceOnStep(),
        new RestoreRunbook.RestoreStep(),
        new RestoreRunbook.RestoreWaitStep(),
        Step.of(REST_BACK, DrillSteps::restBack),
        MaintenanceRunbook.maintenanceOffStep(true));
  }

  /**
   * After the restore execution ended: waits until the manager's REST API answers {@code /status}
   * (services restart after the database is replaced), within the restore timeout.
   */
  static StepOutcome restBack(StepContext ctx) {
    Instant deadline = ctx.deadline("deadline", ctx.config().restoreTimeout());
    try {
      ManagerPort.StatusInfo st = ctx.api().status(ctx.manager());
      return StepOutcome.done("REST API answers; status " + (st.ok() ? "OK" : "Fail"));
    } catch (ManagerPort.ManagerCallException e) {
      if (!e.isTransient() && e.failure() != ManagerPort.Failure.UNAUTHORIZED) {
        throw e;
      }
      if (ctx.now().isAfter(deadline)) {
        return StepOutcome.fail(
            "the REST API did not answer within "
                + Durations.format(ctx.config().restoreTimeout())
                + " after the restore ("
                + StepRunner.describe(e)
                + ")");
      }
      Duration next = ctx.nextPoll(ctx.config().outagePoll());
      return StepOutcome.waitFor(next, "waiting for the REST API: " + StepRunner.describe(e));
    }
  }

  /** A short reason for people for a manager call that failed. */
  public static String describe(ManagerPort.ManagerCallException e) {
    return StepRunner.describe(e);
  }
}
