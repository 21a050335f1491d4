package io.cfychatops.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.access.Role;
import io.cfychatops.approvals.ApprovalAction;
import io.cfychatops.command.ActionKind;
import io.cfychatops.command.Command;
import io.cfychatops.command.CommandParser;
import io.cfychatops.command.Globals;
import io.cfychatops.command.HelpText;
import io.cfychatops.command.OperationCommand;
import io.cfychatops.command.ParseResult;
import io.cfychatops.config.ManagerConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every command is wired everywhere it must be. Walks {@code Command}'s sealed hierarchy to its
 * records and fails when one has no {@link ActionKind}, no grammar or help text, no example that
 * parses and round-trips through its canonical line, no handler of its own in the visitors, no
 * permission rule, no approval decision, or — for an operation — no plan for the approver. The
 * compiler already refuses a visitor that misses a record; this test checks the data it cannot see.
 */
class CommandWiringTest {
  static final ManagerConfig CLUSTER =
      new ManagerConfig(
          "m",
          URI.create("https://m.example"),
          "default_tenant",
          "admin",
          null,
          null,
          null,
          false,
          Duration.ofSeconds(5),
          Duration.ofSeconds(60),
          null,
          true,
          false,
          false,
          null);

  /** The records under {@code type}'s permitted subclasses, recursively, each once. */
  static Set<Class<?>> records(Class<?> type) {
    Set<Class<?>> out = new LinkedHashSet<>();
    for (Class<?> sub : type.getPermittedSubclasses()) {
      if (sub.isRecord()) {
        out.add(sub);
      } else {
        assertThat(sub.isSealed()).as("%s is sealed", sub).isTrue();
        out.addAll(records(sub));
      }
    }
    return out;
  }

  static Command example(ActionKind kind) {
    ParseResult r = CommandParser.parse(HelpText.example(kind));
    assertThat(r).as("%s parses", HelpText.example(kind)).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) r).command();
  }

  @Test
  void everyCommandRecordHasExactlyOneKindAndEveryKindOneRecord() {
    Set<Class<?>> records = records(Command.class);
    for (Class<?> type : records) {
      assertThat(ActionKind.forType(type).commandType()).as("kind of %s", type).isEqualTo(type);
    }
    List<Class<?>> kinds =
        Arrays.stream(ActionKind.values()).<Class<?>>map(ActionKind::commandType).toList();
    assertThat(kinds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(records);
    assertThat(records(OperationCommand.class)).isSubsetOf(records);
  }

  @Test
  void everyKindHasHelpAndAnExampleThatRoundTrips() {
    assertThat(HelpText.commandPaths())
        .containsExactlyElementsOf(
            Arrays.stream(ActionKind.values()).map(ActionKind::path).toList());
    for (ActionKind kind : ActionKind.values()) {
      assertThat(HelpText.usage(kind.path()))
          .as("help of %s", kind)
          .startsWith("Usage: /cfy " + kind.path());
      Command c = example(kind);
      assertThat(c).as("example of %s", kind).isInstanceOf(kind.commandType());
      assertThat(c.action()).isEqualTo(kind);
      assertThat(c.path()).isEqualTo(kind.path());
      assertThat(c.canonical()).startsWith("cfy " + kind.path());
      assertThat(CommandParser.parse(c.canonical()))
          .as("canonical of %s", kind)
          .isEqualTo(new ParseResult.Parsed(c, Globals.NONE));
    }
  }

  @Test
  void everyCommandHasAHandlerOfItsOwn() {
    List<String> called = new ArrayList<>();
    Command.Visitor<?> visitor = recording(Command.Visitor.class, called);
    for (ActionKind kind : ActionKind.values()) {
      example(kind).accept(visitor);
    }
    assertThat(called)
        .doesNotHaveDuplicates()
        .hasSize(ActionKind.values().length)
        .containsExactlyInAnyOrderElementsOf(methodNames(Command.Visitor.class));

    List<String> operations = new ArrayList<>();
    OperationCommand.Visitor<?> opVisitor = recording(OperationCommand.Visitor.class, operations);
    int n = 0;
    for (ActionKind kind : ActionKind.values()) {
      var op = example(kind).asOperation();
      assertThat(op.isPresent())
          .as("%s is an operation", kind)
          .isEqualTo(OperationCommand.class.isAssignableFrom(kind.commandType()));
      if (op.isPresent()) {
        op.get().accept(opVisitor);
        n++;
      }
    }
    assertThat(operations)
        .doesNotHaveDuplicates()
        .hasSize(n)
        .containsExactlyInAnyOrderElementsOf(methodNames(OperationCommand.Visitor.class));
  }

  @Test
  void everyKindHasAPermissionRuleAndAnApprovalDecision() {
    for (ActionKind kind : ActionKind.values()) {
      assertThat(kind.requiredRole()).as("role of %s", kind).isNotNull();
      assertThat(kind.verb()).as("verb of %s", kind).isNotBlank();
      if (!kind.isReadOnly() && kind.talksToManager()) {
        assertThat(kind.requiredRole()).as("%s changes a manager", kind).isNotEqualTo(Role.VIEWER);
      }
      boolean operation = OperationCommand.class.isAssignableFrom(kind.commandType());
      if (kind.isDestructive()) {
        assertThat(kind.approvalKey()).as("%s is destructive", kind).isPresent();
      }
      if (kind.approvalKey().isPresent()) {
        assertThat(operation).as("%s is gated, so it must be an operation", kind).isTrue();
      }
      if (operation) {
        assertThat(kind.talksToManager()).as("%s runs on a manager", kind).isTrue();
        assertThat(kind.requiredRole()).as("%s", kind).isEqualTo(Role.OPERATOR);
      }
    }
    assertThat(Arrays.stream(ActionKind.values()).flatMap(k -> k.approvalKey().stream()).toList())
        .containsExactlyInAnyOrder(ApprovalAction.values());
  }

  @Test
  void everyOperationHasAPlanBeyondTheReCheck() {
    for (ActionKind kind : ActionKind.values()) {
      example(kind)
          .asOperation()
          .ifPresent(
              op -> {
                List<String> plan = Plans.plan(op, "m", CLUSTER);
                assertThat(plan)
                    .as("plan of %s", kind)
                    .hasSizeGreaterThan(1)
                    .allSatisfy(line -> assertThat(line).isNotBlank());
                assertThat(plan.get(0)).startsWith("Re-check:");
              });
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> V recording(Class<V> visitorType, List<String> called) {
    return (V)
        Proxy.newProxyInstance(
            visitorType.getClassLoader(),
            new Class<?>[] {visitorType},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("equals")
                    ? proxy == args[0]
                    : method.getName().equals("hashCode") ? 0 : "visitor";
              }
              assertThat(args[0])
                  .as("%s gets the record it is for", method.getName())
                  .isInstanceOf(method.getParameterTypes()[0]);
              called.add(method.getName());
              return null;
            });
  }

  private static List<String> methodNames(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods()).map(Method::getName).toList();
  }
}
