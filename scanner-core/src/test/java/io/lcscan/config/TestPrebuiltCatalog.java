package io.lcscan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.CatalogPrecompiler;
import io.lcscan.catalog.CompiledRule;
import io.lcscan.catalog.Control;
import io.lcscan.catalog.ControlFixtures;
import io.lcscan.catalog.PrecompiledRules;
import io.lcscan.engine.Engine;
import io.lcscan.engine.TestConfigs;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled catalog loaded from the build's parsed files ({@link PrebuiltCatalog}) is the catalog
 * loaded from its YAML, a store that does not fit the files is never used, and the build's index
 * lists what walking the jar lists.
 */
class TestPrebuiltCatalog {
  private static final ObjectMapper JSON =
      JsonMapper.builder().addModule(new JavaTimeModule()).build();
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final String BASE = "lcscan-config";

  private static LcscanConfig prebuilt;
  private static LcscanConfig parsed;

  @TempDir Path temporary;
  private final List<URLClassLoader> loaders = new ArrayList<>();

  @BeforeAll
  static void loadBothWays() {
    ConfigSource.ClasspathSource bundled = (ConfigSource.ClasspathSource) ConfigSource.bundled();
    PrebuiltCatalog store = PrebuiltCatalog.forSource(bundled).orElseThrow();
    LcscanConfig.LoadResult fast =
        new ConfigLoader(bundled, PrecompiledRules.bundled(), store).load();
    assertThat(fast.problems()).isEmpty();
    prebuilt = fast.config();
    LcscanConfig.LoadResult slow =
        LcscanConfig.loadPartial(ConfigSource.bundled(), PrecompiledRules.bundled(), false);
    assertThat(slow.problems()).isEmpty();
    parsed = slow.config();
  }

  @AfterEach
  void closeLoaders() throws IOException {
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  @Test
  void theBuildStoresTheBundledCatalogWithItsDigest() {
    ConfigSource.ClasspathSource bundled = (ConfigSource.ClasspathSource) ConfigSource.bundled();
    PrebuiltCatalog store = PrebuiltCatalog.forSource(bundled).orElseThrow();
    // the digest the build stored is the one computed from the files here
    assertThat(store.digest()).isEqualTo(parsed.catalog().digest()).hasSize(64);
    assertThat(prebuilt.catalog().digest()).isEqualTo(parsed.catalog().digest());
    assertThat(PrecompiledRules.bundled().digest()).isEqualTo(store.digest());
    assertThat(prebuilt.catalog().version()).isEqualTo(parsed.catalog().version());
    // as does the ordinary load
    assertSameConfig(LcscanConfig.load(ConfigSource.bundled()), parsed);
  }

  @Test
  void theParsedFilesGiveTheSameConfiguration() {
    assertSameConfig(prebuilt, parsed);
    assertThat(prebuilt.catalog().controls()).hasSizeGreaterThan(50);
    assertThat(prebuilt.catalog().types()).hasSizeGreaterThan(90);
  }

  @Test
  void theExampleInventoryGivesTheSameFindings() throws IOException {
    Inventory inventory;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(BASE + "/examples/inventory.json")) {
      assertThat(in).isNotNull();
      inventory = JSON.readValue(in, Inventory.class);
    }
    List<Finding> expected = findings(parsed, inventory);
    assertThat(expected).hasSizeGreaterThan(50);
    assertThat(findings(prebuilt, inventory)).isEqualTo(expected);
  }

  @Test
  void everyControlFixtureGivesTheSameFindings() throws IOException {
    List<ControlFixtures.Case> cases = ControlFixtures.allCases();
    assertThat(cases.stream().map(ControlFixtures.Case::file).distinct()).hasSizeGreaterThan(50);
    assertThat(cases).hasSizeGreaterThan(100);
    for (ControlFixtures.Case fixture : cases) {
      List<Finding> expected = findings(fixture.config(parsed), fixture.inventory());
      assertThat(findings(fixture.config(prebuilt), fixture.inventory()))
          .as(fixture.where())
          .isEqualTo(expected);
    }
  }

