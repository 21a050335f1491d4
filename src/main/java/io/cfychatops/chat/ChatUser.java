package io.cfychatops.chat;

import java.util.Objects;

/** Who is typing or clicking: a Slack user id (or console user name), display name and team id. */
public record ChatUser(String id, String name, String teamId) {
  public ChatUser {
    Objects.requireNonNull(id, "id");
    name = name == null ? id : name;
    teamId = teamId == null ? "" : teamId;
  }

  /** How to mention the user in a message ("@ana"); renderers may turn it into a real mention. */
  public String handle() {
    return "@" + name;
  }
}
