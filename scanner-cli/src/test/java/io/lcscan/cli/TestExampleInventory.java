package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.Engine;
import io.lcscan.engine.ScanResult;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.Status;
import io.lcscan.testing.TypeSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's first command evaluates {@code config/examples/inventory.json} with the bundled
 * catalog. It must stay valid against the type schemas, complete (no ERROR, so the exit code is
 * decided by --fail-on alone) and show compliant and non-compliant resources of every provider.
 */
class TestExampleInventory {

  // surefire runs in the module folder; the example lives with the rest of config/
  private static final Path EXAMPLE = Path.of("..", "config", "examples", "inventory.json");

  private final CliRunner cli = new CliRunner();

  @Test
  void everyResourceMatchesItsTypeSchema() {
    Inventory inventory = new InventoryReader().read(EXAMPLE);

    assertThat(inventory.resources()).isNotEmpty();
    TypeSchemas.assertAllValid(inventory.resources());
  }

  @Test
  void coversEveryProviderAndAnOutOfPolicyRegion() {
    Inventory inventory = new InventoryReader().read(EXAMPLE);

    assertThat(inventory.resources().stream().map(Resource::provider).distinct())
        .containsExactlyInAnyOrder("aws", "azure", "gcp");
    assertThat(inventory.resources())
        .anySatisfy(
            resource -> {
              assertThat(resource.account()).isEqualTo("123456789012");
              assertThat(resource.region()).isEqualTo("ap-northeast-1");
            })
        .anySatisfy(resource -> assertThat(resource.region()).isEqualTo("us-west-2"));
    assertThat(inventory.gaps()).isEmpty();
  }

  @Test
  void evaluatesCompletelyWithPassesAndFailures() {
    ScanResult result = evaluate();

    Map<Status, Long> counts = result.countsByStatus();
    assertThat(result.complete()).isTrue();
    assertThat(counts.get(Status.ERROR))
        .as(
            "ERROR findings: %s",
            result.findings().stream()
                .filter(finding -> finding.status() == Status.ERROR)
                .map(
                    finding ->
                        finding.controlId() + " " + finding.resourceId() + ": " + finding.message())
                .collect(Collectors.joining("\n")))
        .isZero();
    assertThat(counts.get(Status.PASS)).isPositive();
    assertThat(counts.get(Status.FAIL)).isPositive();
    assertThat(result.findings())
        .filteredOn(finding -> finding.status() == Status.FAIL)
        .extracting(Finding::controlId)
        .contains("LC-ADOPT-04", "LC-BUILD-03", "LC-DISP-04", "LC-DISP-06");
  }

  @Test
  void readmeCommandExitsCleanAndWritesBothReports() throws Exception {
    Path out = Files.createTempDirectory("lcscan-readme");

    CliRunner.Result result =
        cli.run("evaluate", EXAMPLE.toString(), "--format", "table,json", "--output", out + "/");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(out.resolve("report.txt")).isNotEmptyFile();
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    ScanResult expected = evaluate();
    expected
        .countsByStatus()
        .forEach(
            (status, count) ->
                assertThat(report.path("summary").path("byStatus").path(status.name()).asLong())
                    .as(status.name())
                    .isEqualTo(count));
    assertThat(report.path("findings")).hasSize(expected.findings().size());
  }

  @Test
  void failOnHighExitsOne() {
    CliRunner.Result result = cli.run("evaluate", EXAMPLE.toString(), "--fail-on", "high");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
  }

  private static ScanResult evaluate() {
    LcscanConfig config = LcscanConfig.load(ConfigSource.bundled());
    return new Engine(config, CliRunner.CLOCK).evaluate(new InventoryReader().read(EXAMPLE));
  }
}
