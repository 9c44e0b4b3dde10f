package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.inject.Injector;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a command line through picocli: every command line {@link PlainScanLine} does not read. Kept
 * apart from {@link Main}, whose method signatures the JVM's launcher loads before {@code main}
 * runs: a run that never needs picocli then never loads it.
 */
final class PicocliLine {

  private PicocliLine() {}

  /**
   * @param fullTree whether to build every command even when the arguments name one
   */
  static int run(
      String[] args,
      Injector injector,
      PrintStream out,
      PrintStream err,
      boolean debug,
      boolean fullTree) {
    IFactory factory = new GuiceFactory(injector);
    CommandLine commandLine =
        fullTree ? CommandTree.full(factory) : CommandTree.forArgs(args, factory);
    commandLine
        .setOut(new PrintWriter(new OutputStreamWriter(out, UTF_8), true))
        .setErr(new PrintWriter(new OutputStreamWriter(err, UTF_8), true))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(parameterHandler(err, debug))
        .setExecutionExceptionHandler(executionHandler(err, debug));
    Timings.mark("commandline built");
    return commandLine.execute(args);
  }

  private static IParameterExceptionHandler parameterHandler(PrintStream err, boolean debug) {
    return (ParameterException e, String[] args) -> usageError(err, debug, e);
  }

  private static IExecutionExceptionHandler executionHandler(PrintStream err, boolean debug) {
    return (Exception e, CommandLine commandLine, ParseResult parseResult) -> {
      if (e instanceof ParameterException parameterException) {
        return usageError(err, debug, parameterException);
      }
      return Main.commandFailed(err, debug, e);
    };
  }

  private static int usageError(PrintStream err, boolean debug, ParameterException e) {
    String help = "lcscan " + subcommandPath(e.getCommandLine()) + "--help";
    err.println("lcscan: " + Main.firstLine(e.getMessage()) + " (see '" + help.strip() + "')");
    Main.printTrace(err, debug, e);
    err.flush();
    return ExitCodes.USAGE;
  }

  private static String subcommandPath(CommandLine commandLine) {
    StringBuilder path = new StringBuilder();
    for (CommandLine c = commandLine; c != null && c.getParent() != null; c = c.getParent()) {
      path.insert(0, c.getCommandName() + " ");
    }
    return path.toString();
  }

  /**
   * Lets picocli create lcscan's classes through Guice, and everything else itself. The options and
   * the commands that only hold subcommands need nothing injected: they are created directly, which
   * spares Guice a binding for each, found by reflection.
   */
  private record GuiceFactory(Injector injector) implements IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      Object plain = plain(type);
      if (plain != null) {
        return type.cast(plain);
      }
      if (type.getPackageName().startsWith("io.lcscan.")) {
        return injector.getInstance(type);
      }
      return CommandLine.defaultFactory().create(type);
    }

    private static Object plain(Class<?> type) {
      if (type == CommonOptions.class) {
        return new CommonOptions();
      } else if (type == OutputOptions.class) {
        return new OutputOptions();
      } else if (type == EvidenceOptions.class) {
        return new EvidenceOptions();
      } else if (type == SoftFailOption.class) {
        return new SoftFailOption();
      } else if (type == LcscanCommand.class) {
        return new LcscanCommand();
      } else if (type == ScanCommand.class) {
        return new ScanCommand();
      } else if (type == ControlsCommand.class) {
        return new ControlsCommand();
      }
      return null;
    }
  }
}
