package io.lcscan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lcscan.config.ApprovedServices;
import io.lcscan.config.Attestations;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.config.Waivers;
import io.lcscan.config.YamlDocument;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evaluating part of the resources on a second thread gives exactly the findings of one thread,
 * wherever the resources are split.
 */
class TestTwoThreadEvaluation {
  private static final ObjectMapper JSON =
      JsonMapper.builder().addModule(new JavaTimeModule()).build();
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  private static LcscanConfig bundled;
  private static Inventory example;

  @BeforeAll
  static void load() throws IOException {
    bundled = LcscanConfig.load(ConfigSource.bundled());
    try (InputStream in =
        TestTwoThreadEvaluation.class
            .getClassLoader()
            .getResourceAsStream("lcscan-config/examples/inventory.json")) {
      assertThat(in).isNotNull();
      example = JSON.readValue(in, Inventory.class);
    }
  }

  @Test
  void theExampleInventoryGivesTheSameFindingsWhereverItIsSplit() {
    Engine engine = engine(bundled);
    List<Finding> oneThread = oneThread(engine, example);
    assertThat(oneThread).hasSizeGreaterThan(50);
    int resources = example.resources().size();
    for (int split = 0; split <= resources; split++) {
      assertThat(engine.evaluateSplitAt(example, NOW, control -> true, split).findings())
          .as("split at %d", split)
          .isEqualTo(oneThread);
    }
    assertThat(engine.evaluate(example, NOW, control -> true).findings()).isEqualTo(oneThread);
    // with only some controls
    List<Finding> some =
        engine
            .evaluateSplitAt(
                example, NOW, control -> control.id().compareTo("LC-D") < 0, resources / 2)
            .findings();
    assertThat(some)
        .isNotEmpty()
        .isEqualTo(
            engine
                .evaluateSplitAt(
                    example, NOW, control -> control.id().compareTo("LC-D") < 0, resources)
                .findings());
  }

  @Test
  void aLargeInventoryIsEvaluatedOnTwoThreadsWithTheSameFindings() {
    // copies of the example in further accounts, enough for the two-thread path
    List<Resource> resources = new ArrayList<>();
    for (int copy = 0; copy < 12; copy++) {
      for (Resource resource : example.resources()) {
        ObjectNode tree = JSON.valueToTree(resource);
        tree.put("account", resource.account() + "-" + copy);
        resources.add(JSON.convertValue(tree, Resource.class));
      }
    }
    Inventory large =
        new Inventory(
            example.schemaVersion(),
            example.metadata(),
            resources,
            example.gaps(),
            example.calls());
    Engine engine = engine(bundled);
    assertThat(engine.evaluationCount(large)).isGreaterThan(Engine.TWO_THREADS_MINIMUM);
    List<Finding> oneThread = oneThread(engine, large);
    assertThat(engine.evaluate(large, NOW, control -> true).findings()).isEqualTo(oneThread);
    for (int split : new int[] {1, resources.size() / 3, resources.size() - 1}) {
      assertThat(engine.evaluateSplitAt(large, NOW, control -> true, split).findings())
          .as("split at %d", split)
          .isEqualTo(oneThread);
    }
  }

  @Test
  void aSplitOutsideTheResourcesIsRefused() {
    Engine engine = engine(bundled);
    int resources = example.resources().size();
    assertThatThrownBy(() -> engine.evaluateSplitAt(example, NOW, control -> true, resources + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> engine.evaluateSplitAt(example, NOW, control -> true, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyControlFixtureGivesTheSameFindingsWhereverItIsSplit() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(fixtures())) {
      files = walk.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(50);
    int cases = 0;
    for (Path file : files) {
      JsonNode document =
          YamlDocument.parse(file.toString(), Files.readAllBytes(file)).root().path("cases");
      for (JsonNode node : document) {
        List<Resource> resources = new ArrayList<>();
        if (node.has("resource")) {
          resources.add(JSON.treeToValue(node.get("resource"), Resource.class));
        }
        for (JsonNode other : node.path("inventory")) {
          resources.add(JSON.treeToValue(other, Resource.class));
        }
        Inventory inventory =
            new Inventory(Inventory.SCHEMA_VERSION, null, resources, List.of(), List.of());
        Engine engine = engine(adjusted(bundled, node));
        List<Finding> oneThread = oneThread(engine, inventory);
        for (int split = 0; split < resources.size(); split++) {
          assertThat(engine.evaluateSplitAt(inventory, NOW, control -> true, split).findings())
              .as("%s %s split at %d", file.getFileName(), node.path("name").asText(), split)
              .isEqualTo(oneThread);
        }
        cases++;
      }
    }
    assertThat(cases).isGreaterThan(1000);
  }

  private static Engine engine(LcscanConfig config) {
    return new Engine(config, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static List<Finding> oneThread(Engine engine, Inventory inventory) {
    return engine
        .evaluateSplitAt(inventory, NOW, control -> true, inventory.resources().size())
        .findings();
  }

  /** A fixture case's own settings, register, attestations and waivers. */
  private static LcscanConfig adjusted(LcscanConfig config, JsonNode node) {
    LcscanConfig result = config;
    if (node.has("settings")) {
      result = result.withSettings(result.settings().withOverrides(node.get("settings")));
    }
    if (node.has("approvedServices")) {
      result = result.withApprovedServices(ApprovedServices.fromJson(node.get("approvedServices")));
    }
    if (node.has("attestations")) {
      result = result.withAttestations(Attestations.fromJson(node.get("attestations")));
    }
    if (node.has("waivers")) {
      result = result.withWaivers(Waivers.fromJson(node.get("waivers")));
    }
    return result;
  }

  /** The control fixtures: the source tree when run from the module, else the classpath copy. */
  private static Path fixtures() {
    Path source = Path.of("src/test/resources/fixtures/controls");
    if (Files.isDirectory(source)) {
      return source;
    }
    URL url = TestTwoThreadEvaluation.class.getClassLoader().getResource("fixtures/controls");
    assertThat(url).isNotNull();
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
