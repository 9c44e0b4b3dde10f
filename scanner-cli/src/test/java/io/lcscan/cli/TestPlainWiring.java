package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Binding;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MultibinderBinding;
import com.google.inject.multibindings.MultibindingsTargetVisitor;
import com.google.inject.spi.DefaultBindingTargetVisitor;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.InjectionPoint;
import com.google.inject.spi.LinkedKeyBinding;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.Engine;
import io.lcscan.engine.EngineModule;
import io.lcscan.report.Renderer;
import io.lcscan.report.Renderers;
import io.lcscan.report.ReportException;
import io.lcscan.report.ReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain plan scan is wired by hand ({@link PlainWiring}): it must build what the CLI's injector
 * builds, and every run must end as the Guice-built and the picocli-read runs end, byte for byte
 * apart from times.
 */
class TestPlainWiring {

  private static final Key<Set<Renderer>> RENDERERS = Key.get(new TypeLiteral<Set<Renderer>>() {});

  private final Terminal terminal = new Terminal(System.out, System.err, false);
  private final Injector injector =
      Guice.createInjector(new CliModule(terminal, new EngineFactory.Overrides(List.of())));

  @TempDir Path temp;

  // ---- what is built

  @Test
  void builtInRenderersAreWhatTheReportModuleBinds() {
    Binding<Set<Renderer>> set = injector.getBinding(RENDERERS);
    List<Class<?>> bound = new ArrayList<>();
    for (Binding<?> element : set.acceptTargetVisitor(new Elements())) {
      bound.add(((LinkedKeyBinding<?>) element).getLinkedKey().getTypeLiteral().getRawType());
    }
    assertThat(bound).isEqualTo(List.copyOf(Renderers.BUILT_IN));

    RendererLookup byHand = RendererLookup.builtIn();
    RendererLookup byGuice = new RendererLookup(injector);
    Set<Renderer> all = injector.getInstance(RENDERERS);
    assertThat(all).hasSize(Renderers.BUILT_IN.size());
    for (Renderer renderer : all) {
      String format = renderer.format();
      assertThat(byHand.get(format).getClass()).as(format).isEqualTo(renderer.getClass());
      assertThat(byGuice.get(format).getClass()).as(format).isEqualTo(renderer.getClass());
      assertThat(byHand.get(format).format()).isEqualTo(format);
    }
  }

  @Test
  void unknownFormatIsTheSameError() {
    String guice = message(() -> new RendererLookup(injector).get("xml"));

    assertThat(guice).contains("unknown format 'xml'", "json", "sarif", "html");
    assertThatThrownBy(() -> RendererLookup.builtIn().get("xml"))
        .isInstanceOf(ReportException.class)
        .hasMessage(guice);
    // also once some renderers were created
    RendererLookup byHand = RendererLookup.builtIn();
    RendererLookup byGuice = new RendererLookup(injector);
    byHand.get("csv");
    byGuice.get("csv");
    assertThat(message(() -> byHand.get("JSON"))).isEqualTo(message(() -> byGuice.get("JSON")));
  }

  @Test
  void guiceBuildsEachClassWithTheArgumentsGivenByHand() {
    // PlainWiring calls these constructors with these arguments: Guice must inject the same, and
    // nothing after the constructor
    Map<Class<?>, List<Key<?>>> expected = new LinkedHashMap<>();
    expected.put(
        FindingsSupport.class,
        List.of(
            Key.get(ConfigReader.class),
            Key.get(EngineFactory.class),
            Key.get(ReportOutput.class),
            Key.get(Terminal.class),
            Key.get(Injector.class)));
    expected.put(
        ReportOutput.class,
        List.of(
            Key.get(RendererLookup.class), Key.get(ReportWriter.class), Key.get(Terminal.class)));
    expected.put(RendererLookup.class, List.of(Key.get(Injector.class)));
    expected.put(ConfigReader.class, List.of());
    expected.put(ReportWriter.class, List.of());
    expected.put(
        EngineFactory.class,
        List.of(Key.get(Injector.class), Key.get(EngineFactory.Overrides.class)));
    expected.put(Engine.class, List.of(Key.get(LcscanConfig.class), Key.get(Clock.class)));
    expected.put(EvidenceWriter.class, List.of(Key.get(Renderers.class)));
    expected.put(Renderers.class, List.of(RENDERERS));
    for (Class<? extends Renderer> renderer : Renderers.BUILT_IN) {
      expected.put(renderer, List.of());
    }
    for (Map.Entry<Class<?>, List<Key<?>>> entry : expected.entrySet()) {
      Class<?> type = entry.getKey();
      assertThat(
              InjectionPoint.forConstructorOf(type).getDependencies().stream()
                  .map(Dependency::getKey)
                  .toList())
          .as(type.getName())
          .isEqualTo(entry.getValue());
      assertThat(InjectionPoint.forInstanceMethodsAndFields(type)).as(type.getName()).isEmpty();
      assertThat(InjectionPoint.forStaticMethodsAndFields(type)).as(type.getName()).isEmpty();
    }
    // the engine module's clock is the one Main gives the hand-wired engine
    Module config = binder -> binder.bind(LcscanConfig.class).toInstance(smallConfig());
    assertThat(Guice.createInjector(new EngineModule(), config).getInstance(Clock.class))
        .isEqualTo(Clock.systemUTC());
  }

