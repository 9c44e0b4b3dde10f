package io.lcscan.report.sarif;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.ReportFixtures;
import io.lcscan.report.ReportModel;
import io.lcscan.report.SourceLocation;
import io.lcscan.spi.Classification;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Phase;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestSarifRenderer {

  private static final String GOLDEN = "golden-small.sarif";

  // the $id of the vendored OASIS schema; mapped to the test resource so nothing is fetched
  private static final String SCHEMA_ID =
      "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";

  private static final JsonSchema SCHEMA = oasisSchema();

  private final SarifRenderer renderer = new SarifRenderer("0.1.0");
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void matchesGoldenFile() throws IOException {
    String actual = render(ReportFixtures.modelWithEveryStatus("en"));

    // -Dlc.updateGolden=true rewrites the golden file after an intended change
    if (Boolean.getBoolean("lc.updateGolden")) {
      Files.writeString(
          Path.of("src/test/resources/io/lcscan/report/sarif", GOLDEN), actual, UTF_8);
    }
    assertThat(actual).isEqualTo(golden());
  }

  @Test
  void validAgainstTheOasisSchema() throws IOException {
    assertValid(render(ReportFixtures.modelWithEveryStatus("en")));
    assertValid(render(ReportFixtures.modelWithEveryStatus("ja")));
    assertValid(render(ReportFixtures.model("en")));
  }

  @Test
  void theSchemaCatchesAnInvalidLog() {
    // proves the validator runs with the real schema rather than accepting anything
    String invalid = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}}]}";

    assertThat(validate(invalid)).isNotEmpty();
  }

  @Test
  void oneRulePerControlWithBothLanguages() throws IOException {
    JsonNode driver = tree(ReportFixtures.model("en")).at("/runs/0/tool/driver");

    assertThat(driver.path("name").asText()).isEqualTo("lcscan");
    assertThat(driver.path("version").asText()).isEqualTo("0.1.0");
    assertThat(driver.path("informationUri").asText()).startsWith("https://");
    JsonNode rules = driver.path("rules");
    assertThat(rules).hasSize(2);
    JsonNode keys = rules.get(1);
    assertThat(keys.path("id").asText()).isEqualTo("LC-DISP-02");
    assertThat(keys.path("name").asText()).isEqualTo("KeysHaveADeletionWindow");
    assertThat(keys.at("/shortDescription/text").asText()).isEqualTo("Keys have a deletion window");
    assertThat(keys.at("/fullDescription/text").asText())
        .isEqualTo("A deleted key cannot be recovered.");
    for (String help : List.of("text", "markdown")) {
      assertThat(keys.at("/help/" + help).asText())
          .contains("Set a deletion window.")
          .contains("削除猶予期間を設定する。");
    }
    assertThat(keys.at("/defaultConfiguration/level").asText()).isEqualTo("error");
    assertThat(keys.at("/properties/phase").asText()).isEqualTo("DISPOSAL");
    assertThat(keys.at("/properties/severity").asText()).isEqualTo("critical");
    assertThat(keys.at("/properties/tags").toString()).contains("security", "disposal");
    JsonNode clause = keys.at("/properties/clauses/0");
    assertThat(clause.path("verified").asBoolean()).isFalse();
    assertThat(clause.path("label").asText()).isEqualTo("unified-standards-2021 5.2.4†");
    assertThat(keys.at("/help/markdown").asText()).contains("5.2.4†", "not yet verified");
  }

  @Test
  void resultsForFailErrorWaivedAndManualOnly() throws IOException {
    JsonNode results = tree(ReportFixtures.modelWithEveryStatus("en")).at("/runs/0/results");

    List<String> statuses = new ArrayList<>();
    results.forEach(result -> statuses.add(result.at("/properties/status").asText()));
    assertThat(statuses).containsExactlyInAnyOrder("FAIL", "ERROR", "WAIVED", "FAIL", "MANUAL");
    for (JsonNode result : results) {
      JsonNode rules = tree(ReportFixtures.model("en")).at("/runs/0/tool/driver/rules");
      assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText())
          .isEqualTo(result.path("ruleId").asText());
    }
  }

  @Test
  void levelsFollowSeverity() {
    assertThat(SarifRenderer.level(Severity.CRITICAL)).isEqualTo("error");
    assertThat(SarifRenderer.level(Severity.HIGH)).isEqualTo("error");
    assertThat(SarifRenderer.level(Severity.MEDIUM)).isEqualTo("warning");
    assertThat(SarifRenderer.level(Severity.LOW)).isEqualTo("note");
  }

  @Test
  void waivedIsSuppressedAndManualIsAReview() throws IOException {
    JsonNode results = tree(ReportFixtures.modelWithEveryStatus("en")).at("/runs/0/results");

    JsonNode waived = find(results, "WAIVED");
    assertThat(waived.path("level").asText()).isEqualTo("error");
    assertThat(waived.at("/suppressions/0/kind").asText()).isEqualTo("external");
    assertThat(waived.at("/suppressions/0/status").asText()).isEqualTo("accepted");
    assertThat(waived.at("/suppressions/0/justification").asText())
        .contains("WVR-7", "2027-03-31", "read-only archive");
    JsonNode manual = find(results, "MANUAL");
    assertThat(manual.path("kind").asText()).isEqualTo("review");
    assertThat(manual.path("level").asText()).isEqualTo("none");
    assertThat(manual.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("aws:123456789012");
  }

  @Test
  void locationsNameTheResourceTheModuleAndThePlanLine() throws IOException {
    JsonNode results = tree(ReportFixtures.modelWithEveryStatus("en")).at("/runs/0/results");

    JsonNode waived = find(results, "WAIVED").at("/locations/0");
    assertThat(waived.at("/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("plans/prod%20plan.json");
    assertThat(waived.at("/physicalLocation/region/startLine").asInt()).isEqualTo(245);
    assertThat(waived.at("/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("module.legacy.aws_s3_bucket.exports[\"2019\"]");
    assertThat(waived.at("/logicalLocations/0/kind").asText()).isEqualTo("resource");
    assertThat(waived.at("/logicalLocations/1/fullyQualifiedName").asText())
        .isEqualTo("module.legacy");
    assertThat(waived.at("/logicalLocations/1/kind").asText()).isEqualTo("module");
    // a live finding has no file: logical location only
    JsonNode error = find(results, "ERROR").at("/locations/0");
    assertThat(error.has("physicalLocation")).isFalse();
    assertThat(error.at("/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("arn:aws:s3:::unknown");
  }

  @Test
  void fingerprintsStayWhenTheLineMoves() throws IOException {
    ReportModel model = ReportFixtures.modelWithEveryStatus("en");
    ReportModel moved =
        model.withLocations(
            Map.of(
                "arn:aws:s3:::public-site", new SourceLocation(ReportFixtures.PLAN, 999, 5, "")));

    JsonNode before = find(tree(model).at("/runs/0/results"), "FAIL", "arn:aws:s3:::public-site");
    JsonNode after = find(tree(moved).at("/runs/0/results"), "FAIL", "arn:aws:s3:::public-site");

    assertThat(after.path("partialFingerprints")).isEqualTo(before.path("partialFingerprints"));
    assertThat(after.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(999);
  }

  @Test
  void incompleteScanIsAnUnsuccessfulInvocation() throws IOException {
    JsonNode invocation = tree(ReportFixtures.model("en")).at("/runs/0/invocations/0");

    assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
    assertThat(invocation.at("/toolExecutionNotifications/0/level").asText()).isEqualTo("error");
    assertThat(invocation.at("/toolExecutionNotifications/0/message/text").asText())
        .contains("ACCESS_DENIED", "aws.kms.key");
  }

  @Test
  void hostileStringsStayValid() throws IOException {
    String hostile = "aws_s3_bucket.b[\"<x>&\\\"'\u0000\u001b[31m\u2028\ud800]\"]";
    ReportModel model = hostileModel(hostile);

    String sarif = render(model);

    assertValid(sarif);
    JsonNode result = json.readTree(sarif).at("/runs/0/results/0");
    // JSON carries every string, a lone surrogate included, as an escape
    assertThat(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo(hostile);
    assertThat(sarif).doesNotContain("\u0000").doesNotContain("\u001b").contains("\\u001B");
  }

  @Test
  void deterministic() throws IOException {
    assertThat(render(ReportFixtures.modelWithEveryStatus("en")))
        .isEqualTo(render(ReportFixtures.modelWithEveryStatus("en")));
  }

  static ReportModel hostileModel(String hostile) {
    ScanResult small = ReportFixtures.result();
    Finding finding =
        new Finding(
            "LC-BUILD-01",
            Status.FAIL,
            Severity.HIGH,
            Phase.BUILD,
            "aws",
            "123456789012",
            "ap-northeast-1",
            "aws.s3.bucket",
            hostile,
            hostile,
            Classification.C2,
            "tags.name=" + hostile,
            Map.of(hostile, TextNode.valueOf(hostile)),
            null);
    ScanResult result =
        new ScanResult(
            small.metadata(),
            List.of(finding),
            List.of(),
            true,
            small.catalogVersion(),
            small.catalogDigest(),
            small.evaluatedAt());
    return ReportModel.of(result, ReportFixtures.catalog(), "en")
        .withLocations(Map.of(hostile, new SourceLocation("plan.json", 3, 1, "module.a")));
  }

  private static JsonNode find(JsonNode results, String status) {
    for (JsonNode result : results) {
      if (result.at("/properties/status").asText().equals(status)) {
        return result;
      }
    }
    throw new AssertionError("no " + status + " result in " + results);
  }

  private static JsonNode find(JsonNode results, String status, String resource) {
    for (JsonNode result : results) {
      if (result.at("/properties/status").asText().equals(status)
          && result
              .at("/locations/0/logicalLocations/0/fullyQualifiedName")
              .asText()
              .equals(resource)) {
        return result;
      }
    }
    throw new AssertionError("no " + status + " result for " + resource);
  }

  private void assertValid(String sarif) {
    assertThat(validate(sarif)).as("SARIF schema violations").isEmpty();
  }

  private Set<ValidationMessage> validate(String sarif) {
    try {
      return SCHEMA.validate(json.readTree(sarif));
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + e.getMessage(), e);
    }
  }

  private JsonNode tree(ReportModel model) throws IOException {
    return json.readTree(render(model));
  }

  private String render(ReportModel model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    renderer.render(model, out);
    return out.toString(UTF_8);
  }

  private static String golden() throws IOException {
    try (InputStream in = TestSarifRenderer.class.getResourceAsStream(GOLDEN)) {
      assertThat(in).as("golden file " + GOLDEN).isNotNull();
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private static JsonSchema oasisSchema() {
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V7,
            builder ->
                builder.schemaMappers(
                    mappers ->
                        mappers.mapPrefix(
                            "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/",
                            "classpath:io/lcscan/report/sarif/")));
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return factory.getSchema(SchemaLocation.of(SCHEMA_ID), config);
  }
}
