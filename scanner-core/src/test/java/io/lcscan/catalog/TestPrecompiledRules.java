package io.lcscan.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.Engine;
import io.lcscan.engine.TestConfigs;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules compiled at build time ({@link PrecompiledRules}) behave exactly as rules compiled at
 * load, and a store that does not fit the catalog is never used.
 */
class TestPrecompiledRules {
  private static final ObjectMapper JSON =
      JsonMapper.builder().addModule(new JavaTimeModule()).build();

  private static LcscanConfig precompiled;
  private static LcscanConfig compiled;

  @TempDir Path root;

  @BeforeAll
  static void loadBothWays() {
    precompiled = LcscanConfig.load(ConfigSource.bundled(), PrecompiledRules.bundled());
    compiled = LcscanConfig.load(ConfigSource.bundled(), PrecompiledRules.none());
  }

  @Test
  void theBuildStoresEveryRuleOfTheBundledCatalog() {
    PrecompiledRules store = PrecompiledRules.bundled();
    // loaded here: the other tests evaluate, and so plan, the shared one's rules
    Catalog catalog = LcscanConfig.load(ConfigSource.bundled()).catalog();
    assertThat(store.digest()).isEqualTo(catalog.digest());
    assertThat(store.size()).isEqualTo(rules(catalog).size()).isGreaterThan(500);
    // every rule came from the store, and none is planned before it is evaluated
    assertThat(rules(catalog)).allSatisfy(rule -> assertThat(rule.checkedAst()).isNull());
    assertThat(rules(catalog)).noneMatch(CompiledRule::planned);
    assertThat(rules(compiled.catalog()))
        .allSatisfy(rule -> assertThat(rule.checkedAst()).isNotNull());
  }

  @Test
  void storedRulesReadWhatCompiledRulesRead() {
    List<CompiledRule> stored = rules(precompiled.catalog());
    List<CompiledRule> fresh = rules(compiled.catalog());
    assertThat(stored).hasSameSizeAs(fresh);
    for (int i = 0; i < stored.size(); i++) {
      CompiledRule a = stored.get(i);
      CompiledRule b = fresh.get(i);
      assertThat(a.toString()).isEqualTo(b.toString());
      assertThat(a.attributePaths()).isEqualTo(b.attributePaths());
      assertThat(a.resourceFields()).isEqualTo(b.resourceFields());
      assertThat(a.settingsPaths()).isEqualTo(b.settingsPaths());
      assertThat(a.lookupTypes()).isEqualTo(b.lookupTypes());
      assertThat(a.readsChange()).isEqualTo(b.readsChange());
    }
  }

