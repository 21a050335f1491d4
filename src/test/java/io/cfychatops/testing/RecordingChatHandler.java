package io.cfychatops.testing;

import io.cfychatops.chat.ActionInvocation;
import io.cfychatops.chat.ChatHandler;
import io.cfychatops.chat.Invocation;
import io.cfychatops.chat.Responder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A {@link ChatHandler} that records every call and then runs a scripted reaction. Failures thrown
 * by the reaction (e.g. a {@code ChatException} from a responder) are recorded too.
 */
public final class RecordingChatHandler implements ChatHandler {
  private final BiConsumer<Invocation, Responder> onCommand;
  private final BiConsumer<ActionInvocation, Responder> onAction;
  private final BlockingQueue<Invocation> commands = new LinkedBlockingQueue<>();
  private final BlockingQueue<ActionInvocation> actions = new LinkedBlockingQueue<>();
  private final List<Invocation> allCommands = new CopyOnWriteArrayList<>();
  private final List<ActionInvocation> allActions = new CopyOnWriteArrayList<>();
  private final BlockingQueue<RuntimeException> failures = new LinkedBlockingQueue<>();

  public RecordingChatHandler(
      BiConsumer<Invocation, Responder> onCommand,
      BiConsumer<ActionInvocation, Responder> onAction) {
    this.onCommand = onCommand;
    this.onAction = onAction;
  }

  @Override
  public void onCommand(Invocation invocation, Responder responder) {
    allCommands.add(invocation);
    try {
      onCommand.accept(invocation, responder);
    } catch (RuntimeException e) {
      failures.add(e);
    } finally {
      commands.add(invocation); // after the reaction: awaiting it means the reaction is done
    }
  }

  @Override
  public void onAction(ActionInvocation action, Responder responder) {
    allActions.add(action);
    try {
      onAction.accept(action, responder);
    } catch (RuntimeException e) {
      failures.add(e);
    } finally {
      actions.add(action);
    }
  }

  public Invocation awaitCommand(Duration timeout) throws InterruptedException {
    Invocation i = commands.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (i == null) {
      throw new AssertionError("no command within " + timeout);
    }
    return i;
  }

  public ActionInvocation awaitAction(Duration timeout) throws InterruptedException {
    ActionInvocation a = actions.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (a == null) {
      throw new AssertionError("no action within " + timeout);
    }
    return a;
  }

  public RuntimeException awaitFailure(Duration timeout) throws InterruptedException {
    return failures.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every command started so far (recorded before the reaction runs). */
  public List<Invocation> commands() {
    return List.copyOf(allCommands);
  }

  public List<ActionInvocation> actions() {
    return List.copyOf(allActions);
  }
}
