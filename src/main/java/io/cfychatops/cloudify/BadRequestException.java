package io.cfychatops.cloudify;

/**
 * A 4xx the caller caused, other than 401/403/404/409: {@code bad_parameters_error}, {@code
 * snapshot_action_error} (e.g. failed snapshot cannot be restored/downloaded), {@code
 * existing_running_execution_error}, {@code illegal_action_error}, 415, ... Inspect {@link
 * #code()}.
 */
public class BadRequestException extends CloudifyException {
  public BadRequestException(int httpStatus, String errorCode, String message, String request) {
    super(httpStatus, errorCode, message, request);
  }

  /** Another execution is active (restore, or legacy create without {@code queue}). */
  public boolean isExistingRunningExecution() {
    return code() == ErrorCode.EXISTING_RUNNING_EXECUTION;
  }
}
