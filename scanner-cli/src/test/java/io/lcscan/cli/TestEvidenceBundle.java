package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.EngineModule;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.ReportModel;
import io.lcscan.report.ReportModule;
import io.lcscan.spi.Inventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --evidence DIR}: the layout, the manifest, where it may be written, and what never is. */
class TestEvidenceBundle {

  private final CliRunner cli = new CliRunner();
  private final String config = CliRunner.smallConfig();
  private final String inventory = CliRunner.resource("inventory-small.json").toString();
  private final String plan = CliRunner.resource("plans/plan-small.json").toString();

  @TempDir Path temp;

  @Test
  void bundleHoldsEveryPartAndTheManifestHashesThem() throws Exception {
    Path bundle = temp.resolve("evidence");
    Path report = temp.resolve("report.json");

    CliRunner.Result result =
        cli.run(
            "scan",
            "terraform",
            plan,
            "--config",
            config,
            "--format",
            "json",
            "--output",
            report.toString(),
            "--evidence",
            bundle.toString());

    assertThat(result.err()).isEmpty();
    List<String> files = EvidenceTesting.files(bundle);
    assertThat(files)
        .contains(
            "manifest.json",
            "inventory.json",
            "findings.json",
            "calls.jsonl",
            "report.html",
            "config/settings.yaml",
            "config/waivers.yaml",
            "config/approved-services.yaml",
            "config/attestations.yaml",
            "config/controls/build/LC-BUILD-01.yaml",
            "config/frameworks/iso27017.yaml",
            "config/types/aws.s3.bucket.json")
        .noneMatch(file -> file.startsWith("raw/"));
    // nothing left beside the bundle: the temporary folder was renamed into place
    assertThat(EvidenceTesting.entriesBesides(temp, "evidence", "report.json")).isEmpty();

    // findings.json is the JSON report, byte for byte
    assertThat(Files.readAllBytes(bundle.resolve("findings.json")))
        .isEqualTo(Files.readAllBytes(report));
    // the bundled configuration is the one evaluated: copied unchanged
    assertThat(Files.readAllBytes(bundle.resolve("config/waivers.yaml")))
        .isEqualTo(Files.readAllBytes(Path.of(config, "waivers.yaml")));
    // a plan scan makes no API calls
    assertThat(Files.size(bundle.resolve("calls.jsonl"))).isZero();
    assertThat(Files.readString(bundle.resolve("report.html"), UTF_8))
        .startsWith("<!DOCTYPE html>");

    JsonNode manifest = EvidenceTesting.manifest(bundle);
    JsonNode findings = EvidenceTesting.JSON.readTree(report.toFile());
    assertThat(manifest.path("format").asText()).isEqualTo("lcscan-evidence");
    assertThat(manifest.path("formatVersion").asInt()).isEqualTo(1);
    assertThat(manifest.path("toolVersion").asText()).isEqualTo(VersionProvider.toolVersion());
    assertThat(manifest.path("catalog").path("digest").asText())
        .hasSize(64)
        .isEqualTo(findings.path("catalog").path("digest").asText());
    assertThat(manifest.path("catalog").path("version").asText())
        .isEqualTo(findings.path("catalog").path("version").asText());
    assertThat(manifest.path("language").asText()).isEqualTo("en");
    assertThat(manifest.path("evaluatedAt").asText()).isEqualTo("2026-11-26T00:00:00Z");
    assertThat(manifest.path("complete").isBoolean()).isTrue();
    JsonNode scan = manifest.path("scan");
    assertThat(scan.path("kind").asText()).isEqualTo("terraform");
    assertThat(scan.path("startedAt").asText()).isNotEmpty();
    assertThat(scan.path("finishedAt").asText()).isNotEmpty();
    assertThat(scan.path("scopes").findValuesAsText("provider")).contains("terraform", "aws");
    assertThat(scan).isEqualTo(findings.path("metadata"));

    // every file but the manifest is listed, sorted, with its true size and SHA-256
    List<String> listed = new ArrayList<>();
    for (JsonNode entry : manifest.path("files")) {
      String path = entry.path("path").asText();
      listed.add(path);
      byte[] content = Files.readAllBytes(bundle.resolve(path));
      assertThat(entry.path("size").asLong()).as(path).isEqualTo(content.length);
      assertThat(entry.path("sha256").asText()).as(path).isEqualTo(sha256(content));
    }
    assertThat(listed).isSorted().doesNotContain("manifest.json");
    assertThat(listed)
        .containsExactlyElementsOf(files.stream().filter(f -> !f.equals("manifest.json")).toList());

    // the summary names the bundle and the manifest's own SHA-256, to keep apart from it
    assertThat(result.out())
        .contains("evidence " + bundle + " (" + listed.size() + " files, manifest sha256 ")
        .contains(sha256(Files.readAllBytes(bundle.resolve("manifest.json"))));
  }

