package io.lcscan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lcscan.catalog.CatalogException;
import io.lcscan.catalog.Control;
import io.lcscan.engine.TestConfigs;
import io.lcscan.spi.Phase;
import io.lcscan.spi.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConfigLoader {
  @TempDir Path root;

  @BeforeEach
  void copyTestConfig() throws IOException {
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

  @Test
  void testConfigLoadsCleanly() {
    LcscanConfig config = LcscanConfig.load(ConfigSource.directory(root));
    assertThat(config.catalog().controls())
        .extracting(Control::id)
        .containsExactly(
            "LC-ADOPT-01",
            "LC-BUILD-01",
            "LC-BUILD-02",
            "LC-DISP-02",
            "LC-DISP-03",
            "LC-DISP-09",
            "LC-DISP-11",
            "LC-OPER-01",
            "LC-OPER-10",
            "LC-RENEW-01");
    Control control = config.catalog().control("LC-DISP-02").orElseThrow();
    assertThat(control.phase()).isEqualTo(Phase.DISPOSAL);
    assertThat(control.severity()).isEqualTo(Severity.HIGH);
    assertThat(control.title().ja()).isEqualTo("鍵に削除猶予期間がある");
    assertThat(control.clauses())
        .singleElement()
        .satisfies(
            clause -> {
              assertThat(clause.ref()).isEqualTo("CLD.8.1.5");
              assertThat(clause.verified()).isTrue();
              assertThat(clause.title().en()).isEqualTo("Removal of cloud service customer assets");
            });
    assertThat(control.file())
        .isEqualTo(root.resolve("controls/disposal/LC-DISP-02.yaml").toString());
    assertThat(config.catalog().rules("LC-DISP-02").get("aws.kms.key").attributePaths())
        .containsExactly("deletion.windowDays", "keyManager");
    assertThat(config.catalog().rules("LC-DISP-02").get("aws.kms.key").settingsPaths())
        .containsExactly("keyDeleteWindowMinDays");
    assertThat(config.catalog().types()).containsKey("aws.kms.key");
    assertThat(
            config
                .catalog()
                .types()
                .get("aws.s3.bucket")
                .hasPath(List.of("replication", "destinations", "region")))
        .isTrue();
    assertThat(
            config.catalog().types().get("aws.s3.bucket").hasPath(List.of("replication", "region")))
        .isFalse();
    assertThat(config.catalog().digest()).matches("[0-9a-f]{64}");
    assertThat(config.waivers().waivers()).hasSize(2);
    assertThat(config.attestations().attestations()).hasSize(2);
    assertThat(config.approvedServices().entries()).hasSize(2);
  }

  @Test
  void digestChangesWithAnyCatalogByte() throws IOException {
    String before = LcscanConfig.load(ConfigSource.directory(root)).catalog().digest();
    replace("controls/build/LC-BUILD-01.yaml", "Rationale of", "The rationale of");
    assertThat(LcscanConfig.load(ConfigSource.directory(root)).catalog().digest())
        .isNotEqualTo(before);
  }

  @Test
  void badYaml() throws IOException {
    write(
        "controls/build/LC-BUILD-01.yaml",
        "id: LC-BUILD-01\nphase: BUILD\ntitle: {en: x\nseverity: high\n");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml")
                + ":4: YAML syntax error: while parsing a flow mapping: expected ',' or '}', but got :");
  }

  @Test
  void unknownResourceType() throws IOException {
    replace("controls/build/LC-BUILD-01.yaml", "aws.s3.bucket:", "aws.s4.bucket:");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml")
                + ":21: unknown resource type 'aws.s4.bucket' (no config/types/aws.s4.bucket.json)");
  }

  @Test
  void celSyntaxError() throws IOException {
    replace(
        "controls/build/LC-BUILD-01.yaml",
        "aws.s3.bucket: resource.attributes.encryption.customerManagedKey",
        "aws.s3.bucket: resource.attributes.encryption.customerManagedKey &&");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml")
                + ":21: rule for aws.s3.bucket: CEL syntax error: line 1 column 53: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}");
  }

  @Test
  void celTypeError() throws IOException {
    replace(
        "controls/build/LC-BUILD-01.yaml",
        "aws.s3.bucket: resource.attributes.encryption.customerManagedKey",
        "aws.s3.bucket: daysSince(1) > 3");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml")
                + ":21: rule for aws.s3.bucket: CEL type error: line 1 column 10: found no matching overload for 'daysSince' applied to '(int)' (candidates: (string))");
  }

  @Test
  void celAttributeNotInSchema() throws IOException {
    replace(
        "controls/build/LC-BUILD-01.yaml",
        "encryption.customerManagedKey",
        "encryption.customerKey");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml")
                + ":21: rule for aws.s3.bucket reads resource.attributes.encryption.customerKey, which the aws.s3.bucket schema does not define");
  }

  @Test
  void celAttributeOfALookedUpResourceNotInSchema() throws IOException {
    replace(
        "controls/operation/LC-OPER-01.yaml", "t.attributes.logging", "t.attributes.logs.enabled");
    assertThat(problems())
        .containsExactly(
            file("controls/operation/LC-OPER-01.yaml")
                + ":17: rule for aws.s3.bucket reads t.attributes.logs.enabled (a resource of aws.cloudtrail.trail), which the aws.cloudtrail.trail schema does not define");
  }

  @Test
  void celPriorAttributeNotInSchema() throws IOException {
    replace(
        "controls/disposal/LC-DISP-11.yaml",
        "resource.change.before.attributes.encryption.customerManagedKey",
        "resource.change.before.attributes.encryption.customerKey");
    assertThat(problems())
        .containsExactly(
            file("controls/disposal/LC-DISP-11.yaml")
                + ":17: rule for aws.s3.bucket reads resource.change.before.attributes.encryption.customerKey, which the aws.s3.bucket schema does not define");
  }

  @Test
  void celItemOfAPriorAttributeArrayNotInSchema() throws IOException {
    replace(
        "controls/build/LC-BUILD-01.yaml",
        "aws.s3.bucket: resource.attributes.encryption.customerManagedKey",
        "aws.s3.bucket: resource.change.before.attributes.replication.destinations.all(d, d.kmsKey != '')");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml")
                + ":21: rule for aws.s3.bucket reads d.kmsKey (an item of resource.attributes.replication.destinations), which the aws.s3.bucket schema does not define");
  }

  @Test
  void celChangeFieldThatDoesNotExist() throws IOException {
    replace(
        "controls/disposal/LC-DISP-11.yaml",
        "resource.change.before.region != ''",
        "resource.change.after.region != '' || resource.change.before.name != ''");
    assertThat(problems())
        .containsExactly(
            file("controls/disposal/LC-DISP-11.yaml")
                + ":17: rule for aws.s3.bucket reads resource.change.after.region, which resource.change does not have (it has actions, before.region, before.tags and before.attributes)",
            file("controls/disposal/LC-DISP-11.yaml")
                + ":17: rule for aws.s3.bucket reads resource.change.before.name, which resource.change does not have (it has actions, before.region, before.tags and before.attributes)");
  }

  @Test
  void rulesReadingTheChangeAreMarked() {
    LcscanConfig config = LcscanConfig.load(ConfigSource.directory(root));
    assertThat(config.catalog().rules("LC-RENEW-01").get("aws.s3.bucket").readsChange()).isTrue();
    assertThat(config.catalog().rules("LC-DISP-11").get("aws.s3.bucket").readsChange()).isTrue();
    assertThat(config.catalog().rules("LC-DISP-11").get("aws.s3.bucket").resourceFields())
        .containsExactly(
            "change.actions",
            "change.before.attributes.encryption.customerManagedKey",
            "change.before.region");
    assertThat(config.catalog().rules("LC-BUILD-01").get("aws.s3.bucket").readsChange()).isFalse();
    assertThat(config.catalog().rules("LC-ADOPT-01").get("aws.s3.bucket").readsRegion()).isTrue();
    assertThat(config.catalog().rules("LC-BUILD-01").get("aws.s3.bucket").readsRegion()).isFalse();
  }

  @Test
  void celItemOfAnAttributeArrayNotInSchema() throws IOException {
    replace(
        "controls/build/LC-BUILD-01.yaml",
        "aws.s3.bucket: resource.attributes.encryption.customerManagedKey",
        "aws.s3.bucket: resource.attributes.replication.destinations.all(d, d.encrypted && d.kmsKey != '')");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml")
                + ":21: rule for aws.s3.bucket reads d.kmsKey (an item of resource.attributes.replication.destinations), which the aws.s3.bucket schema does not define");
  }

  @Test
  void duplicateId() throws IOException {
    write("controls/build/LC-BUILD-02.yaml", read("controls/build/LC-BUILD-01.yaml"));
    replace("controls/build/LC-BUILD-02.yaml", "id: LC-BUILD-01", "id: LC-BUILD-01");
    Files.move(
        root.resolve("controls/build/LC-BUILD-02.yaml"),
        root.resolve("controls/adoption/LC-BUILD-01.yaml"));
    assertThat(problems())
        .contains(
            file("controls/build/LC-BUILD-01.yaml")
                + ":1: duplicate id 'LC-BUILD-01' (also in "
                + file("controls/adoption/LC-BUILD-01.yaml")
                + ")");
  }

  @Test
  void missingJapanese() throws IOException {
    replace("controls/build/LC-BUILD-01.yaml", "  ja: バケットは顧客管理鍵を使う\n", "");
    assertThat(problems())
        .containsExactly(file("controls/build/LC-BUILD-01.yaml") + ":4: missing title.ja");
  }

  @Test
  void blankRationale() throws IOException {
    replace("controls/build/LC-BUILD-01.yaml", "  ja: LC-BUILD-01 の根拠。", "  ja: \"\"");
    assertThat(problems())
        .containsExactly(file("controls/build/LC-BUILD-01.yaml") + ":11: missing rationale.ja");
  }

  @Test
  void unknownClause() throws IOException {
    replace("controls/build/LC-BUILD-01.yaml", "ref: \"10.1.1\"", "ref: \"10.1.9\"");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml")
                + ":8: clause '10.1.9' does not exist in "
                + file("frameworks/iso27017.yaml"),
            file("frameworks/iso27017.yaml")
                + ":13: clause '10.1.1' lists LC-BUILD-01, which does not cite it (add it to LC-BUILD-01's clauses or remove it here)");
  }

  @Test
  void unknownFramework() throws IOException {
    replace("controls/build/LC-BUILD-01.yaml", "framework: iso27017", "framework: iso27018");
    assertThat(problems())
        .contains(
            file("controls/build/LC-BUILD-01.yaml")
                + ":8: unknown framework 'iso27018' (no config/frameworks/iso27018.yaml; known: iso27017)");
  }

  @Test
  void clauseOmitsACitingControl() throws IOException {
    replace("frameworks/iso27017.yaml", "controls: [LC-BUILD-01]", "controls: []");
    assertThat(problems())
        .containsExactly(
            file("frameworks/iso27017.yaml")
                + ":13: clause '10.1.1' omits LC-BUILD-01, which cites it (add LC-BUILD-01 to its controls)");
  }

  @Test
  void fileNameAndIdDisagree() throws IOException {
    replace("controls/build/LC-BUILD-01.yaml", "id: LC-BUILD-01", "id: LC-BUILD-1");
    assertThat(problems())
        .contains(
            file("controls/build/LC-BUILD-01.yaml")
                + ":1: id 'LC-BUILD-1' does not match the file name 'LC-BUILD-01.yaml'");
  }

  @Test
  void phaseAndFolderDisagree() throws IOException {
    replace("controls/build/LC-BUILD-01.yaml", "phase: BUILD", "phase: OPERATION");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml")
                + ":2: phase OPERATION does not match the folder 'controls/build' (move the file to controls/operation/)");
  }

  @Test
  void unknownPhaseAndSeverity() throws IOException {
    replace("controls/build/LC-BUILD-01.yaml", "phase: BUILD", "phase: DESIGN");
    replace("controls/build/LC-BUILD-01.yaml", "severity: high", "severity: severe");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml")
                + ":2: unknown phase 'DESIGN' (ADOPTION|BUILD|OPERATION|MAINTENANCE|RENEWAL|DISPOSAL)",
            file("controls/build/LC-BUILD-01.yaml")
                + ":3: unknown severity 'severe' (low|medium|high|critical)");
  }

  @Test
  void unknownTopLevelKey() throws IOException {
    replace("controls/build/LC-BUILD-01.yaml", "minClassification: C2", "minClasification: C2");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml") + ":15: unknown key 'minClasification'");
  }

  @Test
  void neitherManualNorRules() throws IOException {
    replace(
        "controls/build/LC-BUILD-01.yaml",
        "  aws.s3.bucket: resource.attributes.encryption.customerManagedKey\n",
        "");
    assertThat(problems())
        .containsExactly(
            file("controls/build/LC-BUILD-01.yaml")
                + ":19: the control has no rules and is not manual (add rules, or manual: true)");
  }

  @Test
  void typeSchemaProblems() throws IOException {
    write("types/aws.ec2.volume.json", "{\"title\": \"aws.ec2.volume\",\n \"properties\": {\n");
    write("types/aws.ec2.snapshot.json", "{\"title\": \"aws.ec2.snapshot\"}");
    assertThat(problems())
        .containsExactly(
            file("types/aws.ec2.snapshot.json")
                + ":1: missing \"properties\" (the attributes object)",
            file("types/aws.ec2.volume.json")
                + ":3: not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 2, column: 16])");
  }

  @Test
  void everyProblemIsReportedAtOnce() throws IOException {
    replace("controls/build/LC-BUILD-01.yaml", "  ja: バケットは顧客管理鍵を使う\n", "");
    replace("controls/disposal/LC-DISP-02.yaml", "aws.kms.key:", "aws.kms.keys:");
    assertThatThrownBy(() -> LcscanConfig.load(ConfigSource.directory(root)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file("controls/build/LC-BUILD-01.yaml")
                + ":4: missing title.ja\n"
                + file("controls/disposal/LC-DISP-02.yaml")
                + ":17: unknown resource type 'aws.kms.keys' (no config/types/aws.kms.keys.json)")
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2));
  }

  @Test
  void registerWaiverAndAttestationProblems() throws IOException {
    replace("waivers.yaml", "expires: 2027-01-31", "expires: soon");
    replace(
        "attestations.yaml",
        "    attestedBy: Internal audit\n    date: 2026-10-01",
        "    date: 2026-10-01");
    replace("approved-services.yaml", "match: \"aws.s3.*\"", "matches: \"aws.s3.*\"");
    assertThat(problems())
        .containsExactly(
            file("approved-services.yaml") + ":2: missing 'match'",
            file("approved-services.yaml") + ":3: unknown key 'matches'",
            file("attestations.yaml") + ":2: missing 'attestedBy'",
            file("waivers.yaml") + ":8: 'expires' must be a date (YYYY-MM-DD), got 'soon'");
  }

  @Test
  void bundledSourceNamesFilesUnderConfig() {
    ConfigSource bundled = ConfigSource.bundled();
    assertThat(bundled.read("settings.yaml")).isPresent();
    assertThat(bundled.list("types")).isNotEmpty().allMatch(path -> path.startsWith("types/"));
    assertThat(bundled.displayName("controls/build/LC-BUILD-01.yaml"))
        .isEqualTo("config/controls/build/LC-BUILD-01.yaml");
  }

  private List<String> problems() {
    return LcscanConfig.loadPartial(ConfigSource.directory(root)).problems().stream()
        .map(CatalogException::getMessage)
        .toList();
  }

  private String file(String relative) {
    return root.resolve(relative).toString();
  }

  private String read(String relative) throws IOException {
    return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
  }

  private void write(String relative, String content) throws IOException {
    Files.writeString(root.resolve(relative), content, StandardCharsets.UTF_8);
  }

  private void replace(String relative, String from, String to) throws IOException {
    String content = read(relative);
    assertThat(content).contains(from);
    write(relative, content.replace(from, to));
  }
}
