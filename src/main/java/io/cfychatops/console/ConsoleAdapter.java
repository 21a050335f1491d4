package io.cfychatops.console;

import io.cfychatops.chat.ChatHandler;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.Invocation;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Responder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads lines, runs each {@code /cfy …} line through the core as the current user, prints replies.
 * {@code /as NAME} switches user; {@code /quit} stops. At end of input it waits (bounded) for work
 * still running, then returns.
 */
public final class ConsoleAdapter {
  private static final Pattern USER = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,39}");
  private static final Pattern VOTE_LAST =
      Pattern.compile("^((?:/cfy\\s+)?(?:approve|deny|cancel)\\s+)last\\b(.*)$");
  public static final String CHANNEL = "console";

  private final ChatHandler handler;
  private final ChatPort port;
  private final Supplier<String> lastRequestId;
  private final PrintStream out;
  private final Predicate<Duration> awaitIdle;
  private final AtomicLong delivery = new AtomicLong();

  /** Delivery ids are remembered in the store: make them unique across console sessions. */
  private final String session = java.util.UUID.randomUUID().toString().substring(0, 8);

  private ChatUser user;

  /**
   * @param awaitIdle waits up to the given time for running work; true when everything finished
   */
  public ConsoleAdapter(
      ChatHandler handler,
      ConsoleChatPort port,
      PrintStream out,
      String startUser,
      Predicate<Duration> awaitIdle) {
    this(handler, port, port::lastRequestId, out, startUser, awaitIdle);
  }

  /**
   * @param lastRequestId the newest approval request id shown, so a script can type {@code approve
   *     last}
   */
  public ConsoleAdapter(
      ChatHandler handler,
      ChatPort port,
      Supplier<String> lastRequestId,
      PrintStream out,
      String startUser,
      Predicate<Duration> awaitIdle) {
    this.handler = handler;
    this.port = port;
    this.lastRequestId = lastRequestId;
    this.out = out;
    this.awaitIdle = awaitIdle;
    this.user = new ChatUser(startUser, startUser, "console");
  }

  public ChatUser user() {
    return user;
  }

  /** Runs until end of input or {@code /quit}; then waits up to {@code drain} for running work. */
  public void run(BufferedReader in, Duration perLine, Duration drain) throws IOException {
    say(
        "cfy-chatops console — you are "
            + user.name()
            + ". Type /cfy help, /as NAME to switch user, /quit to leave.");
    String line;
    while ((line = in.readLine()) != null) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (t.equals("/quit") || t.equals("/exit")) {
        break;
      }
      say(user.name() + "> " + t);
      if (t.equals("/as") || t.startsWith("/as ")) {
        switchUser(t.substring(3).strip());
        continue;
      }
      handle(t);
      // Give the line's work up to perLine to settle so its output precedes the next prompt; work
      // still running then keeps going (its output follows later) and the drain below waits for it.
      var unused = awaitIdle.test(perLine);
    }
    if (!awaitIdle.test(drain)) {
      say(
          "(still running after "
              + drain.toSeconds()
              + " s; leaving — the operation continues on the next start)");
    }
  }

  /** Runs one line as the current user. */
  public void handle(String text) {
    String t = text.strip();
    Matcher last = VOTE_LAST.matcher(t);
    if (last.matches() && lastRequestId.get() != null) {
      t = last.group(1) + lastRequestId.get() + last.group(2);
    }
    if (t.toLowerCase(Locale.ROOT).startsWith("/cfy")) {
      t = t.substring(4).strip();
    }
    Invocation inv =
        new Invocation(user, CHANNEL, t, "console-" + session + "-" + delivery.incrementAndGet());
    ChatUser who = user;
    handler.onCommand(
        inv,
        new Responder() {
          @Override
          public void ephemeral(Message message) {
            port.ephemeral(CHANNEL, who.id(), message);
          }

          @Override
          public MessageRef inChannel(Message message) {
            return port.post(CHANNEL, message);
          }
        });
  }

  private void switchUser(String name) {
    if (!USER.matcher(name).matches()) {
      say("Usage: /as NAME (a letter, then letters, digits, `.`, `_` or `-`), e.g. /as bob");
      return;
    }
    user = new ChatUser(name, name, "console");
    say("(you are now " + name + ")");
  }

  private void say(String s) {
    synchronized (out) {
      out.println(s);
      out.flush();
    }
  }
}
