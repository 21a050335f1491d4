package io.cfychatops.cloudify;

/**
 * Body of {@code PUT /snapshots/<id>}. Every field is optional: a null field is <b>omitted</b> from
 * the JSON (never sent as {@code null}, which the server rejects for booleans) and the server
 * default applies (include_* true, queue false, legacy false).
 *
 * @param tempdirPath 6.4+
 * @param legacy 7.0+
 * @param listenerTimeoutSeconds 7.1+; must not be combined with {@code legacy=true}
 */
public record CreateOptions(
    Boolean includeCredentials,
    Boolean includeLogs,
    Boolean includeEvents,
    Boolean queue,
    String tempdirPath,
    Boolean legacy,
    Double listenerTimeoutSeconds) {

  public CreateOptions {
    if (listenerTimeoutSeconds != null) {
      if (Boolean.TRUE.equals(legacy)) {
        throw new IllegalArgumentException("listener_timeout cannot be combined with legacy=true");
      }
      if (!(listenerTimeoutSeconds >= 0) || listenerTimeoutSeconds.isInfinite()) {
        throw new IllegalArgumentException(
            "listener_timeout must be a non-negative number of seconds, got "
                + listenerTimeoutSeconds);
      }
    }
    if (tempdirPath != null && tempdirPath.isBlank()) {
      throw new IllegalArgumentException("tempdir_path must not be blank");
    }
  }

  /** Server defaults: sends {@code {}}. */
  public static CreateOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder for {@link CreateOptions}; unset fields are omitted from the request. */
  public static final class Builder {
    private Boolean includeCredentials;
    private Boolean includeLogs;
    private Boolean includeEvents;
    private Boolean queue;
    private String tempdirPath;
    private Boolean legacy;
    private Double listenerTimeoutSeconds;

    private Builder() {}

    public Builder includeCredentials(boolean v) {
      includeCredentials = v;
      return this;
    }

    public Builder includeLogs(boolean v) {
      includeLogs = v;
      return this;
    }

    public Builder includeEvents(boolean v) {
      includeEvents = v;
      return this;
    }

    public Builder queue(boolean v) {
      queue = v;
      return this;
    }

    public Builder tempdirPath(String v) {
      tempdirPath = v;
      return this;
    }

    public Builder legacy(boolean v) {
      legacy = v;
      return this;
    }

    public Builder listenerTimeoutSeconds(double v) {
      listenerTimeoutSeconds = v;
      return this;
    }

    public CreateOptions build() {
      return new CreateOptions(
          includeCredentials,
          includeLogs,
          includeEvents,
          queue,
          tempdirPath,
          legacy,
          listenerTimeoutSeconds);
    }
  }
}