  @Test
  void buildsTheSameObjectsAsTheInjector() throws Exception {
    FindingsSupport byGuice = injector.getInstance(FindingsSupport.class);
    FindingsSupport byHand = new PlainWiring(terminal, Clock.systemUTC()).findingsSupport();

    assertThat(shape(byHand)).isEqualTo(shape(byGuice));
    assertThat(byHand.terminal).isSameAs(terminal);
    assertThat(byHand.engineFactory.create(smallConfig()).getClass())
        .isEqualTo(byGuice.engineFactory.create(smallConfig()).getClass());
    EvidenceWriter writer = byHand.evidenceWriter();
    assertThat(shape(writer)).isEqualTo(shape(byGuice.evidenceWriter()));
    Renderers renderers = (Renderers) field(writer, "renderers");
    assertThat(renderers.formats()).isEqualTo(injector.getInstance(Renderers.class).formats());
    for (String format : renderers.formats()) {
      assertThat(renderers.get(format).getClass())
          .isEqualTo(injector.getInstance(Renderers.class).get(format).getClass());
    }
  }

  @Test
  void productionMainWiresAPlainScanByHandAndTestsOrOtherLinesUseGuice() {
    Path plan = CliRunner.resource("plans/plan-small.json");
    String[] plain = {"scan", "terraform", plan.toString(), "--config", CliRunner.smallConfig()};
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);

    Main production = new Main();
    production.run(plain, sink, sink);
    assertThat(production.wiredByHand()).isTrue();
    production.run(new String[] {"controls", "list"}, sink, sink);
    assertThat(production.wiredByHand()).isFalse();
    production.run(new String[] {"scan", "terraform", plan.toString(), "--debug"}, sink, sink);
    assertThat(production.wiredByHand()).isFalse();
    production.run(plain, sink, sink, false, true);
    assertThat(production.wiredByHand()).isFalse();

