package io.cfychatops.access;

/**
 * A user group's members could not be looked up (the chat platform failed or timed out), so a
 * decision that depends on that group cannot be made. Nothing is cached for the failure: the next
 * check asks again. Callers tell the user to try again; they never treat it as "not a member".
 */
public final class GroupLookupException extends RuntimeException {
  private final String group;

  public GroupLookupException(String group, Throwable cause) {
    super(
        "Could not check your membership of user group `"
            + group
            + "` right now (the chat platform did not"
            + " answer), so nothing was done. Please try again in a minute.",
        cause);
    this.group = group;
  }

  /** The group id or handle whose lookup failed. */
  public String group() {
    return group;
  }
}
