package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.Engine;
import io.lcscan.engine.ScanResult;
import io.lcscan.provider.terraform.TerraformPlanProvider;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.Status;
import io.lcscan.testing.TypeSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plans under {@code examples/} against the bundled catalog: each shows compliant and
 * non-compliant resources of its cloud, and a key created in the same plan, whose id is unknown
 * until apply, gives ERROR "known after apply", never PASS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestTerraformExamples {

  // surefire runs in the module folder; the examples are at the top of the repository
  private static final Path EXAMPLES = Path.of("..", "examples");

  // the fake secret every example carries in a sensitive attribute or variable
  private static final String SECRET = "example-only-not-a-real-password";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one example must show: findings as "CONTROL resource-address". */
  record Example(String file, Set<String> fails, Set<String> passes, Set<String> knownAfterApply) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Example> examples() {
    return Stream.of(
        new Example(
            "aws-plan.json",
            Set.of(
                "LC-ADOPT-01 aws_s3_bucket.edge_logs",
                "LC-ADOPT-03 aws_s3_bucket.public_site",
                "LC-ADOPT-04 aws_s3_bucket.edge_logs",
                "LC-BUILD-01 aws_ebs_volume.batch",
                "LC-BUILD-10 aws_s3_bucket.dr",
                "LC-BUILD-13 aws_db_instance.app",
                "LC-DISP-01 aws_ebs_volume.batch",
                "LC-DISP-02 aws_kms_key.scratch",
                "LC-DISP-08 aws_s3_bucket.public_site",
                "LC-DISP-11 aws_s3_bucket.old_reports",
                "LC-OPER-01 aws_cloudwatch_log_group.app",
                "LC-RENEW-01 aws_s3_bucket.legacy_exports",
                "LC-RENEW-04 aws_kms_key.scratch"),
            Set.of(
                "LC-ADOPT-04 module.archive.aws_s3_bucket.this[\"fy2024\"]",
                "LC-BUILD-10 aws_s3_bucket.records",
                "LC-DISP-02 aws_kms_key.records",
                "LC-DISP-08 module.archive.aws_s3_bucket.this[\"fy2025\"]",
                "LC-RENEW-04 aws_kms_key.records"),
            Set.of("LC-DISP-01 aws_s3_bucket.records")),
        new Example(
            "azure-plan.json",
            Set.of(
                "LC-ADOPT-01 azurerm_storage_account.legacy",
                "LC-ADOPT-04 azurerm_storage_account.legacy",
                "LC-BUILD-02 azurerm_mssql_server.app",
                "LC-BUILD-02 azurerm_storage_account.legacy",
                "LC-BUILD-03 azurerm_storage_account.legacy",
                "LC-BUILD-10 azurerm_key_vault.shared",
                "LC-DISP-01 azurerm_managed_disk.data[\"batch\"]",
                "LC-DISP-02 azurerm_key_vault.shared"),
            Set.of(
                "LC-BUILD-02 azurerm_storage_account.records",
                "LC-BUILD-03 azurerm_storage_account.records",
                "LC-BUILD-10 azurerm_key_vault.records",
                "LC-DISP-02 azurerm_key_vault.records"),
            Set.of("LC-DISP-01 azurerm_storage_account.records")),
        new Example(
            "gcp-plan.json",
            Set.of(
                "LC-ADOPT-01 google_storage_bucket.exports",
                "LC-BUILD-02 google_sql_database_instance.app",
                "LC-BUILD-03 google_sql_database_instance.app",
                "LC-BUILD-03 google_storage_bucket.exports",
                "LC-BUILD-04 google_compute_firewall.ssh",
                "LC-BUILD-13 google_sql_database_instance.app",
                "LC-OPER-01 module.log_bucket[\"app\"].google_logging_project_bucket_config.this"),
            Set.of(
                "LC-BUILD-03 google_storage_bucket.records",
                "LC-OPER-01 module.log_bucket[\"audit\"].google_logging_project_bucket_config.this"),
            Set.of("LC-DISP-01 google_storage_bucket.records")));
  }

  private LcscanConfig config;

  @TempDir Path temp;

  @BeforeAll
  void loadCatalog() {
    config = LcscanConfig.load(ConfigSource.bundled());
  }

  @ParameterizedTest
  @MethodSource("examples")
  void expectedFailuresAndPasses(Example example) {
    ScanResult result = evaluate(example.file());

    assertThat(keys(result, Status.FAIL)).containsAll(example.fails());
    assertThat(keys(result, Status.PASS)).containsAll(example.passes());
    // a FAIL must not be the only thing the example shows
    assertThat(result.findings()).anyMatch(finding -> finding.status() == Status.PASS);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void unknownValuesAreErrorsKnownAfterApply(Example example) {
    ScanResult result = evaluate(example.file());

    for (String key : example.knownAfterApply()) {
      Finding finding =
          result.findings().stream()
              .filter(f -> key.equals(f.controlId() + " " + f.resourceId()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no finding " + key));
      assertThat(finding.status()).as(key).isEqualTo(Status.ERROR);
      assertThat(finding.message()).as(key).contains("known after apply");
    }
    assertThat(result.findings())
        .filteredOn(finding -> finding.status() == Status.PASS)
        .noneMatch(finding -> String.valueOf(finding.message()).contains("known after apply"));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void resourcesMatchTheirTypeSchemas(Example example) {
    Inventory inventory = read(example.file());

    assertThat(inventory.resources()).isNotEmpty();
    assertThat(inventory.gaps()).isEmpty();
    TypeSchemas.assertAllValid(
        inventory.resources().stream()
            .filter(r -> r.change() == null || !r.change().deleteOnly())
            .toList());
  }

  @Test
  void examplesCoverEveryCloud() {
    Set<String> providers =
        examples()
            .flatMap(example -> read(example.file()).resources().stream())
            .map(Resource::provider)
            .collect(Collectors.toSet());

    assertThat(providers).containsExactlyInAnyOrder("aws", "azure", "gcp");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void reportsNeverCarryTheSensitiveValue(Example example) throws IOException {
    assertThat(Files.readString(EXAMPLES.resolve(example.file()))).contains(SECRET);
    Path out = temp.resolve(example.file());

    CliRunner.Result result =
        new CliRunner()
            .run(
                "scan",
                "terraform",
                EXAMPLES.resolve(example.file()).toString(),
                "--format",
                "table,json,sarif,junit",
                "--output",
                out + "/");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.INCOMPLETE);
    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.toList()) {
        assertThat(Files.readString(file, UTF_8)).as(file.toString()).doesNotContain(SECRET);
      }
    }
  }

  @Test
  void readmeCommandWritesValidSarif() throws Exception {
    Path out = temp.resolve("out");

    CliRunner.Result result =
        new CliRunner()
            .run(
                "scan",
                "terraform",
                EXAMPLES.resolve("aws-plan.json").toString(),
                "--format",
                "table,json,sarif",
                "--output",
                out + "/");

    // values known only after apply make the scan incomplete: 3, whatever --fail-on says
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).contains("wrote ");
    JsonNode sarif = JSON.readTree(out.resolve("report.sarif").toFile());
    assertThat(oasisSchema().validate(sarif)).isEmpty();
    JsonNode results = sarif.at("/runs/0/results");
    assertThat(results.size()).isPositive();
    JsonNode first = results.get(0).at("/locations/0/physicalLocation");
    assertThat(first.at("/artifactLocation/uri").asText()).endsWith("examples/aws-plan.json");
    assertThat(first.at("/region/startLine").asInt()).isPositive();
    assertThat(sarif.at("/runs/0/tool/driver/rules").size())
        .isEqualTo(config.catalog().controls().size());
    assertThat(out.resolve("report.txt")).isNotEmptyFile();
    assertThat(out.resolve("report.json")).isNotEmptyFile();
  }

  @Test
  void failOnHighStillExitsThreeWhileValuesAreUnknown() {
    CliRunner.Result strict =
        new CliRunner()
            .run(
                "scan",
                "terraform",
                EXAMPLES.resolve("gcp-plan.json").toString(),
                "--fail-on",
                "high");
    CliRunner.Result soft =
        new CliRunner()
            .run(
                "scan",
                "terraform",
                EXAMPLES.resolve("gcp-plan.json").toString(),
                "--fail-on",
                "high",
                "--soft-fail");

    assertThat(strict.exitCode()).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(soft.exitCode()).isEqualTo(ExitCodes.CLEAN);
  }

  private ScanResult evaluate(String file) {
    return new Engine(config, CliRunner.CLOCK).evaluate(read(file));
  }

  private static Inventory read(String file) {
    Instant now = CliRunner.NOW;
    return TerraformInventory.of(TerraformPlanProvider.read(EXAMPLES.resolve(file)), now, now);
  }

  private static Set<String> keys(ScanResult result, Status status) {
    return result.findings().stream()
        .filter(finding -> finding.status() == status)
        .map(finding -> finding.controlId() + " " + finding.resourceId())
        .collect(Collectors.toSet());
  }

  // the OASIS schema the reports module vendors for its own tests
  private static JsonSchema oasisSchema() throws IOException {
    Path schema =
        Path.of(
            "..",
            "reports",
            "src",
            "test",
            "resources",
            "io",
            "lcscan",
            "report",
            "sarif",
            "sarif-schema-2.1.0.json");
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    SchemaValidatorsConfig validators =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return factory.getSchema(JSON.readTree(schema.toFile()), validators);
  }
}
