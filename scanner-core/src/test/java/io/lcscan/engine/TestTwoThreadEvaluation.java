package io.lcscan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lcscan.catalog.ControlFixtures;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
    List<ControlFixtures.Case> cases = ControlFixtures.allCases();
    assertThat(cases.stream().map(ControlFixtures.Case::file).distinct()).hasSizeGreaterThan(50);
    assertThat(cases).hasSizeGreaterThan(1000);
    for (ControlFixtures.Case fixture : cases) {
      Inventory inventory = fixture.inventory();
      Engine engine = engine(fixture.config(bundled));
      List<Finding> oneThread = oneThread(engine, inventory);
      for (int split = 0; split < inventory.resources().size(); split++) {
        assertThat(engine.evaluateSplitAt(inventory, NOW, control -> true, split).findings())
            .as("%s split at %d", fixture.where(), split)
            .isEqualTo(oneThread);
      }
    }
  }

  private static Engine engine(LcscanConfig config) {
    return new Engine(config, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static List<Finding> oneThread(Engine engine, Inventory inventory) {
    return engine
        .evaluateSplitAt(inventory, NOW, control -> true, inventory.resources().size())
        .findings();
  }
}