  @Test
  void aStoreIsUsedOnlyForTheFilesItWasWrittenFrom() throws IOException {
    Path root = copyTestConfig(temporary.resolve("classes"));
    assertThat(CatalogPrecompiler.prebuild(root)).isTrue();
    ConfigSource.ClasspathSource source = classpathSource(temporary.resolve("classes"));
    LcscanConfig expected = LcscanConfig.load(bundledNames(root));
    assertThat(PrebuiltCatalog.forSource(source)).isPresent();
    assertSameConfig(LcscanConfig.load(source), expected);

    // an edited file: its size or CRC-32 differs, so the files are parsed
    Path control = firstControl(root);
    Files.writeString(control, Files.readString(control) + "\n# edited\n");
    source = classpathSource(temporary.resolve("classes"));
    assertThat(PrebuiltCatalog.forSource(source)).isEmpty();
    LcscanConfig edited = LcscanConfig.load(source);
    assertThat(edited.catalog().digest())
        .isNotEqualTo(expected.catalog().digest())
        .isEqualTo(LcscanConfig.load(bundledNames(root)).catalog().digest());

    // a file more, or a file less
    assertThat(CatalogPrecompiler.prebuild(root)).isTrue();
    assertThat(PrebuiltCatalog.forSource(classpathSource(temporary.resolve("classes"))))
        .isPresent();
    Path type = root.resolve("types/aws.kms.key.json");
    Files.copy(type, root.resolve("types/aws.kms.key2.json"));
    assertThat(PrebuiltCatalog.forSource(classpathSource(temporary.resolve("classes")))).isEmpty();
    Files.delete(root.resolve("types/aws.kms.key2.json"));
    Files.delete(root.resolve("waivers.yaml"));
    assertThat(PrebuiltCatalog.forSource(classpathSource(temporary.resolve("classes")))).isEmpty();
  }

  @Test
  void aFittingStoreIsTakenAsItIsButNeverForAConfigFolder() throws IOException {
    Path root = copyTestConfig(temporary.resolve("classes"));
    assertThat(CatalogPrecompiler.prebuild(root)).isTrue();
    // a store whose table fits the files but whose text was changed after the build
    replaceInStore(root, "Services are approved", "Services are APPROVED");

    ConfigSource.ClasspathSource source = classpathSource(temporary.resolve("classes"));
    assertThat(LcscanConfig.load(source).catalog().control("LC-ADOPT-01").orElseThrow().title())
        .extracting(title -> title.en())
        .isEqualTo("Services are APPROVED");
    // --config DIR always reads its files
    assertThat(
            LcscanConfig.load(ConfigSource.directory(root))
                .catalog()
                .control("LC-ADOPT-01")
                .orElseThrow()
                .title()
                .en())
        .isEqualTo("Services are approved");
  }

  @Test
  void aLoadThatFindsAProblemInTheStoreStartsOverFromTheFiles() throws IOException {
    Path root = copyTestConfig(temporary.resolve("classes"));
    assertThat(CatalogPrecompiler.prebuild(root)).isTrue();
    // every control's tree now lacks its severity, and has an unknown key
    replaceInStore(root, "severity", "severitx");
    ConfigSource.ClasspathSource source = classpathSource(temporary.resolve("classes"));
    assertThat(PrebuiltCatalog.forSource(source)).isPresent();
    LcscanConfig.LoadResult fast =
        new ConfigLoader(source, PrecompiledRules.none(), PrebuiltCatalog.forSource(source).get())
            .load();
    assertThat(fast.problems()).isNotEmpty();

    LcscanConfig.LoadResult loaded = LcscanConfig.loadPartial(source);
    assertThat(loaded.problems()).isEmpty();
    assertSameConfig(loaded.config(), LcscanConfig.load(bundledNames(root)));
  }

