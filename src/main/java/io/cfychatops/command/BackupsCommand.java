package io.cfychatops.command;

import io.cfychatops.cloudify.SnapshotId;

/** {@code backups status|history|run|retention|offsite push}: the nightly backups. */
public sealed interface BackupsCommand extends Command {

  /** {@code backups status}: last night's backups per manager. */
  record Status() implements BackupsCommand {
    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.backupsStatus(this);
    }
  }

  /** {@code backups history [NIGHTS]}. */
  record History(int nights) implements BackupsCommand {
    public static final int DEFAULT_NIGHTS = 14;
    public static final int MAX_NIGHTS = 365;

    public History {
      if (nights < 1 || nights > MAX_NIGHTS) {
        throw new IllegalArgumentException("nights must be 1.." + MAX_NIGHTS + ": " + nights);
      }
    }

    @Override
    public String canonical() {
      return new Canon(path())
          .arg(nights == DEFAULT_NIGHTS ? null : Integer.toString(nights))
          .toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.backupsHistory(this);
    }
  }

  /** {@code backups run}: run the nightly backup now. */
  record Run() implements BackupsCommand {
    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.backupsRun(this);
    }
  }

  /**
   * {@code backups retention --dry-run}: what retention would delete. Only dry runs exist in chat.
   */
  record Retention(boolean dryRun) implements BackupsCommand {
    public Retention {
      if (!dryRun) {
        throw new IllegalArgumentException("only dry runs of retention can be asked for from chat");
      }
    }

    @Override
    public String canonical() {
      return new Canon(path()).flag("--dry-run", dryRun).toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.backupsRetention(this);
    }
  }

  /**
   * {@code backups offsite push SNAPSHOT_ID}: copy a stored, verified archive to the off-site store
   * (or confirm the verified copy already there), like the nightly run's off-site step.
   */
  record OffsitePush(SnapshotId snapshotId) implements BackupsCommand {
    public OffsitePush {
      java.util.Objects.requireNonNull(snapshotId, "snapshotId");
    }

    @Override
    public String canonical() {
      return new Canon(path()).arg("push").arg(snapshotId).toString();
    }

    @Override
    public <R> R accept(Command.Visitor<R> v) {
      return v.backupsOffsitePush(this);
    }
  }
}
