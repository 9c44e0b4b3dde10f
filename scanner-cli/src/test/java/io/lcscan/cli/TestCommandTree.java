package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A command line that names one command builds only that branch of the tree; it must parse, run and
 * fail exactly as with every command built.
 */
class TestCommandTree {

  private static final String CONFIG = CliRunner.smallConfig();
  private static final String PLAN = CliRunner.resource("plans/plan-small.json").toString();
  private static final String INVENTORY = CliRunner.resource("inventory-small.json").toString();

  @TempDir Path temp;

  @Test
  void namesAreTheCommandsOwn() {
    List<CommandTree.Node> all = new ArrayList<>();
    collect(CommandTree.ROOT, all);

    assertThat(all).hasSize(10);
    for (CommandTree.Node node : all) {
      assertThat(node.type().getAnnotation(Command.class).name()).isEqualTo(node.name());
      // subcommands are registered by CommandTree only, never twice
      assertThat(node.type().getAnnotation(Command.class).subcommands()).isEmpty();
    }
  }

  @Test
  void fullTreeListsEveryCommandInHelpOrder() {
    Injector injector =
        Guice.createInjector(
            new CliModule(
                new Terminal(System.out, System.err, false),
                new EngineFactory.Overrides(List.of())));
    CommandLine full =
        CommandTree.full(
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> type) throws Exception {
                return type.getPackageName().startsWith("io.lcscan.")
                    ? injector.getInstance(type)
                    : CommandLine.defaultFactory().create(type);
              }
            });

    assertThat(full.getSubcommands())
        .containsOnlyKeys("controls", "evaluate", "scan", "demo", "verify");
    assertThat(List.copyOf(full.getSubcommands().keySet()))
        .containsExactly("controls", "evaluate", "scan", "demo", "verify");
    assertThat(List.copyOf(full.getSubcommands().get("scan").getSubcommands().keySet()))
        .containsExactly("terraform", "aws");
    assertThat(List.copyOf(full.getSubcommands().get("controls").getSubcommands().keySet()))
        .containsExactly("list", "show");
    // the root's --debug reaches the leaves as when subcommands were annotated
    assertThat(
            full.getSubcommands()
                .get("scan")
                .getSubcommands()
                .get("terraform")
                .getCommandSpec()
                .findOption("--debug"))
        .isNotNull();
  }

  @Test
  void branchIsBuiltOnlyForOneNamedCommand() {
    assertThat(types("scan", "terraform", "plan.json", "--format", "json"))
        .containsExactly(LcscanCommand.class, ScanCommand.class, ScanTerraformCommand.class);
    assertThat(types("--debug", "scan", "--debug", "terraform", "plan.json"))
        .containsExactly(LcscanCommand.class, ScanCommand.class, ScanTerraformCommand.class);
    assertThat(types("controls", "list"))
        .containsExactly(LcscanCommand.class, ControlsCommand.class, ControlsListCommand.class);
    assertThat(types("evaluate", "x.json", "--", "-h"))
        .containsExactly(LcscanCommand.class, EvaluateCommand.class);
    assertThat(types("verify")).containsExactly(LcscanCommand.class, VerifyCommand.class);

    // help, version, no command, an unfinished path, unknown words and anything unusual: all
    for (String[] args :
        List.of(
            new String[0],
            new String[] {"--help"},
            new String[] {"-V"},
            new String[] {"scan"},
            new String[] {"scan", "cloudformation"},
            new String[] {"help", "scan"},
            new String[] {"scan", "terraform", "--help"},
            new String[] {"scan", "terraform", "-h"},
            new String[] {"scan", "terraform", "plan.json", "-hV"},
            new String[] {"scan", "terraform", "--version"},
            new String[] {"scan", "terraform", "@args.txt"},
            new String[] {"--lang", "ja", "scan", "terraform", "plan.json"},
            new String[] {"-", "scan"},
            new String[] {"Scan", "terraform", "plan.json"})) {
      assertThat(CommandTree.branch(args)).as(String.join(" ", args)).isEmpty();
    }
  }

  static Stream<List<String>> commandLines() {
    String missing = "/no/such/dir/plan.json";
    return Stream.of(
        List.of("scan", "terraform", PLAN, "--config", CONFIG),
        List.of("scan", "terraform", PLAN, "--config", CONFIG, "--format", "json"),
        List.of("scan", "terraform", PLAN, "--config", CONFIG, "--format", "sarif,csv"),
        List.of("scan", "terraform", PLAN, "--config", CONFIG, "--fail-on", "high", "--soft-fail"),
        List.of("--debug", "scan", "terraform", missing),
        List.of("scan", "terraform", missing, "--config", CONFIG),
        List.of("scan", "terraform", PLAN, "--format", "xml"),
        List.of("scan", "terraform", PLAN, "--fail-on", "urgent"),
        List.of("scan", "terraform", PLAN, "--lang", "fr"),
        List.of("scan", "terraform", PLAN, "--bogus"),
        List.of("scan", "terraform", PLAN, "other.json"),
        List.of("scan", "terraform", PLAN, "aws"),
        List.of("scan", "terraform"),
        List.of("scan", "terraform", PLAN, "--format"),
        List.of("scan", "terraform", "--soft-fail=maybe", PLAN),
        List.of("scan", "terraform", "--", "--not-an-option.json", "--config", CONFIG),
        List.of("scan", "aws", "--regions"),
        List.of("scan", "aws", "--colour"),
        List.of("scan", "terraform", "--help"),
        List.of("scan", "--help"),
        List.of("scan"),
        List.of("scan", "gcp"),
        List.of("controls", "list", "--config", CONFIG),
        List.of("controls", "list", "--config", CONFIG, "--phase", "disposal", "--lang", "ja"),
        List.of("controls", "list", "--colour"),
        List.of("controls", "show", "LC-DISP-02", "--config", CONFIG),
        List.of("controls", "show", "LC-NOPE-01", "--config", CONFIG),
        List.of("controls", "show"),
        List.of("controls"),
        List.of("evaluate", INVENTORY, "--config", CONFIG, "--format", "table"),
        List.of("evaluate"),
        List.of("evaluate", INVENTORY, "--evidence"),
        List.of("demo", "--format"),
        List.of("demo", "--bogus"),
        List.of("verify"),
        List.of("verify", "/no/such/bundle"),
        List.of("verify", "a", "b"),
        List.of("--debug"),
        List.of("help"),
        List.of("--help"),
        List.of());
  }

  @ParameterizedTest
  @MethodSource("commandLines")
  void branchRunsAsTheFullTree(List<String> args) {
    String[] array = args.toArray(String[]::new);

    Run branch = run(array, false);
    Run full = run(array, true);

    assertThat(branch).isEqualTo(full);
  }

  @Test
  void branchWritesTheSameReportFiles() throws Exception {
    Path a = Files.createDirectories(temp.resolve("a"));
    Path b = Files.createDirectories(temp.resolve("b"));
    String formats = "json,sarif,csv,junit,html";

    run(scanTo(a, formats), false);
    run(scanTo(b, formats), true);

    for (String name :
        List.of("report.json", "report.sarif", "report.csv", "report.xml", "report.html")) {
      assertThat(withoutTimes(Files.readString(a.resolve(name), UTF_8)))
          .as(name)
          .isEqualTo(withoutTimes(Files.readString(b.resolve(name), UTF_8)));
    }
  }

  private static String[] scanTo(Path directory, String formats) {
    return new String[] {
      "scan",
      "terraform",
      PLAN,
      "--config",
      CONFIG,
      "--format",
      formats,
      "--output",
      directory + "/"
    };
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String[] args, boolean fullTree) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Module clock = binder -> binder.bind(Clock.class).toInstance(CliRunner.CLOCK);
    int code =
        new Main(List.of(), List.of(clock))
            .run(
                args,
                new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8),
                false,
                fullTree);
    return new Run(code, withoutTimes(out.toString(UTF_8)), withoutFrames(err.toString(UTF_8)));
  }

  // --debug's stack traces: the test's own frames differ from run to run
  private static String withoutFrames(String text) {
    return text.replaceAll("(?m)^\\s+(at |\\.\\.\\. \\d+ more).*\\R", "");
  }

  // a scan's start and end are the wall clock's
  private static String withoutTimes(String text) {
    return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>");
  }

  private static List<Class<?>> types(String... args) {
    return CommandTree.branch(args).stream().<Class<?>>map(CommandTree.Node::type).toList();
  }

  private static void collect(CommandTree.Node node, List<CommandTree.Node> all) {
    all.add(node);
    node.children().forEach(child -> collect(child, all));
  }
}