  @Test
  void aBadCatalogStillReportsEveryProblemWithItsLine() throws IOException {
    Path root = copyTestConfig(temporary.resolve("classes"));
    assertThat(CatalogPrecompiler.prebuild(root)).isTrue();
    Path control = firstControl(root);
    Files.writeString(control, Files.readString(control) + "bogusKey: 1\n");
    // the precompiler removes the store of a catalog with problems
    assertThat(CatalogPrecompiler.prebuild(root)).isFalse();
    assertThat(root.resolve(PrebuiltCatalog.RESOURCE)).doesNotExist();

    ConfigSource.ClasspathSource source = classpathSource(temporary.resolve("classes"));
    List<String> problems =
        LcscanConfig.loadPartial(source).problems().stream().map(Throwable::getMessage).toList();
    int line = (int) Files.readString(control).lines().count();
    assertThat(problems)
        .isEqualTo(
            LcscanConfig.loadPartial(bundledNames(root), PrecompiledRules.none())
                .problems()
                .stream()
                .map(Throwable::getMessage)
                .toList())
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains("config/" + root.relativize(control))
                    .contains(":" + line + ":")
                    .contains("unknown key 'bogusKey'"));
  }

  @Test
  void aForeignOrDamagedStoreIsIgnored() throws IOException {
    Path root = copyTestConfig(temporary.resolve("classes"));
    assertThat(CatalogPrecompiler.prebuild(root)).isTrue();
    Path store = root.resolve(PrebuiltCatalog.RESOURCE);
    byte[] bytes = Files.readAllBytes(store);
    ConfigSource.ClasspathSource source = classpathSource(temporary.resolve("classes"));
    List<PrebuiltCatalog.Stamped> files = PrebuiltCatalog.files(source, source::stamp);
    assertThat(PrebuiltCatalog.read(bytes, files)).isPresent();

    // written by other code, or in another format
    ByteArrayOutputStream other = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(other);
    for (String text : List.of(PrebuiltCatalog.MAGIC)) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      data.writeInt(utf8.length);
      data.write(utf8);
    }
    data.writeInt(PrebuiltCatalog.FORMAT);
    byte[] zeros = "0".repeat(64).getBytes(StandardCharsets.UTF_8);
    data.writeInt(zeros.length);
    data.write(zeros);
    assertThat(PrebuiltCatalog.read(other.toByteArray(), files)).isEmpty();

    // truncated, or not a store at all
    assertThatThrownBy(() -> PrebuiltCatalog.read(Arrays.copyOf(bytes, 100), files))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(
            () -> PrebuiltCatalog.read("not a store".getBytes(StandardCharsets.UTF_8), files))
        .isInstanceOfAny(IOException.class, RuntimeException.class);
    Files.write(store, Arrays.copyOf(bytes, bytes.length - 10));
    source = classpathSource(temporary.resolve("classes"));
    // the table fits, but the last tree is cut short
    assertThat(PrebuiltCatalog.forSource(source)).isEmpty();
    assertSameConfig(LcscanConfig.load(source), LcscanConfig.load(bundledNames(root)));
    Files.write(store, "garbage".getBytes(StandardCharsets.UTF_8));
    assertThat(PrebuiltCatalog.forSource(classpathSource(temporary.resolve("classes")))).isEmpty();
  }

  // ---- the index

  @Test
  void theBuildIndexesTheBundledFolder() throws IOException {
    List<String> lines;
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream(BASE + "/" + ConfigSource.ClasspathSource.INDEX)) {
      assertThat(in).isNotNull();
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(lines.get(0)).isEqualTo(ConfigSource.ClasspathSource.INDEX_HEADER);
    // from the classes folder the bundled source walks it
    assertThat(lines.subList(1, lines.size()))
        .isEqualTo(ConfigSource.bundled().list(""))
        .contains(PrebuiltCatalog.RESOURCE, "compiled-rules.bin", "settings.yaml");
  }

  @Test
  void aJarIsListedFromItsIndexOrElseWalked() throws IOException {
    Path root = copyTestConfig(temporary.resolve("classes"));
    assertThat(CatalogPrecompiler.prebuild(root)).isTrue();
    List<String> all = ConfigSource.directory(root).list("");
    assertThat(all).contains(ConfigSource.ClasspathSource.INDEX, PrebuiltCatalog.RESOURCE);
    LcscanConfig expected = LcscanConfig.load(bundledNames(root));

    ConfigSource.ClasspathSource indexed = classpathSource(jar(root, "indexed.jar", all));
    assertThat(indexed.listedFromIndex()).isTrue();
    assertThat(indexed.list("")).isEqualTo(all);
    assertThat(indexed.list("controls")).isEqualTo(ConfigSource.directory(root).list("controls"));
    for (String path : all) {
      assertThat(indexed.stamp(path))
          .contains(ConfigSource.FileStamp.of(Files.readAllBytes(root.resolve(path))));
    }
    assertThat(indexed.stamp("no-such-file.yaml")).isEmpty();
    // the stamps come from the jar's directory: the store fits and is used
    assertThat(PrebuiltCatalog.forSource(indexed)).isPresent();
    assertSameConfig(LcscanConfig.load(indexed), expected);

    List<String> unindexed =
        all.stream().filter(path -> !path.equals(ConfigSource.ClasspathSource.INDEX)).toList();
    ConfigSource.ClasspathSource walked = classpathSource(jar(root, "walked.jar", unindexed));
    assertThat(walked.listedFromIndex()).isFalse();
    assertThat(walked.list("")).isEqualTo(unindexed);
    assertThat(PrebuiltCatalog.forSource(walked)).isPresent();
    assertSameConfig(LcscanConfig.load(walked), expected);

    // an index naming a file the jar lacks, or not an index at all: the jar is walked
    List<String> lacking = all.stream().filter(path -> !path.endsWith("waivers.yaml")).toList();
    ConfigSource.ClasspathSource stale = classpathSource(jar(root, "stale.jar", lacking));
    assertThat(stale.listedFromIndex()).isFalse();
    assertThat(stale.list("")).isEqualTo(lacking);
    // without waivers.yaml the store does not fit
    assertThat(PrebuiltCatalog.forSource(stale)).isEmpty();
    assertThat(LcscanConfig.load(stale).waivers().waivers()).isEmpty();

    Files.writeString(root.resolve(ConfigSource.ClasspathSource.INDEX), "settings.yaml\n");
    ConfigSource.ClasspathSource damaged = classpathSource(jar(root, "damaged.jar", all));
    assertThat(damaged.listedFromIndex()).isFalse();
    assertThat(damaged.list("")).isEqualTo(all);
  }

  // ---- helpers

  private static void assertSameConfig(LcscanConfig actual, LcscanConfig expected) {
    Catalog a = actual.catalog();
    Catalog b = expected.catalog();
    assertThat(a.digest()).isEqualTo(b.digest());
    assertThat(a.controls()).isEqualTo(b.controls());
    assertThat(a.frameworks()).isEqualTo(b.frameworks());
    assertThat(a.types()).isEqualTo(b.types());
    assertThat(a.types().toString()).isEqualTo(b.types().toString());
    for (Control control : b.controls()) {
      List<String> left = describe(a.rules(control.id()).values());
      assertThat(left).isEqualTo(describe(b.rules(control.id()).values()));
    }
    assertThat(actual.settings().tree()).isEqualTo(expected.settings().tree());
    assertThat(actual.settings().tree().toString())
        .isEqualTo(expected.settings().tree().toString());
    assertThat(actual.settings().celValue()).isEqualTo(expected.settings().celValue());
    assertThat(actual.approvedServices().entries())
        .isEqualTo(expected.approvedServices().entries());
    assertThat(actual.waivers().waivers()).isEqualTo(expected.waivers().waivers());
    assertThat(actual.attestations().attestations())
        .isEqualTo(expected.attestations().attestations());
  }

  private static List<String> describe(java.util.Collection<CompiledRule> rules) {
    return rules.stream()
        .map(
            rule ->
                String.join(
                    "|",
                    rule.controlId(),
                    rule.resourceType(),
                    rule.source(),
                    rule.attributePaths().toString(),
                    rule.resourceFields().toString(),
                    rule.settingsPaths().toString(),
                    new java.util.TreeSet<>(rule.lookupTypes()).toString(),
                    Boolean.toString(rule.readsChange())))
        .toList();
  }

  private static List<Finding> findings(LcscanConfig config, Inventory inventory) {
    return new Engine(config, Clock.fixed(NOW, ZoneOffset.UTC))
        .evaluate(inventory, NOW, control -> true)
        .findings();
  }

  /** A folder whose files are named as the bundled ones are, and which is always parsed. */
  private static ConfigSource bundledNames(Path root) {
    return new ConfigSource.DirectorySource(root, "config");
  }

  /** The test catalog copied to {@code classes}/lcscan-config; returns that folder. */
  private static Path copyTestConfig(Path classes) throws IOException {
    Path root = classes.resolve(BASE);
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
    return root;
  }

  private static Path firstControl(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("controls"))) {
      return files
          .filter(file -> file.toString().endsWith(".yaml"))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }

  private static void replaceInStore(Path root, String text, String replacement)
      throws IOException {
    Path store = root.resolve(PrebuiltCatalog.RESOURCE);
    String bytes = new String(Files.readAllBytes(store), StandardCharsets.ISO_8859_1);
    assertThat(bytes).contains(text);
    Files.write(store, bytes.replace(text, replacement).getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A jar holding {@code paths} of {@code root} under lcscan-config/. */
  private Path jar(Path root, String name, List<String> paths) throws IOException {
    Path jar = temporary.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("io/other/Unrelated.txt"));
      out.write("another entry".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      for (String path : paths) {
        out.putNextEntry(new JarEntry(BASE + "/" + path));
        out.write(Files.readAllBytes(root.resolve(path)));
        out.closeEntry();
      }
    }
    return jar;
  }

  private ConfigSource.ClasspathSource classpathSource(Path entry) throws IOException {
    URLClassLoader loader = new URLClassLoader(new URL[] {entry.toUri().toURL()}, null);
    loaders.add(loader);
    return new ConfigSource.ClasspathSource(BASE, loader);
  }
}
