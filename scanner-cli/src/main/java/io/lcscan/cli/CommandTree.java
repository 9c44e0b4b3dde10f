package io.lcscan.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * lcscan's commands, registered with picocli in code rather than in {@code subcommands} attributes,
 * so that a command line naming one command builds only that branch: picocli reflects over each
 * command and its mixins, and Guice creates each one, which costs more than the rest of a short
 * run's startup. Help, version, usage errors and anything not plainly one command get the full
 * tree, so their output is the same whichever way the tree is built.
 */
final class CommandTree {

  /** A command and its subcommands, in the order help lists them. */
  record Node(String name, Class<?> type, List<Node> children) {
    Node(String name, Class<?> type, Node... children) {
      this(name, type, List.of(children));
    }

    boolean leaf() {
      return children.isEmpty();
    }

    Node child(String childName) {
      for (Node child : children) {
        if (child.name.equals(childName)) {
          return child;
        }
      }
      return null;
    }
  }

  /** Every command; the names are checked against the {@code @Command} annotations in tests. */
  static final Node ROOT =
      new Node(
          "lcscan",
          LcscanCommand.class,
          new Node(
              "controls",
              ControlsCommand.class,
              new Node("list", ControlsListCommand.class),
              new Node("show", ControlsShowCommand.class)),
          new Node("evaluate", EvaluateCommand.class),
          new Node(
              "scan",
              ScanCommand.class,
              new Node("terraform", ScanTerraformCommand.class),
              new Node("aws", ScanAwsCommand.class)),
          new Node("demo", DemoCommand.class),
          new Node("verify", VerifyCommand.class));

  // the root's own option, inherited by every command, so it may come before any command name
  private static final String DEBUG = "--debug";

  private CommandTree() {}

  /** The command line for these arguments: one branch when they plainly name one command. */
  static CommandLine forArgs(String[] args, IFactory factory) {
    List<Node> branch = branch(args);
    return branch.isEmpty() ? full(factory) : build(branch, factory);
  }

  /** Every command, as {@code lcscan --help} lists them. */
  static CommandLine full(IFactory factory) {
    return build(ROOT, factory);
  }

  /**
   * The commands from the root to the one command the arguments name, or an empty list when they do
   * not plainly name one: no command or a command that has subcommands, an unknown word, any option
   * before the command other than {@code --debug}, a help or version option, an argument file
   * ({@code @file}) or a short option anywhere. An empty list costs only time, so anything picocli
   * might read differently from the plain reading here gets the full tree.
   */
  static List<Node> branch(String[] args) {
    Node node = ROOT;
    List<Node> path = new ArrayList<>(List.of(ROOT));
    int i = 0;
    for (; i < args.length && !node.leaf(); i++) {
      String arg = args[i];
      if (arg.equals(DEBUG)) {
        continue;
      }
      node = node.child(arg);
      if (node == null) {
        return List.of();
      }
      path.add(node);
    }
    if (!node.leaf()) {
      return List.of();
    }
    for (; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        // what follows is positional whatever it looks like
        break;
      }
      if (arg.startsWith("@")
          || (arg.startsWith("-") && !arg.startsWith("--"))
          || arg.equals("--help")
          || arg.equals("--version")) {
        return List.of();
      }
    }
    return List.copyOf(path);
  }

  private static CommandLine build(List<Node> branch, IFactory factory) {
    // built from the leaf up, as picocli builds annotated subcommands
    CommandLine child = null;
    for (int i = branch.size() - 1; i >= 0; i--) {
      CommandLine commandLine = new CommandLine(branch.get(i).type(), factory);
      if (child != null) {
        commandLine.addSubcommand(branch.get(i + 1).name(), child);
      }
      child = commandLine;
    }
    return child;
  }

  private static CommandLine build(Node node, IFactory factory) {
    CommandLine commandLine = new CommandLine(node.type(), factory);
    for (Node child : node.children()) {
      commandLine.addSubcommand(child.name(), build(child, factory));
    }
    return commandLine;
  }
}