  @Test
  void inventoryJsonIsWhatEvaluateReadsBackAndIsStable() throws Exception {
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");

    cli.run("evaluate", inventory, "--config", config, "--evidence", first.toString());
    cli.run("evaluate", inventory, "--config", config, "--evidence", second.toString());

    byte[] json = Files.readAllBytes(first.resolve("inventory.json"));
    assertThat(json).isEqualTo(Files.readAllBytes(second.resolve("inventory.json")));
    Inventory read = new InventoryReader().read(first.resolve("inventory.json"));
    Inventory original = new InventoryReader().read(Path.of(inventory));
    assertThat(read).isEqualTo(original);
    String text = new String(json, UTF_8);
    assertThat(text).startsWith("{\n  \"schemaVersion\": 1,\n  \"metadata\": {\n").endsWith("}\n");
    assertThat(text).doesNotContain("\r");
  }

  @Test
  void reportToStdoutStaysCleanAndTheBundleIsNamedOnStderr() throws Exception {
    Path bundle = temp.resolve("b");

    CliRunner.Result result =
        cli.run(
            "evaluate",
            inventory,
            "--config",
            config,
            "--format",
            "json",
            "--evidence",
            bundle.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(result.out().getBytes(UTF_8))
        .isEqualTo(Files.readAllBytes(bundle.resolve("findings.json")));
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).startsWith("lcscan: wrote evidence " + bundle + " (");
  }

