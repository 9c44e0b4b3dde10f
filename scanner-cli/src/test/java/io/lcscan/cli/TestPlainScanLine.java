package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.InjectionPoint;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.ParserSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@link PlainScanLine} reads a plan scan's command line without picocli: its table of options must
 * be picocli's model of the command, and whatever it reads must be what picocli reads.
 */
class TestPlainScanLine {

  private static final Injector INJECTOR =
      Guice.createInjector(
          new CliModule(
              new Terminal(System.out, System.err, false), new EngineFactory.Overrides(List.of())));

  @Test
  void optionsArePicoclisModelOfTheCommand() {
    CommandSpec spec = terraform(picocli()).getCommandSpec();
    List<String> read = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      String name = option.longestName();
      if (option.usageHelp() || option.versionHelp() || name.equals("--debug")) {
        // left to picocli, in every spelling
        for (String spelling : option.names()) {
          assertThat(PlainScanLine.parse(args("scan", "terraform", "p.json", spelling)))
              .as(spelling)
              .isNull();
        }
        continue;
      }
      PlainScanLine.Option plain =
          PlainScanLine.OPTIONS.stream()
              .filter(o -> o.name().equals(name))
              .findFirst()
              .orElseThrow(() -> new AssertionError("PlainScanLine does not read " + name));
      read.add(name);
      assertThat(option.names()).as(name).containsExactly(name);
      Field field = (Field) option.userObject();
      assertThat(field.getDeclaringClass()).as(name).isEqualTo(plain.owner());
      assertThat(field.getName()).as(name).isEqualTo(plain.field());
      assertThat(option.defaultValue()).as(name).isNull();
      assertThat(option.required()).as(name).isFalse();
      assertThat(option.negatable()).as(name).isFalse();
      assertThat(option.interactive()).as(name).isFalse();
      assertThat(option.inherited()).as(name).isFalse();
      assertThat(option.converters()).as(name).isEmpty();
      switch (plain.kind()) {
        case FLAG -> {
          assertThat(option.type()).as(name).isEqualTo(boolean.class);
          assertThat(option.arity().toString()).as(name).isEqualTo("0");
        }
        case PATH, STRING -> {
          assertThat(option.type())
              .as(name)
              .isEqualTo(plain.kind() == PlainScanLine.Kind.PATH ? Path.class : String.class);
          assertThat(option.arity().toString()).as(name).isEqualTo("1");
          assertThat(option.splitRegex()).as(name).isEmpty();
        }
        case LIST -> {
          assertThat(option.type()).as(name).isEqualTo(List.class);
          assertThat(option.auxiliaryTypes()).as(name).containsExactly(String.class);
          assertThat(option.arity().toString()).as(name).isEqualTo("1");
          assertThat(option.splitRegex()).as(name).isEqualTo(",");
        }
        default -> throw new AssertionError(plain.kind());
      }
    }
    assertThat(read)
        .containsExactlyInAnyOrderElementsOf(
            PlainScanLine.OPTIONS.stream().map(PlainScanLine.Option::name).toList());

    List<PositionalParamSpec> positionals = spec.positionalParameters();
    assertThat(positionals).hasSize(1);
    PositionalParamSpec plan = positionals.get(0);
    assertThat(plan.type()).isEqualTo(Path.class);
    assertThat(plan.arity().toString()).isEqualTo("1");
    assertThat(plan.required()).isTrue();
    assertThat(plan.converters()).isEmpty();
    assertThat(((Field) plan.userObject()).getName()).isEqualTo("planFile");
    assertThat(spec.subcommands()).isEmpty();

