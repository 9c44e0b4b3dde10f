package io.lcscan.cli;

import com.google.inject.Injector;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the plain command line of a plan scan without picocli: {@code lcscan scan terraform
 * PLAN.json} and the command's options, each with a plain value. Picocli builds its model of a
 * command from the annotations by reflection, which costs a short run more CPU than reading its
 * plan's options (BENCHMARKS.md); this sets the same fields of the same objects as picocli would.
 *
 * <p>Anything else is declined and picocli reads it, so that help, errors and exit codes stay
 * picocli's: help and version options, {@code --debug}, {@code --}, {@code @file}, short, unknown
 * or abbreviated options, a flag with a value, an option given twice (but {@code --format}, which
 * adds up), a value that is empty, starts with {@code -} or {@code @} or holds a quote, a {@code
 * --format} list with an empty entry, no plan or two, and any {@code picocli.*} system property.
 * Tests compare {@link #OPTIONS} with picocli's model of the command, and both readings over many
 * command lines.
 */
final class PlainScanLine {

  /** How an option takes its value, and the type of the field it sets. */
  enum Kind {
    /** no value: sets a boolean */
    FLAG,
    /** one value: sets a {@link Path} */
    PATH,
    /** one value: sets a String */
    STRING,
    /** one comma-separated value, repeatable: replaces the list's initial value, then adds */
    LIST
  }

  /** An option read here, and the field picocli sets for it. */
  record Option(String name, Kind kind, Class<?> owner, String field) {}

  static final List<Option> OPTIONS =
      List.of(
          new Option("--config", Kind.PATH, CommonOptions.class, "configDirectory"),
          new Option("--lang", Kind.STRING, CommonOptions.class, "language"),
          new Option("--format", Kind.LIST, OutputOptions.class, "formats"),
          new Option("--output", Kind.STRING, OutputOptions.class, "output"),
          new Option("--fail-on", Kind.STRING, OutputOptions.class, "failOn"),
          new Option("--evidence", Kind.PATH, EvidenceOptions.class, "directory"),
          new Option("--soft-fail", Kind.FLAG, SoftFailOption.class, "softFail"));

  /** The plan and each option's value (Path, String, List of String or Boolean by kind). */
  record Line(Path plan, Map<String, Object> values) {}

  private PlainScanLine() {}

  /** The command these arguments ask for, ready to run; null when picocli must read them. */
  static ScanTerraformCommand read(String[] args, Injector injector) {
    Line line = parse(args);
    if (line == null) {
      return null;
    }
    // what injector.getInstance(ScanTerraformCommand.class), picocli's factory, would build (tests
    // check that its constructor is all Guice injects): a binding of the command would have Guice
    // read the class's annotations, picocli's among them, which costs more than reading the line
    ScanTerraformCommand command =
        new ScanTerraformCommand(injector.getProvider(FindingsSupport.class));
    apply(line, command);
    return command;
  }

  /** Reads the arguments, or returns null when they are not a plain plan scan. */
  static Line parse(String[] args) {
    if (args.length < 3
        || !args[0].equals("scan")
        || !args[1].equals("terraform")
        || picocliPropertySet()) {
      return null;
    }
    Path plan = null;
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        if (plan != null || !plainValue(arg)) {
          return null;
        }
        plan = path(arg);
        if (plan == null) {
          return null;
        }
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      Option option = option(name);
      if (option == null) {
        return null;
      }
      if (option.kind() == Kind.FLAG) {
        if (equals >= 0 || values.put(name, Boolean.TRUE) != null) {
          return null;
        }
        continue;
      }
      String text;
      if (equals >= 0) {
        text = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        text = args[++i];
      } else {
        return null;
      }
      if (!plainValue(text) || !add(values, option, text)) {
        return null;
      }
    }
    return plan == null ? null : new Line(plan, Map.copyOf(values));
  }

  /** Sets the command's fields and mixins as picocli does for the same arguments. */
  @SuppressWarnings("unchecked")
  static void apply(Line line, ScanTerraformCommand command) {
    CommonOptions common = new CommonOptions();
    OutputOptions output = new OutputOptions();
    EvidenceOptions evidence = new EvidenceOptions();
    SoftFailOption softFail = new SoftFailOption();
    command.planFile = line.plan();
    for (Map.Entry<String, Object> value : line.values().entrySet()) {
      Object v = value.getValue();
      switch (value.getKey()) {
        case "--config" -> common.configDirectory = (Path) v;
        case "--lang" -> common.language = (String) v;
        case "--format" -> output.formats = new ArrayList<>((List<String>) v);
        case "--output" -> output.output = (String) v;
        case "--fail-on" -> output.failOn = (String) v;
        case "--evidence" -> evidence.directory = (Path) v;
        case "--soft-fail" -> softFail.softFail = (Boolean) v;
        default -> throw new IllegalStateException("no field for " + value.getKey());
      }
    }
    command.common = common;
    command.output = output;
    command.evidence = evidence;
    command.softFail = softFail;
  }

  private static Option option(String name) {
    for (Option option : OPTIONS) {
      if (option.name().equals(name)) {
        return option;
      }
    }
    return null;
  }

  /** Adds one value; false when the option was already given or the value is not plain. */
  @SuppressWarnings("unchecked")
  private static boolean add(Map<String, Object> values, Option option, String text) {
    Object value;
    switch (option.kind()) {
      case PATH -> value = path(text);
      case STRING -> value = text;
      case LIST -> {
        List<String> list = (List<String>) values.get(option.name());
        if (list == null) {
          list = new ArrayList<>();
        }
        for (String entry : text.split(",", -1)) {
          if (entry.isEmpty()) {
            return false;
          }
          list.add(entry);
        }
        values.put(option.name(), list);
        return true;
      }
      default -> value = null;
    }
    return value != null && values.putIfAbsent(option.name(), value) == null;
  }

  /** A value picocli takes as it is: not empty, no option, no argument file, no quoting. */
  private static boolean plainValue(String text) {
    return !text.isEmpty()
        && !text.startsWith("-")
        && !text.startsWith("@")
        && text.indexOf('"') < 0
        && text.indexOf('\'') < 0;
  }

  private static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      // picocli reports it as an invalid value
      return null;
    }
  }

  // picocli.trace and the like change what picocli prints while it parses
  private static boolean picocliPropertySet() {
    for (Object key : System.getProperties().keySet()) {
      if (key instanceof String name && name.startsWith("picocli.")) {
        return true;
      }
    }
    return false;
  }
}
