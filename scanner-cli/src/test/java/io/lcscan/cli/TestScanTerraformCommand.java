package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

/**
 * {@code lcscan scan terraform} over a small plan and the small catalog: an S3 bucket left public
 * (LC-BUILD-03, critical), a key with a 7-day deletion window (LC-DISP-02, high) and a compliant
 * bucket in a module, created with for_each and configured by companion resources.
 */
class TestScanTerraformCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CliRunner cli = new CliRunner();
  private final String config = CliRunner.smallConfig();
  private final Path plan = CliRunner.resource("plans/plan-small.json");

  @TempDir Path temp;

  @Test
  void tableByDefault() {
    CliRunner.Result result = scan();

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(result.out())
        .contains("Scan: complete")
        .contains("FAIL    critical  LC-BUILD-03  aws_s3_bucket.site")
        .contains("FAIL    high      LC-DISP-02   aws_kms_key.records");
  }

  @ParameterizedTest
  @CsvSource({"critical, 1", "high, 1", "none, 0"})
  void failOnSharesTheEvaluateSemantics(String severity, int expected) {
    assertThat(scan("--fail-on", severity).exitCode()).isEqualTo(expected);
  }

  @Test
  void softFailExitsZeroAndSaysSo() {
    CliRunner.Result result = scan("--fail-on", "high", "--soft-fail");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(result.err()).isEqualTo("lcscan: --soft-fail: exit code 1 reported as 0\n");
    assertThat(result.out()).contains("LC-BUILD-03");
  }

  @Test
  void incompleteScanExitsThreeUnlessSoftFail() throws Exception {
    // the companion can no longer be traced to one bucket: a coverage gap, so ERROR and exit 3
    Path ambiguous = temp.resolve("ambiguous.json");
    Files.writeString(
        ambiguous,
        Files.readString(plan).replace("\"each.value.id\",", "\"aws_s3_bucket.records\","),
        UTF_8);

    CliRunner.Result strict =
        cli.run("scan", "terraform", ambiguous.toString(), "--config", config);
    CliRunner.Result soft =
        cli.run("scan", "terraform", ambiguous.toString(), "--config", config, "--soft-fail");

    assertThat(strict.exitCode()).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(strict.out()).contains("Scan: INCOMPLETE");
    assertThat(strict.err()).contains("note: module.storage.");
    assertThat(soft.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(soft.err()).contains("lcscan: --soft-fail: exit code 3 reported as 0");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not-json.json   | this is not json                                  | not valid JSON
          truncated.json  | {"format_version": "1.2", "planned_values": {     | truncated JSON
          state.json      | {"version": 4, "terraform_version": "1.9.5", "serial": 3, "lineage": "x", "resources": []} | a Terraform state file
          format-2.json   | {"format_version": "2.0", "planned_values": {}}   | unsupported plan format_version "2.0"
          empty.json      | ''                                                | the file is empty
          array.json      | []                                                | not a Terraform plan
          """)
  void badInputIsOneLineNamingTheFileAndExitsTwo(String name, String content, String problem)
      throws Exception {
    Path bad = temp.resolve(name);
    Files.writeString(bad, content, UTF_8);

    for (String[] extra : List.of(new String[0], new String[] {"--soft-fail"})) {
      List<String> args = new ArrayList<>(List.of("scan", "terraform", bad.toString()));
      args.addAll(List.of("--config", config));
      args.addAll(List.of(extra));
      CliRunner.Result result = cli.run(args.toArray(String[]::new));

      assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(result.out()).isEmpty();
      assertThat(result.err()).startsWith("lcscan: " + bad).contains(problem).endsWith("\n");
      assertThat(result.err().lines()).hasSize(1);
      assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void missingPlanExitsTwo() {
    Path missing = temp.resolve("nope.json");

    CliRunner.Result result = cli.run("scan", "terraform", missing.toString(), "--config", config);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).isEqualTo("lcscan: " + missing + ": no such file\n");
  }

  @Test
  void optionsAreCheckedBeforeThePlanIsRead() {
    CliRunner.Result result =
        cli.run("scan", "terraform", temp.resolve("nope.json").toString(), "--format", "csvx");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).startsWith("lcscan: --format: unknown format 'csvx'");
  }

  @Test
  void missingSourceIsAUsageError() {
    CliRunner.Result result = cli.run("scan");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("missing source (terraform, aws)");
  }

  @Test
  void jsonMetadataSaysTerraformWithScopesAndTimes() throws Exception {
    CliRunner.Result result = scan("--format", "json");

    JsonNode metadata = JSON.readTree(result.out()).path("metadata");
    assertThat(metadata.path("kind").asText()).isEqualTo("terraform");
    assertThat(metadata.path("startedAt").asText()).isNotEmpty();
    assertThat(metadata.path("finishedAt").asText()).isNotEmpty();
    assertThat(metadata.path("toolVersion").asText()).isNotEmpty();
    JsonNode scopes = metadata.path("scopes");
    assertThat(scopes.get(0).path("provider").asText()).isEqualTo("terraform");
    assertThat(scopes.get(1).path("provider").asText()).isEqualTo("aws");
    assertThat(scopes.get(1).path("accounts").get(0).asText()).isEqualTo("123456789012");
    assertThat(scopes.get(1).path("regions").get(0).asText()).isEqualTo("ap-northeast-1");
  }

  @Test
  void sarifPointsAtThePlanLineAndTheModule() throws Exception {
    CliRunner.Result result = scan("--format", "sarif");

    JsonNode results = JSON.readTree(result.out()).at("/runs/0/results");
    JsonNode site = resultFor(results, "LC-BUILD-03", "aws_s3_bucket.site");
    JsonNode physical = site.at("/locations/0/physicalLocation");
    assertThat(physical.at("/artifactLocation/uri").asText())
        .isEqualTo(PlanPositions.uri(plan))
        .doesNotStartWith("/");
    int line = physical.at("/region/startLine").asInt();
    List<String> lines = Files.readAllLines(plan);
    // the entry's opening brace, with its address on the next line
    assertThat(lines.get(line - 1).strip()).isEqualTo("{");
    assertThat(lines.get(line)).contains("\"address\": \"aws_s3_bucket.site\"");
    assertThat(lines.subList(0, line - 1)).anyMatch(l -> l.contains("\"resource_changes\""));
    assertThat(site.at("/level").asText()).isEqualTo("error");
    // the compliant bucket in the module has no result; the key's FAIL names no module
    assertThat(results.toString()).doesNotContain("records[\\\"2026\\\"]");
    JsonNode key = resultFor(results, "LC-DISP-02", "aws_kms_key.records");
    assertThat(key.at("/locations/0/logicalLocations")).hasSize(1);
  }

  @Test
  void junitReportIsWellFormed() throws Exception {
    CliRunner.Result result = scan("--format", "junit");

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Document xml =
        factory.newDocumentBuilder().parse(new ByteArrayInputStream(result.out().getBytes(UTF_8)));
    assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    assertThat(result.out())
        .contains("name=\"module.storage.aws_s3_bucket.records[&quot;2026&quot;]\"");
  }

  @Test
  void everyFormatToADirectory() throws Exception {
    Path out = temp.resolve("out");

    CliRunner.Result result =
        scan("--format", "table,json,sarif,junit", "--output", out + "/", "--lang", "ja");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(result.out()).startsWith("6 findings (PASS 3, FAIL 2,");
    for (String file : List.of("report.txt", "report.json", "report.sarif", "report.xml")) {
      assertThat(out.resolve(file)).isNotEmptyFile();
    }
    assertThat(Files.readString(out.resolve("report.txt"))).contains("スキャン: 完了");
  }

  @Test
  void moduleOfAnAddress() {
    assertThat(PlanPositions.module("aws_s3_bucket.a")).isEmpty();
    assertThat(PlanPositions.module("module.a.aws_s3_bucket.b")).isEqualTo("module.a");
    assertThat(PlanPositions.module("module.a[\"x.y]\"].module.b[0].aws_s3_bucket.c[\"k\"]"))
        .isEqualTo("module.a[\"x.y]\"].module.b[0]");
    assertThat(PlanPositions.module("module.a[\"broken")).isEmpty();
  }

  @Test
  void uriIsRelativeAndEncoded() {
    assertThat(PlanPositions.uri(Path.of("plans", "prod plan.json")))
        .isEqualTo("plans/prod%20plan.json");
    assertThat(PlanPositions.uri(Path.of("a:b.json"))).isEqualTo("./a:b.json");
    assertThat(PlanPositions.uri(Path.of("/elsewhere/plan.json")))
        .isEqualTo("file:///elsewhere/plan.json");
  }

  private CliRunner.Result scan(String... extra) {
    List<String> args = new ArrayList<>(List.of("scan", "terraform", plan.toString()));
    args.addAll(List.of("--config", config));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  private static JsonNode resultFor(JsonNode results, String rule, String resource) {
    for (JsonNode result : results) {
      if (result.path("ruleId").asText().equals(rule)
          && result
              .at("/locations/0/logicalLocations/0/fullyQualifiedName")
              .asText()
              .equals(resource)) {
        return result;
      }
    }
    throw new AssertionError("no " + rule + " result for " + resource + " in " + results);
  }
}