    // how picocli reads a line, as PlainScanLine assumes
    ParserSpec parser = spec.parser();
    assertThat(parser.separator()).isEqualTo("=");
    assertThat(parser.endOfOptionsDelimiter()).isEqualTo("--");
    assertThat(parser.abbreviatedOptionsAllowed()).isFalse();
    assertThat(spec.optionsCaseInsensitive()).isFalse();
    assertThat(parser.overwrittenOptionsAllowed()).isFalse();
    assertThat(parser.unmatchedArgumentsAllowed()).isFalse();
    assertThat(parser.unmatchedOptionsArePositionalParams()).isFalse();
    assertThat(parser.allowOptionsAsOptionParameters()).isFalse();
    assertThat(parser.stopAtPositional()).isFalse();
    assertThat(parser.stopAtUnmatched()).isFalse();
    assertThat(parser.trimQuotes()).isFalse();
    assertThat(parser.splitQuotedStrings()).isFalse();
  }

  @Test
  void everyAnnotatedFieldIsRead() {
    // PlainScanLine.apply sets these mixins and fields, and nothing else: no @Spec, no parent
    Map<String, String> annotated = new TreeMap<>();
    for (Class<?> type :
        List.of(
            ScanTerraformCommand.class,
            FindingsCommand.class,
            CommonOptions.class,
            OutputOptions.class,
            EvidenceOptions.class,
            SoftFailOption.class)) {
      for (Field field : type.getDeclaredFields()) {
        for (var annotation : field.getAnnotations()) {
          if (annotation.annotationType().getName().startsWith("picocli.")) {
            annotated.put(
                type.getSimpleName() + "." + field.getName(),
                annotation.annotationType().getSimpleName());
          }
        }
      }
    }
    Map<String, String> expected = new TreeMap<>();
    expected.put("ScanTerraformCommand.planFile", "Parameters");
    expected.put("ScanTerraformCommand.softFail", "Mixin");
    expected.put("FindingsCommand.common", "Mixin");
    expected.put("FindingsCommand.output", "Mixin");
    expected.put("FindingsCommand.evidence", "Mixin");
    for (PlainScanLine.Option option : PlainScanLine.OPTIONS) {
      expected.put(option.owner().getSimpleName() + "." + option.field(), "Option");
    }
    assertThat(annotated).isEqualTo(expected);
    assertThat(ScanTerraformCommand.class.getSuperclass()).isEqualTo(FindingsCommand.class);
  }

  static Stream<String[]> commandLines() {
    return Stream.of(
        // read plainly
        args("scan", "terraform", "plan.json"),
        args("scan", "terraform", "plan.json", "--format", "json"),
        args("scan", "terraform", "plan.json", "--format", "json", "--output", "r.json"),
        args("scan", "terraform", "--format=json", "--output=r.json", "plan.json"),
        args("scan", "terraform", "plan.json", "--format", "json,csv", "--output", "out/"),
        args("scan", "terraform", "plan.json", "--format", "json", "--format", "csv"),
        args("scan", "terraform", "plan.json", "--format=sarif,json", "--format", "html"),
        args("scan", "terraform", "plan.json", "--format", "json", "--format", "json"),
        args("scan", "terraform", "plan.json", "--config", "cfg", "--lang", "ja"),
        args("scan", "terraform", "plan.json", "--config=cfg", "--lang=en", "--fail-on", "high"),
        args("scan", "terraform", "--soft-fail", "plan.json"),
        args("scan", "terraform", "plan.json", "--soft-fail", "--fail-on", "low"),
        args("scan", "terraform", "plan.json", "--evidence", "ev", "--output", "r.json"),
        args("scan", "terraform", "plan.json", "--evidence=ev/"),
        args("scan", "terraform", "plan.json", "--output=a=b.json"),
        args("scan", "terraform", "plan.json", "--lang=ja=en"),
        args("scan", "terraform", "plan.json", "--output", "scan"),
        args("scan", "terraform", "plan.json", "--output", "terraform"),
        args("scan", "terraform", "plan.json", "--output", "aws"),
        args("scan", "terraform", "plan.json", "--config", "controls"),
        args("scan", "terraform", "scan"),
        args("scan", "terraform", "terraform"),
        args("scan", "terraform", "aws"),
        args("scan", "terraform", "dir with space/plan.json"),
        args("scan", "terraform", "x=y.json"),
        args("scan", "terraform", "plan.json", "--lang", "fr"),
        args("scan", "terraform", "plan.json", "--fail-on", "urgent"),
        args("scan", "terraform", "plan.json", "--format", "xml"),
        args("scan", "terraform", "plan.json", "--format", " json"),
        args("scan", "terraform", "plan.json", "--format", "JSON,Csv"),
        args("scan", "terraform", "./plan.json", "--output", "/tmp/x/"),
        args("scan", "terraform", "プラン.json", "--lang", "ja", "--output", "レポート.json"),
        args(
            "scan",
            "terraform",
            "plan.json",
            "--output",
            "r.json",
            "--format",
            "json",
            "--fail-on",
            "none",
            "--lang",
            "ja",
            "--config",
            "c",
            "--evidence",
            "e",
            "--soft-fail"),
        // left to picocli
        args("scan", "terraform"),
        args("scan", "terraform", "--format", "json"),
        args("scan", "terraform", "plan.json", "other.json"),
        args("scan", "terraform", "plan.json", "--format"),
        args("scan", "terraform", "plan.json", "--output"),
        args("scan", "terraform", "plan.json", "--output", "--format", "json"),
        args("scan", "terraform", "plan.json", "--format", "json,"),
        args("scan", "terraform", "plan.json", "--format", ",json"),
        args("scan", "terraform", "plan.json", "--format", "json,,csv"),
        args("scan", "terraform", "plan.json", "--format="),
        args("scan", "terraform", "plan.json", "--output="),
        args("scan", "terraform", "plan.json", "--soft-fail=true"),
        args("scan", "terraform", "plan.json", "--soft-fail", "--soft-fail"),
        args("scan", "terraform", "plan.json", "--output", "a", "--output", "b"),
        args("scan", "terraform", "plan.json", "--lang", "ja", "--lang=en"),
        args("scan", "terraform", "plan.json", "--bogus"),
        args("scan", "terraform", "plan.json", "--form", "json"),
        args("scan", "terraform", "plan.json", "--FORMAT", "json"),
        args("scan", "terraform", "plan.json", "-h"),
        args("scan", "terraform", "plan.json", "--help"),
        args("scan", "terraform", "plan.json", "-V"),
        args("scan", "terraform", "plan.json", "--version"),
        args("scan", "terraform", "plan.json", "--debug"),
        args("--debug", "scan", "terraform", "plan.json"),
        args("scan", "terraform", "--", "plan.json"),
        args("scan", "terraform", "plan.json", "--", "--x"),
        args("scan", "terraform", "@args.txt"),
        args("scan", "terraform", "plan.json", "--output", "@out"),
        args("scan", "terraform", "-"),
        args("scan", "terraform", "plan.json", "--format", "\"json,csv\""),
        args("scan", "terraform", "plan.json", "--output", "'r.json'"),
        args("scan", "terraform", ""),
        args("scan", "terraform", "plan.json", "--output", "-r.json"),
        args("scan", "terraform", "plan.json", "--output=-r.json"),
        args("Scan", "terraform", "plan.json"),
        args("scan", "Terraform", "plan.json"),
        args("scan", "aws"),
        args("scan", "terraform", "plan.json", "--config"),
        args("scan", "--format", "json", "terraform", "plan.json"),
        args("scan", "terraform", "plan.json", "-x"),
        args("scan", "terraform", "plan.json", "-hV"),
        args("scan", "terraform", "plan\0.json"),
        args("evaluate", "plan.json"));
  }

  @Test
  void readsWhatPicocliReadsOrDeclines() {
    int read = 0;
    int declined = 0;
    List<String> lines = new ArrayList<>();
    for (String[] args : commandLines().toList()) {
      String line = Arrays.toString(args);
      lines.add(line);
      String picocli = picocliReading(args);
      PlainScanLine.Line plain = PlainScanLine.parse(args);
      if (plain == null) {
        declined++;
        continue;
      }
      read++;
      ScanTerraformCommand command = newCommand();
      PlainScanLine.apply(plain, command);
      assertThat(state(command)).as(line).isEqualTo(picocli);
    }
    assertThat(lines).doesNotHaveDuplicates();
    // both halves of the corpus do what they say
    assertThat(read).isEqualTo(33);
    assertThat(declined).isEqualTo(commandLines().count() - 33);
  }

  @Test
  void guiceInjectsTheCommandThroughItsConstructorOnly() {
    // PlainScanLine.read creates the command as Guice would: the constructor, given the
    // injector's Provider<FindingsSupport>, and nothing injected after it
    InjectionPoint constructor = InjectionPoint.forConstructorOf(ScanTerraformCommand.class);
    assertThat(constructor.getDependencies().stream().map(Dependency::getKey).toList())
        .isEqualTo(List.of(new Key<Provider<FindingsSupport>>() {}));
    assertThat(InjectionPoint.forInstanceMethodsAndFields(ScanTerraformCommand.class)).isEmpty();
    assertThat(InjectionPoint.forStaticMethodsAndFields(ScanTerraformCommand.class)).isEmpty();
  }

  @Test
  void readCreatesTheCommandThroughGuice() {
    ScanTerraformCommand command =
        PlainScanLine.read(args("scan", "terraform", "p.json", "--format", "sarif"), INJECTOR);

    assertThat(command).isNotNull();
    assertThat(command.planFile).isEqualTo(Path.of("p.json"));
    assertThat(command.output.formats).containsExactly("sarif");
    assertThat(command.output.formats()).containsExactly("sarif");
    assertThat(PlainScanLine.read(args("scan", "terraform", "--help"), INJECTOR)).isNull();
  }

  @Test
  void declinesWhenAPicocliPropertyIsSet() {
    String[] args = args("scan", "terraform", "p.json");
    assertThat(PlainScanLine.parse(args)).isNotNull();
    System.setProperty("picocli.trace", "DEBUG");
    try {
      assertThat(PlainScanLine.parse(args)).isNull();
    } finally {
      System.clearProperty("picocli.trace");
    }
  }

  @Test
  void mainNamesNoPicocliType() {
    // the launcher loads every type Main's methods name before main runs
    for (Method method : Main.class.getDeclaredMethods()) {
      List<Class<?>> types = new ArrayList<>(List.of(method.getParameterTypes()));
      types.add(method.getReturnType());
      for (Class<?> type : types) {
        assertThat(type.getName()).as(method.toString()).doesNotStartWith("picocli.");
      }
    }
  }

  /** What picocli makes of the arguments: an error, help, another command, or the fields set. */
  private static String picocliReading(String[] args) {
    CommandLine root = picocli();
    ParseResult result;
    try {
      result = root.parseArgs(args);
    } catch (ParameterException e) {
      return "error: " + e.getMessage();
    }
    for (ParseResult r = result; r != null; r = r.subcommand()) {
      if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
        return "help";
      }
    }
    ParseResult leaf = result;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    Object command = leaf.commandSpec().userObject();
    return command instanceof ScanTerraformCommand scan ? state(scan) : "other: " + command;
  }

  private static CommandLine picocli() {
    CommandLine root =
        CommandTree.full(
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> type) throws Exception {
                if (type == ScanTerraformCommand.class) {
                  return type.cast(newCommand());
                }
                return type.getPackageName().startsWith("io.lcscan.")
                    ? INJECTOR.getInstance(type)
                    : CommandLine.defaultFactory().create(type);
              }
            });
    // as Main sets it
    root.setCaseInsensitiveEnumValuesAllowed(true);
    return root;
  }

  private static CommandLine terraform(CommandLine root) {
    return root.getSubcommands().get("scan").getSubcommands().get("terraform");
  }

  private static ScanTerraformCommand newCommand() {
    return new ScanTerraformCommand(
        () -> {
          throw new AssertionError("the command must not run");
        });
  }

  /** Every field picocli may set on the command and its mixins, with its value's type. */
  private static String state(Object object) {
    Map<String, String> fields = new TreeMap<>();
    for (Class<?> type = object.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())
            || field.getName().startsWith("support")
            || field.isSynthetic()) {
          continue;
        }
        field.setAccessible(true);
        Object value;
        try {
          value = field.get(object);
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
        String shown;
        if (value != null && value.getClass().getPackageName().equals("io.lcscan.cli")) {
          shown = state(value);
        } else if (value == null) {
          shown = "null";
        } else {
          shown = kind(value) + " " + value;
        }
        fields.put(type.getSimpleName() + "." + field.getName(), shown);
      }
    }
    return fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static String kind(Object value) {
    if (value instanceof Path) {
      return "Path";
    }
    if (value instanceof List<?> list) {
      return "List<" + list.stream().map(e -> e.getClass().getSimpleName()).toList() + ">";
    }
    return value.getClass().getSimpleName();
  }

  private static String[] args(String... args) {
    return args;
  }
}