    Main tests = new Main(List.of(), List.of(clockModule()));
    tests.run(plain, sink, sink);
    assertThat(tests.wiredByHand()).isFalse();
    assertThatThrownBy(() -> new Main(List.of(clockModule()), List.of(), CliRunner.CLOCK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- how runs end

  @Test
  void bundledExamplesGiveTheSameReports() throws IOException {
    try (Stream<Path> plans = Files.list(Path.of("..", "examples"))) {
      List<Path> examples =
          plans.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
      assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
      for (Path example : examples) {
        String name = example.getFileName().toString();
        assertSameRun(name, "scan", "terraform", example.toString(), "--format", "json");
      }
    }
  }

  @Test
  void generatedPlanGivesTheSameReportsInEveryFormat() throws IOException {
    Path plan = temp.resolve("generated.json");
    Files.writeString(plan, generatedPlan(40), UTF_8);

    Map<String, Run> every =
        assertSameRun(
            "every format",
            "scan",
            "terraform",
            plan.toString(),
            "--format",
            "sarif,junit,csv,html,table",
            "--format",
            "json",
            "--output",
            "OUT/");
    assertThat(every.get("byHand").files())
        .containsOnlyKeys(
            "report.sarif", "report.xml", "report.csv", "report.html", "report.txt", "report.json")
        .allSatisfy((file, content) -> assertThat(content).contains("LC-"));
    Run table =
        assertSameRun("table to stdout", "scan", "terraform", plan.toString()).get("byHand");
    // the plan gives findings of every kind the engine reports
    assertThat(table.out()).contains("FAIL ", "PASS ", "ERROR ", "known after apply");
    assertSameRun(
        "fail-on", "scan", "terraform", plan.toString(), "--fail-on", "high", "--lang", "ja");
    assertSameRun(
        "soft-fail",
        "scan",
        "terraform",
        "--soft-fail",
        plan.toString(),
        "--fail-on=low",
        "--format=csv");
  }

  @Test
  void evidenceBundlesAreTheSameAndVerify() throws IOException {
    Path plan = temp.resolve("generated.json");
    Files.writeString(plan, generatedPlan(12), UTF_8);

    Map<String, Run> runs =
        assertSameRun(
            "evidence",
            "scan",
            "terraform",
            plan.toString(),
            "--format",
            "json",
            "--output",
            "OUT/report.json",
            "--evidence",
            "OUT/evidence");
    for (Run run : runs.values()) {
      assertThat(run.files()).containsKeys("evidence/manifest.json", "evidence/report.html");
      Path bundle = run.directory().resolve("evidence");
      assertThat(EvidenceBundle.verify(bundle, EvidenceManifest.read(bundle).files())).isEmpty();
      assertThat(new CliRunner().run("verify", bundle.toString()).exitCode())
          .isEqualTo(ExitCodes.CLEAN);
    }
    // to stdout, the bundle named on stderr
    assertSameRun(
        "evidence, report to stdout",
        "scan",
        "terraform",
        plan.toString(),
        "--config",
        CliRunner.smallConfig(),
        "--evidence",
        "OUT/bundle");
  }

  @Test
  void errorsAreTheSame() throws IOException {
    Path plan = CliRunner.resource("plans/plan-small.json");
    Path bad = temp.resolve("bad plan.json");
    Files.writeString(bad, "{\"format_version\": \"1.2\", \"planned_values\": {", UTF_8);
    String config = CliRunner.smallConfig();

    Run unknown =
        assertSameRun(
                "unknown format", "scan", "terraform", plan.toString(), "--format", "json,xml")
            .get("byHand");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).startsWith("lcscan: --format: unknown format 'xml' (known: csv,");
    Run malformed =
        assertSameRun("bad plan", "scan", "terraform", bad.toString(), "--config", config)
            .get("byHand");
    assertThat(malformed.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(malformed.err().lines()).hasSize(1);
    assertSameRun("missing plan", "scan", "terraform", "OUT/none.json", "--config", config);
    assertSameRun("missing config", "scan", "terraform", plan.toString(), "--config", "OUT/cfg");
    assertSameRun("bad fail-on", "scan", "terraform", plan.toString(), "--fail-on", "urgent");
    assertSameRun("bad lang", "scan", "terraform", plan.toString(), "--lang", "fr");
    assertSameRun(
        "two formats to stdout", "scan", "terraform", plan.toString(), "--format", "json,csv");
    assertSameRun(
        "evidence not empty",
        "scan",
        "terraform",
        plan.toString(),
        "--config",
        config,
        "--evidence",
        plan.getParent().toString());
  }

  // ---- helpers

  /** One run's ending: exit code, output, and every file it wrote, with times and paths masked. */
  record Run(int exitCode, String out, String err, Map<String, String> files, Path directory) {}

  /**
   * Runs the arguments wired by hand, with Guice, and read by picocli with Guice, each in a folder
   * of its own ({@code OUT} in an argument names it), and checks that all end the same.
   */
  private Map<String, Run> assertSameRun(String what, String... args) throws IOException {
    Map<String, Run> runs = new LinkedHashMap<>();
    runs.put("byHand", run(what, "byHand", args));
    runs.put("guice", run(what, "guice", args));
    runs.put("picocli", run(what, "picocli", args));
    Run byHand = runs.get("byHand");
    for (String way : List.of("guice", "picocli")) {
      Run other = runs.get(way);
      assertThat(byHand.exitCode())
          .as(what + ": exit code, by hand and " + way)
          .isEqualTo(other.exitCode());
      assertThat(byHand.out()).as(what + ": stdout, by hand and " + way).isEqualTo(other.out());
      assertThat(byHand.err()).as(what + ": stderr, by hand and " + way).isEqualTo(other.err());
      assertThat(byHand.files()).as(what + ": files, by hand and " + way).isEqualTo(other.files());
    }
    assertThat(byHand.err()).doesNotContain("internal error").doesNotContain("\tat ");
    return runs;
  }

  private Run run(String what, String way, String... args) throws IOException {
    Path directory = Files.createDirectories(temp.resolve(way + "-" + what.replace(' ', '-')));
    String[] resolved = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      resolved[i] = args[i].replace("OUT/", directory + "/");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, UTF_8);
    PrintStream errStream = new PrintStream(err, true, UTF_8);
    int code;
    if (way.equals("byHand")) {
      Main main = new Main(List.of(), List.of(), CliRunner.CLOCK);
      code = main.run(resolved, outStream, errStream);
      assertThat(main.wiredByHand()).as(what).isTrue();
    } else {
      Main main = new Main(List.of(), List.of(clockModule()));
      code = main.run(resolved, outStream, errStream, false, way.equals("picocli"));
      assertThat(main.wiredByHand()).as(what).isFalse();
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (String file : EvidenceTesting.files(directory)) {
      files.put(file, mask(Files.readString(directory.resolve(file), UTF_8), directory));
    }
    return new Run(
        code,
        mask(out.toString(UTF_8), directory),
        mask(err.toString(UTF_8), directory),
        files,
        directory);
  }

  /** Masks what differs between two runs of one scan: times, the hashes of files with times. */
  private static String mask(String text, Path directory) {
    return text.replace(directory.toString(), "OUT")
        .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)", "T")
        .replaceAll("\\b[0-9a-f]{64}\\b", "SHA256")
        .replaceAll("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", "UUID");
  }

  private static Module clockModule() {
    return binder -> binder.bind(Clock.class).toInstance(CliRunner.CLOCK);
  }

  private static LcscanConfig smallConfig() {
    return LcscanConfig.load(ConfigSource.directory(Path.of(CliRunner.smallConfig())));
  }

  private static String message(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error");
  }

  /**
   * The classes of an object's dependencies, and of a report output's: the evidence writer, which
   * each creates its own way, is compared by what it creates.
   */
  private static String shape(Object object) throws IllegalAccessException {
    StringBuilder shape = new StringBuilder(object.getClass().getSimpleName()).append('{');
    for (Field field : object.getClass().getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(field.getModifiers())
          || field.getName().equals("evidenceWriter")) {
        continue;
      }
      field.setAccessible(true);
      Object value = field.get(object);
      shape.append(field.getName()).append('=');
      shape.append(value instanceof ReportOutput ? shape(value) : value.getClass().getSimpleName());
      shape.append(' ');
    }
    return shape.append('}').toString();
  }