  @Test
  void theExampleInventoryGivesTheSameFindings() throws IOException {
    Inventory inventory;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("lcscan-config/examples/inventory.json")) {
      assertThat(in).isNotNull();
      inventory = JSON.readValue(in, Inventory.class);
    }
    List<Finding> expected = findings(compiled, inventory);
    assertThat(expected).hasSizeGreaterThan(50);
    assertThat(findings(precompiled, inventory)).isEqualTo(expected);
  }

  @Test
  void everyControlFixtureGivesTheSameFindings() throws IOException {
    List<ControlFixtures.Case> cases = ControlFixtures.allCases();
    assertThat(cases.stream().map(ControlFixtures.Case::file).distinct()).hasSizeGreaterThan(50);
    assertThat(cases).hasSizeGreaterThan(100);
    for (ControlFixtures.Case fixture : cases) {
      assertThat(findings(fixture.config(precompiled), fixture.inventory()))
          .as(fixture.where())
          .isEqualTo(findings(fixture.config(compiled), fixture.inventory()));
    }
  }

  @Test
  void everyBundledRuleIsStoredInTheCompactFormAndReadsBackAsItsCheckedExpr() throws IOException {
    PrecompiledRules store = PrecompiledRules.bundled();
    assertThat(store.astFormats().values())
        .hasSize(store.size())
        .containsOnly(PrecompiledRules.AST_LCSCAN);
    for (CompiledRule rule : rules(compiled.catalog())) {
      // what a CheckedExpr of the freshly compiled rule reads back as
      CelAbstractSyntaxTree expected =
          CelProtoAbstractSyntaxTree.fromCheckedExpr(
                  CelProtoAbstractSyntaxTree.fromCelAst(rule.checkedAst()).toCheckedExpr())
              .getAst();
      assertThat(store.storedAst(rule.controlId(), rule.resourceType()))
          .as(rule.toString())
          .contains(expected);
    }
  }

  @Test
  void theCompactFormHoldsEveryShapeItWrites() {
    RuleCompiler compiler = new RuleCompiler(Map.of());
    for (String source :
        List.of(
            "[1, 2u, 2.5, b'\\x00\\xff', null, 'x'].size() == 6 && {'a': -3}['a'] < 0",
            "resource.attributes.exists(k, k == 'a') || type(1) == int || 1.0 != 2.0",
            "cel.bind(x, resource.tags, x.size() > 0 ? x.all(k, k.startsWith('a')) : false)",
            "has(resource.attributes.a) && [1, 2].map(i, i * 2).filter(j, j > 2).size() == 1",
            "optional.of(1).hasValue() || [?optional.none(), 1].size() == 1")) {
      RuleCompiler.Compilation compilation = compiler.compile("LC-T-01", "aws.s3.bucket", source);
      if (compilation.rule().isEmpty()) {
        // optional values are not in the environment: the others must compile
        assertThat(source).as(compilation.problems().toString()).contains("optional");
        continue;
      }
      CelAbstractSyntaxTree ast =
          CelProtoAbstractSyntaxTree.fromCheckedExpr(
                  CelProtoAbstractSyntaxTree.fromCelAst(
                          compilation.rule().orElseThrow().checkedAst())
                      .toCheckedExpr())
              .getAst();
      byte[] bytes = StoredAst.encode(ast);
      assertThat(StoredAst.decode(bytes, 0, bytes.length)).as(source).isEqualTo(ast);
      // a cut record is refused, not misread
      assertThatThrownBy(() -> StoredAst.decode(bytes, 0, bytes.length - 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theBundledRulesRunOnARuntimeWithOnlyWhatTheyCall() {
    PrecompiledRules store = PrecompiledRules.bundled();
    // no bundled rule calls a sets function: its library, the dearest to build, is left out
    assertThat(store.needs())
        .contains("EQUALS", "LOGICAL_NOT", "SIZE", "INDEX", "IN")
        .doesNotContain(RuleCompiler.SETS_LIBRARY, "ADD");
    assertThat(store.runtime())
        .isSameAs(RuleCompiler.runtime())
        .isNotSameAs(RuleCompiler.fullRuntime());
    assertThat(PrecompiledRules.none().runtime()).isSameAs(RuleCompiler.fullRuntime());
    // what the build listed is what the stored rules call
    List<CelAbstractSyntaxTree> asts = new ArrayList<>();
    for (CompiledRule rule : rules(compiled.catalog())) {
      asts.add(rule.checkedAst());
    }
    assertThat(RuleCompiler.needs(asts)).isEqualTo(store.needs());
  }

  @Test
  void aRuleCompiledAtLoadHasEveryFunctionAndAStoreListsWhatItCalls() throws Exception {
    String source =
        "sets.contains(['a', 'b'], ['b']) && size('ab') == 2 && 'AB'.lowerAscii() == 'ab'";
    RuleCompiler compiler = new RuleCompiler(Map.of());
    CompiledRule rule =
        compiler.compile("LC-TEST-01", "aws.s3.bucket", source).rule().orElseThrow();
    assertThat(rule.program().eval(Map.of())).isEqualTo(true);

    Set<String> needs = RuleCompiler.needs(List.of(rule.checkedAst()));
    assertThat(needs)
        .contains(RuleCompiler.SETS_LIBRARY, "SIZE", "EQUALS")
        .doesNotContain("MATCHES", "DURATION");
    assertThat(RuleCompiler.newRuntime(needs).createProgram(rule.checkedAst()).eval(Map.of()))
        .isEqualTo(true);
    // without the functions it calls the rule cannot run: the list is what keeps it running
    assertThatThrownBy(
            () -> RuleCompiler.newRuntime(Set.of()).createProgram(rule.checkedAst()).eval(Map.of()))
        .isInstanceOf(Exception.class);
  }

  @Test
  void aStoreIsUsedOnlyForTheCatalogItWasCompiledFrom() throws IOException {
    copyTestConfig();
    byte[] bytes =
        PrecompiledRules.toBytes(
            LcscanConfig.load(ConfigSource.directory(root), PrecompiledRules.none()).catalog());
    PrecompiledRules store = PrecompiledRules.read(bytes);
    assertThat(store.size()).isPositive();

    Catalog same = LcscanConfig.load(ConfigSource.directory(root), store).catalog();
    assertThat(rules(same)).isNotEmpty().allSatisfy(rule -> assertThat(rule.checkedAst()).isNull());
    assertThat(rules(same)).allSatisfy(rule -> assertThat(rule.program()).isNotNull());

    // the bundled catalog has another digest: every rule is compiled
    Catalog other = LcscanConfig.load(ConfigSource.bundled(), store).catalog();
    assertThat(rules(other)).allSatisfy(rule -> assertThat(rule.checkedAst()).isNotNull());

    // an edited catalog no longer matches the store
    Path control = firstControl();
    String text = Files.readString(control);
    Files.writeString(control, text + "\n# edited\n");
    Catalog edited = LcscanConfig.load(ConfigSource.directory(root), store).catalog();
    assertThat(edited.digest()).isNotEqualTo(store.digest());
    assertThat(rules(edited)).allSatisfy(rule -> assertThat(rule.checkedAst()).isNotNull());
  }

  @Test
  void aStoredRuleWhoseSourceDiffersIsCompiled() throws IOException {
    copyTestConfig();
    Catalog catalog =
        LcscanConfig.load(ConfigSource.directory(root), PrecompiledRules.none()).catalog();
    PrecompiledRules store = PrecompiledRules.read(PrecompiledRules.toBytes(catalog));
    CompiledRule rule = rules(catalog).get(0);
    RuleCompiler compiler = new RuleCompiler(catalog.types(), store);

    RuleCompiler.Compilation same =
        compiler.compile(rule.controlId(), rule.resourceType(), rule.source());
    assertThat(same.rule().orElseThrow().checkedAst()).isNull();

    RuleCompiler.Compilation changed =
        compiler.compile(rule.controlId(), rule.resourceType(), "(" + rule.source() + ")");
    assertThat(changed.rule().orElseThrow().checkedAst()).isNotNull();

    RuleCompiler.Compilation broken =
        compiler.compile(rule.controlId(), rule.resourceType(), rule.source() + " &&");
    assertThat(broken.rule()).isEmpty();
    assertThat(broken.problems()).singleElement().asString().contains("CEL syntax error");
  }

  @Test
  void aStaleOrDamagedStoreIsIgnored() throws IOException {
    copyTestConfig();
    byte[] bytes =
        PrecompiledRules.toBytes(
            LcscanConfig.load(ConfigSource.directory(root), PrecompiledRules.none()).catalog());

    // written by another compiler (or another format): not used
    ByteArrayOutputStream other = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(other);
    data.writeUTF(PrecompiledRules.MAGIC);
    data.writeInt(PrecompiledRules.FORMAT);
    data.writeUTF("0".repeat(64));
    data.writeUTF("digest");
    data.writeInt(0);
    assertThat(PrecompiledRules.read(other.toByteArray()).size()).isZero();

    assertThatThrownBy(() -> PrecompiledRules.read(Arrays.copyOf(bytes, bytes.length / 2)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> PrecompiledRules.read("not a store".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
    assertThat(PrecompiledRules.none().forCatalog("").size()).isZero();
  }

  @Test
  void thePrecompilerWritesNothingForACatalogWithProblems() throws IOException {
    copyTestConfig();
    Path output = root.resolve("compiled-rules.bin");
    int written = CatalogPrecompiler.precompile(root, output);
    assertThat(written)
        .isEqualTo(
            rules(
                    LcscanConfig.load(ConfigSource.directory(root), PrecompiledRules.none())
                        .catalog())
                .size());
    assertThat(PrecompiledRules.read(Files.readAllBytes(output)).size()).isEqualTo(written);

    Path control = firstControl();
    Files.writeString(control, Files.readString(control) + "\nbogusKey: 1\n");
    assertThat(CatalogPrecompiler.precompile(root, output)).isEqualTo(-1);
    assertThat(output).doesNotExist();
  }

  private static List<Finding> findings(LcscanConfig config, Inventory inventory) {
    return new Engine(config, Clock.fixed(ControlFixtures.NOW, ZoneOffset.UTC))
        .evaluate(inventory, ControlFixtures.NOW, control -> true)
        .findings();
  }

  private static List<CompiledRule> rules(Catalog catalog) {
    List<CompiledRule> rules = new ArrayList<>();
    for (Control control : catalog.controls()) {
      rules.addAll(catalog.rules(control.id()).values());
    }
    return rules;
  }

  private Path firstControl() throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("controls"))) {
      return files
          .filter(file -> file.toString().endsWith(".yaml"))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }

  private void copyTestConfig() throws IOException {
    Path source = TestConfigs.testConfigDirectory();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path target = root.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
