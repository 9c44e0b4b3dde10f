package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@code lcscan} entry point: builds the Guice injector and lets picocli create the commands
 * through it, or lets {@link PlainScanLine} read a plain plan scan, wired by hand ({@link
 * PlainWiring}) unless modules or overrides ask for Guice; and turns every error into one line on
 * stderr and an exit code ({@link ExitCodes}). Its methods name no picocli type: the JVM's launcher
 * loads every class they name before {@code main} runs.
 */
public final class Main {

  private final List<Module> modules;
  private final List<Module> engineOverrides;
  // the engine's clock when a plain plan scan is wired by hand; null: Guice builds every command
  private final Clock handWiredClock;
  private boolean wiredByHand;

  public Main() {
    this(List.of(), List.of());
  }

  /**
   * With neither modules nor overrides, a plain plan scan is wired by hand ({@link PlainWiring}).
   *
   * @param modules more bindings for the CLI's injector, such as another renderer
   * @param engineOverrides bindings that replace the engine module's, such as a fixed clock
   */
  public Main(List<Module> modules, List<Module> engineOverrides) {
    // with no binding to honour, a plain plan scan needs no injector (PlainWiring)
    this(
        modules,
        engineOverrides,
        modules.isEmpty() && engineOverrides.isEmpty() ? Clock.systemUTC() : null);
  }

  /**
   * @param handWiredClock the engine's clock for a plain plan scan, which is then wired by hand
   *     ({@link PlainWiring}); null to build every command with Guice
   */
  Main(List<Module> modules, List<Module> engineOverrides, Clock handWiredClock) {
    this.modules = List.copyOf(modules);
    this.engineOverrides = List.copyOf(engineOverrides);
    if (handWiredClock != null && !(modules.isEmpty() && engineOverrides.isEmpty())) {
      throw new IllegalArgumentException("a hand-wired scan cannot honour Guice modules");
    }
    this.handWiredClock = handWiredClock;
  }

  public static void main(String[] args) {
    Timings.mark("main");
    // Guice's startup costs for a process that lives a second: no generated classes (lcscan
    // intercepts no methods) and no stack trace for every binding's source
    defaultProperty("guice_bytecode_gen_option", "DISABLED");
    defaultProperty("guice_include_stack_traces", "OFF");
    // the catalog loads while the JVM wires the command line
    ConfigReader.preload(args);
    // so may the plan, given a core of its own: on two cores the catalog's thread already takes the
    // second, and a third thread measured no faster, at more CPU (BENCHMARKS.md)
    if (Runtime.getRuntime().availableProcessors() > 2) {
      PlanPreload.start(args);
    }
    // UTF-8 whatever the platform default, so Japanese titles survive a C locale
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8);
    System.exit(new Main().run(args, out, err, colorAllowed()));
  }

  private static void defaultProperty(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** Runs one command line and returns its exit code; never throws and never calls exit. */
  public int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, false);
  }

  int run(String[] args, PrintStream out, PrintStream err, boolean color) {
    return run(args, out, err, color, false);
  }

  /**
   * @param fullTree whether to build every command even when the arguments name one, as help and
   *     usage errors do: tests compare both ways
   */
  int run(String[] args, PrintStream out, PrintStream err, boolean color, boolean fullTree) {
    boolean debug = Arrays.asList(args).contains("--debug");
    wiredByHand = false;
    try {
      Terminal terminal = new Terminal(out, err, color);
      PlainScanLine.Line line =
          handWiredClock == null || fullTree ? null : PlainScanLine.parse(args);
      if (line != null) {
        ScanTerraformCommand command = new PlainWiring(terminal, handWiredClock).command(line);
        wiredByHand = true;
        Timings.mark("wired by hand");
        int code = callPlain(command, err, debug);
        Timings.mark("command done");
        out.flush();
        return code;
      }
      List<Module> all = new ArrayList<>(modules);
      all.add(new CliModule(terminal, new EngineFactory.Overrides(engineOverrides)));
      Injector injector = Guice.createInjector(all);
      Timings.mark("injector built");
      Callable<Integer> plain = fullTree ? null : PlainScanLine.read(args, injector);
      int code =
          plain != null
              ? callPlain(plain, err, debug)
              : PicocliLine.run(args, injector, out, err, debug, fullTree);
      Timings.mark("command done");
      out.flush();
      return code;
    } catch (RuntimeException | Error e) {
      // a failure before picocli runs, such as a broken Guice binding
      return internalError(err, debug, e);
    }
  }

  /** Whether the last run built its command by hand rather than with Guice. */
  boolean wiredByHand() {
    return wiredByHand;
  }

  /** Runs a command {@link PlainScanLine} read, as picocli runs and reports one it parsed. */
  private static int callPlain(Callable<Integer> command, PrintStream err, boolean debug) {
    Timings.mark("commandline built");
    try {
      return command.call();
    } catch (Exception e) {
      // picocli hands the command's exception to the execution handler (PicocliLine), and lets an
      // Error through
      return commandFailed(err, debug, e);
    }
  }

  /** Reports an exception a command threw: a usage error, or an internal error. */
  static int commandFailed(PrintStream err, boolean debug, Exception e) {
    if (e instanceof UsageException) {
      for (String line : e.getMessage().split("\n")) {
        if (!line.isBlank()) {
          err.println("lcscan: " + line.strip());
        }
      }
      printTrace(err, debug, e);
      return ExitCodes.USAGE;
    }
    return internalError(err, debug, e);
  }

  private static int internalError(PrintStream err, boolean debug, Throwable e) {
    // an unknown failure must not look like a clean or a failing scan: report it as incomplete
    err.println(
        "lcscan: internal error: "
            + firstLine(String.valueOf(e.getMessage()))
            + (debug ? "" : " (run with --debug for details)"));
    printTrace(err, debug, e);
    err.flush();
    return ExitCodes.INCOMPLETE;
  }

  static void printTrace(PrintStream err, boolean debug, Throwable e) {
    if (debug) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    return message.lines().findFirst().orElse("").strip();
  }

  private static boolean colorAllowed() {
    String term = System.getenv("TERM");
    return System.console() != null
        && System.getenv("NO_COLOR") == null
        && term != null
        && !term.equals("dumb");
  }
}
