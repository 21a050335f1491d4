package io.cfychatops.config;

/** Grandfather-father-son retention counts. All zero means "no policy": nothing is ever deleted. */
public record RetentionConfig(int keepLast, int daily, int weekly, int monthly) {
  /** Keep the last 3, 7 dailies, 4 weeklies, 6 monthlies. */
  public static RetentionConfig defaults() {
    return new RetentionConfig(3, 7, 4, 6);
  }

  public static RetentionConfig none() {
    return new RetentionConfig(0, 0, 0, 0);
  }

  public boolean isEmpty() {
    return keepLast == 0 && daily == 0 && weekly == 0 && monthly == 0;
  }
}