  private static Object field(Object object, String name) throws ReflectiveOperationException {
    Field field = object.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(object);
  }

  /**
   * A plan of {@code teams} modules, each with a bucket (public or not), its access block, a key
   * (short deletion window or not) and an unencrypted or encrypted volume whose key is known only
   * after apply.
   */
  static String generatedPlan(int teams) {
    StringBuilder changes = new StringBuilder();
    for (int i = 0; i < teams; i++) {
      String module = "module.team[\\\"t" + i + "\\\"]";
      boolean open = i % 5 == 0;
      changes
          .append(i == 0 ? "" : ",")
          .append(
              change(
                  module,
                  "aws_s3_bucket",
                  "{\"bucket\":\"acme-t%d\",\"force_destroy\":false,\"tags\":{\"lc-data-class\":\"c%d\"}}"
                      .formatted(i, 1 + i % 3),
                  "{\"arn\":true,\"id\":true}"))
          .append(',')
          .append(
              change(
                  module,
                  "aws_s3_bucket_public_access_block",
                  "{\"block_public_acls\":%b,\"block_public_policy\":%b,\"ignore_public_acls\":%b,\"restrict_public_buckets\":%b}"
                      .formatted(!open, !open, true, !open),
                  "{\"bucket\":true,\"id\":true}"))
          .append(',')
          .append(
              change(
                  module,
                  "aws_kms_key",
                  "{\"deletion_window_in_days\":%d,\"enable_key_rotation\":%b}"
                      .formatted(i % 7 == 0 ? 7 : 30, i % 3 != 0),
                  "{\"arn\":true,\"id\":true,\"key_id\":true}"))
          .append(',')
          .append(
              change(
                  module,
                  "aws_ebs_volume",
                  "{\"availability_zone\":\"ap-northeast-1a\",\"size\":%d,\"encrypted\":%b}"
                      .formatted(8 + i, i % 4 != 0),
                  i % 2 == 0 ? "{\"id\":true,\"kms_key_id\":true}" : "{\"id\":true}"));
    }
    return "{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\","
        + "\"planned_values\":{\"root_module\":{}},\"resource_changes\":["
        + changes
        + "]}";
  }

  private static String change(String module, String type, String after, String unknown) {
    return ("{\"address\":\"%1$s.%2$s.this\",\"module_address\":\"%1$s\",\"mode\":\"managed\","
            + "\"type\":\"%2$s\",\"name\":\"this\","
            + "\"provider_name\":\"registry.terraform.io/hashicorp/aws\","
            + "\"change\":{\"actions\":[\"create\"],\"before\":null,\"after\":%3$s,"
            + "\"after_unknown\":%4$s,\"before_sensitive\":false,\"after_sensitive\":{}}}")
        .formatted(module, type, after, unknown);
  }

  /** The element bindings of a Multibinder's set. */
  private static final class Elements
      extends DefaultBindingTargetVisitor<Set<Renderer>, List<Binding<?>>>
      implements MultibindingsTargetVisitor<Set<Renderer>, List<Binding<?>>> {

    @Override
    public List<Binding<?>> visit(MultibinderBinding<? extends Set<Renderer>> multibinding) {
      return multibinding.getElements();
    }

    @Override
    public List<Binding<?>> visit(
        com.google.inject.multibindings.MapBinderBinding<? extends Set<Renderer>> map) {
      throw new AssertionError("not a set");
    }

    @Override
    public List<Binding<?>> visit(
        com.google.inject.multibindings.OptionalBinderBinding<? extends Set<Renderer>> optional) {
      throw new AssertionError("not a set");
    }
  }
}