  @Test
  void anEmptyDirectoryIsUsedAndANonEmptyOneRefused() throws Exception {
    Path empty = Files.createDirectory(temp.resolve("empty"));
    Path used = Files.createDirectory(temp.resolve("used"));
    Files.writeString(used.resolve("notes.txt"), "keep me");
    Path file = Files.writeString(temp.resolve("file"), "not a directory");

    CliRunner.Result intoEmpty =
        cli.run("evaluate", inventory, "--config", config, "--evidence", empty.toString());
    CliRunner.Result intoUsed =
        cli.run("evaluate", inventory, "--config", config, "--evidence", used.toString());
    CliRunner.Result intoFile =
        cli.run("evaluate", inventory, "--config", config, "--evidence", file.toString());
    CliRunner.Result again =
        cli.run("evaluate", inventory, "--config", config, "--evidence", empty.toString());

    assertThat(intoEmpty.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(empty.resolve("manifest.json")).exists();
    assertThat(intoUsed.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(intoUsed.err())
        .isEqualTo(
            "lcscan: "
                + used
                + ": exists and is not empty; --evidence writes a new bundle into a new or empty"
                + " directory and never replaces one\n");
    assertThat(EvidenceTesting.files(used)).containsExactly("notes.txt");
    assertThat(intoFile.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(intoFile.err()).contains(file + ": exists and is not a directory").hasLineCount(1);
    // a bundle is never replaced, not even by the same command
    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("exists and is not empty");
    assertThat(EvidenceTesting.entriesBesides(temp, "empty", "used", "file")).isEmpty();
  }

  @Test
  void reportsMayNotBeWrittenIntoTheBundle() {
    Path bundle = temp.resolve("b");

    CliRunner.Result result =
        cli.run(
            "evaluate",
            inventory,
            "--config",
            config,
            "--format",
            "json,html",
            "--output",
            bundle + "/reports/",
            "--evidence",
            bundle.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("is inside --evidence").hasLineCount(1);
    assertThat(bundle).doesNotExist();
  }

  @Test
  void badInputLeavesNoBundleAndNoTemporaryFolder() {
    String malformed = CliRunner.resource("inventory-malformed.json").toString();
    Path bundle = temp.resolve("b");

    CliRunner.Result result =
        cli.run("evaluate", malformed, "--config", config, "--evidence", bundle.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).hasLineCount(1);
    assertThat(EvidenceTesting.entriesBesides(temp)).isEmpty();
  }

  @Test
  void rawNamesCannotLeaveTheRawFolder() {
    assertThat(EvidenceBundle.rawName("aws/123456789012/ap-northeast-1/s3/ListBuckets.xml"))
        .isEqualTo("aws/123456789012/ap-northeast-1/s3/ListBuckets.xml");
    assertThat(EvidenceBundle.rawName("../../etc/passwd")).isEqualTo("__/__/etc/passwd");
    assertThat(EvidenceBundle.rawName("/etc/cron.d/x")).isEqualTo("etc/cron.d/x");
    assertThat(EvidenceBundle.rawName("a\\..\\..\\b")).isEqualTo("a/__/__/b");
    assertThat(EvidenceBundle.rawName("s3/GetBucketPolicy/my bucket;rm -rf.json"))
        .isEqualTo("s3/GetBucketPolicy/my_bucket_rm_-rf.json");
    assertThat(EvidenceBundle.rawName("C:/x")).isEqualTo("C_/x");
    assertThat(EvidenceBundle.rawName("...")).isEqualTo("___");
    assertThat(EvidenceBundle.rawName("//")).isEqualTo("_");

    Map<String, byte[]> raw = new LinkedHashMap<>();
    raw.put("s3/a b.xml", new byte[] {1});
    raw.put("s3/a_b.xml", new byte[] {2});
    raw.put("../s3/a b.xml", new byte[] {3});
    assertThat(EvidenceWriter.rawFiles(raw))
        .containsOnlyKeys("raw/__/s3/a_b.xml", "raw/s3/a_b.xml", "raw/s3/a_b.xml~2");
    for (String path : EvidenceWriter.rawFiles(raw).keySet()) {
      assertThat(EvidenceBundle.unsafePath(path)).as(path).isNull();
    }
  }

  @Test
  void rawResponsesAreWrittenUnderRawWithSafeNames() throws Exception {
    LcscanConfig loaded = LcscanConfig.load(ConfigSource.directory(Path.of(config)));
    Inventory read = new InventoryReader().read(Path.of(inventory));
    ScanResult result =
        Guice.createInjector(
                new EngineModule(), binder -> binder.bind(LcscanConfig.class).toInstance(loaded))
            .getInstance(io.lcscan.engine.Engine.class)
            .evaluate(read, CliRunner.NOW, control -> true);
    EvidenceWriter writer =
        Guice.createInjector(new ReportModule()).getInstance(EvidenceWriter.class);
    Map<String, byte[]> raw =
        Map.of(
            "aws/123456789012/ap-northeast-1/s3/ListBuckets.xml", "<ok/>".getBytes(UTF_8),
            "../../../escaped.txt", "outside".getBytes(UTF_8),
            "/tmp/absolute.txt", "absolute".getBytes(UTF_8));
    Path bundle = temp.resolve("nested").resolve("bundle");

    EvidenceWriter.Written written =
        writer.write(
            bundle,
            new EvidenceWriter.Contents(
                InventoryJson.inventory(read),
                read,
                ReportModel.of(result, loaded.catalog(), "ja"),
                raw,
                ConfigSource.directory(Path.of(config))));

    assertThat(EvidenceTesting.files(bundle))
        .contains(
            "raw/aws/123456789012/ap-northeast-1/s3/ListBuckets.xml",
            "raw/__/__/__/escaped.txt",
            "raw/tmp/absolute.txt");
    assertThat(temp.resolve("escaped.txt")).doesNotExist();
    assertThat(EvidenceTesting.manifest(bundle).path("language").asText()).isEqualTo("ja");
    assertThat(written.files()).isEqualTo(EvidenceTesting.files(bundle).size() - 1);
    assertThat(EvidenceBundle.verify(bundle, EvidenceManifest.read(bundle).files())).isEmpty();
  }

  @Test
  void secretsInAnInventoryReachNoFileOfTheBundleNorAnyReport() throws Exception {
    List<String> secrets =
        List.of(
            "Hunter2-master-password",
            "Hunter2-connection-string",
            "Hunter2-tag-token",
            "AKIAIOSFODNN7EXAMPLE",
            "Hunter2-prior-password");
    ObjectNode root = (ObjectNode) EvidenceTesting.JSON.readTree(Path.of(inventory).toFile());
    ObjectNode bucket = (ObjectNode) root.path("resources").get(0);
    ObjectNode attributes = (ObjectNode) bucket.path("attributes");
    attributes.put("masterPassword", secrets.get(0));
    attributes.put("connectionString", "Server=tcp:db.example.jp;Password=" + secrets.get(1));
    attributes.put(
        "backupEndpoint",
        "Server=tcp:db.example.jp;Database=records;User Id=app;Password=" + secrets.get(1) + ";");
    attributes.putObject("settings").put("note", "aws_access_key_id=" + secrets.get(3));
    ((ObjectNode) bucket.path("tags")).put("api_token", secrets.get(2));
    bucket
        .putObject("change")
        .<ObjectNode>set("actions", EvidenceTesting.JSON.createArrayNode().add("update"))
        .putObject("before")
        .putObject("attributes")
        .put("adminPassword", secrets.get(4));
    Path file = temp.resolve("secret-inventory.json");
    EvidenceTesting.JSON.writeValue(file.toFile(), root);
    Path bundle = temp.resolve("bundle");
    Path reports = temp.resolve("reports");

    CliRunner.Result result =
        cli.run(
            "evaluate",
            file.toString(),
            "--config",
            config,
            "--format",
            "table,json,sarif,junit,csv,html",
            "--output",
            reports + "/",
            "--evidence",
            bundle.toString());

    assertThat(result.exitCode()).isIn(ExitCodes.CLEAN, ExitCodes.INCOMPLETE);
    assertNoSecret(bundle, secrets);
    assertNoSecret(reports, secrets);
    for (String secret : secrets) {
      assertThat(result.out() + result.err()).doesNotContain(secret);
    }
    // the redaction is visible, and what carried no secret is kept
    String bundled = Files.readString(bundle.resolve("inventory.json"), UTF_8);
    assertThat(bundled)
        .contains("\"masterPassword\": \"[REDACTED]\"", "\"api_token\": \"[REDACTED]\"")
        .contains("\"connectionString\": \"[REDACTED]\"")
        .contains("\"lc-data-class\": \"c3\"", "Server=tcp:db.example.jp");
  }

  @Test
  void secretsInAPlanReachNoFileOfTheBundle() throws Exception {
    List<String> secrets = List.of("Hunter2-plan-tag-password", "Hunter2-plan-connection");
    ObjectNode root = (ObjectNode) EvidenceTesting.JSON.readTree(Path.of(plan).toFile());
    for (JsonNode change : root.path("resource_changes")) {
      if (change.path("address").asText().equals("aws_s3_bucket.site")) {
        ObjectNode after = (ObjectNode) change.path("change").path("after");
        for (String field : List.of("tags", "tags_all")) {
          ObjectNode tags = (ObjectNode) after.path(field);
          tags.put("db_password", secrets.get(0));
          tags.put(
              "backup_target", "postgres://backup:" + secrets.get(1) + "@db.example.jp/records");
        }
        // not a mapped attribute: a plan's unmapped value must not travel either
        after.put("password", secrets.get(0));
      }
    }
    for (JsonNode resource : root.path("planned_values").path("root_module").path("resources")) {
      if (resource.path("address").asText().equals("aws_s3_bucket.site")) {
        ObjectNode values = (ObjectNode) resource.path("values");
        for (String field : List.of("tags", "tags_all")) {
          ObjectNode tags = (ObjectNode) values.path(field);
          tags.put("db_password", secrets.get(0));
          tags.put(
              "backup_target", "postgres://backup:" + secrets.get(1) + "@db.example.jp/records");
        }
        values.put("password", secrets.get(0));
      }
    }
    Path file = temp.resolve("secret-plan.json");
    EvidenceTesting.JSON.writeValue(file.toFile(), root);
    Path bundle = temp.resolve("bundle");

    CliRunner.Result result =
        cli.run(
            "scan",
            "terraform",
            file.toString(),
            "--config",
            config,
            "--format",
            "json",
            "--evidence",
            bundle.toString());

    assertThat(result.err()).contains("lcscan: wrote evidence");
    assertNoSecret(bundle, secrets);
    for (String secret : secrets) {
      assertThat(result.out()).doesNotContain(secret);
    }
    // the tags are there, without their values
    assertThat(Files.readString(bundle.resolve("inventory.json"), UTF_8))
        .contains("\"db_password\": \"[REDACTED]\"")
        .contains("postgres://backup:[REDACTED]@db.example.jp/records");
  }

  private static void assertNoSecret(Path folder, List<String> secrets) throws IOException {
    List<String> files = EvidenceTesting.files(folder);
    assertThat(files).isNotEmpty();
    for (String path : files) {
      String content = new String(Files.readAllBytes(folder.resolve(path)), UTF_8);
      for (String secret : secrets) {
        assertThat(content).as(path).doesNotContain(secret);
      }
    }
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
