package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lcscan evaluate DIR}: the engine runs again offline on the bundle's inventory, at the
 * bundle's evaluatedAt, with its configuration and language, and reproduces findings.json byte for
 * byte, even when the clock has moved on far enough for approvals and waivers to lapse.
 */
class TestEvaluateBundle {

  // surefire runs in the module folder; the examples are at the top of the repository
  private static final Path PLAN = Path.of("..", "examples", "aws-plan.json");
  private static final Path EXAMPLE_INVENTORY =
      Path.of("..", "config", "examples", "inventory.json");

  private final CliRunner cli = new CliRunner();
  private final String config = CliRunner.smallConfig();
  private final String inventory = CliRunner.resource("inventory-small.json").toString();

  @TempDir Path temp;

  @Test
  void terraformScanIsReproducedByteForByte() throws Exception {
    Path bundle = temp.resolve("bundle");
    Path scanned = temp.resolve("scan.json");
    Path reproduced = temp.resolve("reproduced.json");

    CliRunner.Result scan =
        cli.run(
            "scan",
            "terraform",
            PLAN.toString(),
            "--format",
            "json",
            "--output",
            scanned.toString(),
            "--evidence",
            bundle.toString());
    CliRunner.Result evaluate =
        EvidenceTesting.runAt(
            EvidenceTesting.LATER,
            "evaluate",
            bundle.toString(),
            "--format",
            "json",
            "--output",
            reproduced.toString());

    // the plan's key is known only after apply: ERROR, so exit 3, both times
    assertThat(scan.exitCode()).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(evaluate.exitCode()).isEqualTo(scan.exitCode());
    assertThat(evaluate.err()).isEmpty();
    byte[] findings = Files.readAllBytes(bundle.resolve("findings.json"));
    assertThat(findings).isEqualTo(Files.readAllBytes(scanned));
    assertThat(Files.readAllBytes(reproduced)).isEqualTo(findings);
    assertThat(new String(findings, UTF_8)).contains("\"kind\": \"terraform\"", "\"FAIL\"");

    // --evidence on evaluate DIR writes a bundle with the same inventory and findings
    Path again = temp.resolve("again");
    CliRunner.Result rebundled =
        EvidenceTesting.runAt(
            EvidenceTesting.LATER, "evaluate", bundle.toString(), "--evidence", again.toString());
    assertThat(rebundled.exitCode()).isEqualTo(scan.exitCode());
    for (String file : new String[] {"inventory.json", "findings.json", "calls.jsonl"}) {
      assertThat(Files.readAllBytes(again.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(bundle.resolve(file)));
    }
    assertThat(EvidenceTesting.manifest(again).path("evaluatedAt"))
        .isEqualTo(EvidenceTesting.manifest(bundle).path("evaluatedAt"));
    assertThat(cli.run("verify", again.toString()).exitCode()).isEqualTo(ExitCodes.CLEAN);
  }

  @Test
  void exampleInventoryIsReproducedInJapanese() throws Exception {
    Path bundle = temp.resolve("bundle");
    Path reproduced = temp.resolve("reproduced.json");

    CliRunner.Result scan =
        cli.run(
            "evaluate",
            EXAMPLE_INVENTORY.toString(),
            "--lang",
            "ja",
            "--format",
            "csv",
            "--output",
            temp.resolve("report.csv").toString(),
            "--evidence",
            bundle.toString());
    CliRunner.Result evaluate =
        EvidenceTesting.runAt(
            EvidenceTesting.LATER,
            "evaluate",
            bundle.toString(),
            "--format",
            "json",
            "--output",
            reproduced.toString());
    CliRunner.Result later =
        EvidenceTesting.runAt(
            EvidenceTesting.LATER,
            "evaluate",
            EXAMPLE_INVENTORY.toString(),
            "--lang",
            "ja",
            "--format",
            "json");

    assertThat(evaluate.err()).isEmpty();
    assertThat(evaluate.exitCode()).isEqualTo(scan.exitCode());
    byte[] findings = Files.readAllBytes(bundle.resolve("findings.json"));
    assertThat(Files.readAllBytes(reproduced)).isEqualTo(findings);
    assertThat(new String(findings, UTF_8)).contains("\"language\": \"ja\"");
    // the same inventory evaluated at the later clock is another result: lapsed approvals
    assertThat(later.out()).isNotEqualTo(new String(findings, UTF_8));
    assertThat(later.out().split("\"status\": \"FAIL\"").length)
        .isGreaterThan(new String(findings, UTF_8).split("\"status\": \"FAIL\"").length);
  }

  @Test
  void langReplacesTheBundlesLanguage() throws Exception {
    Path bundle = bundleOfSmallInventory("--lang", "ja");

    CliRunner.Result english =
        cli.run("evaluate", bundle.toString(), "--format", "json", "--lang", "en");
    CliRunner.Result bundled = cli.run("evaluate", bundle.toString(), "--format", "json");

    assertThat(english.out()).contains("\"language\": \"en\"");
    assertThat(bundled.out().getBytes(UTF_8))
        .isEqualTo(Files.readAllBytes(bundle.resolve("findings.json")));
  }

  @Test
  void aChangedInputIsRefusedWithOneLine() throws Exception {
    Path bundle = bundleOfSmallInventory();
    Path inventoryJson = bundle.resolve("inventory.json");
    Files.writeString(inventoryJson, Files.readString(inventoryJson).replace("\"c1\"", "\"c3\""));

    CliRunner.Result result = cli.run("evaluate", bundle.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .isEqualTo(
            "lcscan: "
                + bundle
                + ": does not match its manifest (changed: inventory.json); run 'lcscan verify "
                + bundle
                + "'\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aChangedOrAddedConfigurationFileIsRefused() throws Exception {
    Path bundle = bundleOfSmallInventory();
    Files.writeString(
        bundle.resolve("config/waivers.yaml"), "\n# widened\n", StandardOpenOption.APPEND);
    Files.copy(
        bundle.resolve("config/controls/build/LC-BUILD-01.yaml"),
        bundle.resolve("config/controls/build/LC-BUILD-99.yaml"));

    CliRunner.Result result = cli.run("evaluate", bundle.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .contains("(added: config/controls/build/LC-BUILD-99.yaml, changed: config/waivers.yaml)")
        .hasLineCount(1);
  }

  @Test
  void anotherCatalogIsNotedAndStillEvaluated() throws Exception {
    Path bundle = bundleOfSmallInventory();
    Path other = temp.resolve("other-config");
    copyTree(Path.of(config), other);
    Files.writeString(
        other.resolve("controls/build/LC-BUILD-01.yaml"),
        "\n# edited after the scan\n",
        StandardOpenOption.APPEND);
    String recorded = EvidenceTesting.manifest(bundle).path("catalog").path("digest").asText();

    CliRunner.Result result =
        cli.run("evaluate", bundle.toString(), "--config", other.toString(), "--format", "json");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(result.err())
        .startsWith("lcscan: " + bundle + ": note: catalog sha256 ")
        .contains(
            " is not the bundle's " + recorded + "; findings may differ from its findings.json")
        .hasLineCount(1);
    assertThat(result.out()).contains("\"findings\"").doesNotContain("\"digest\": \"" + recorded);
  }

  @Test
  void evidenceOfABundleMayNotGoInsideIt() throws Exception {
    Path bundle = bundleOfSmallInventory();

    CliRunner.Result result =
        cli.run("evaluate", bundle.toString(), "--evidence", bundle.resolve("again").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("is inside the bundle being evaluated").hasLineCount(1);
    assertThat(cli.run("verify", bundle.toString()).exitCode()).isEqualTo(ExitCodes.CLEAN);
  }

  @Test
  void rawResponsesAreCarriedIntoANewBundle() throws Exception {
    Path bundle = bundleOfSmallInventory();
    byte[] body = "<ListAllMyBucketsResult/>".getBytes(UTF_8);
    String name = "raw/aws/123456789012/us-east-1/s3/ListBuckets.xml";
    Files.createDirectories(bundle.resolve(name).getParent());
    Files.write(bundle.resolve(name), body);
    ObjectNode manifest = (ObjectNode) EvidenceTesting.manifest(bundle);
    ((ArrayNode) manifest.path("files"))
        .addObject()
        .put("path", name)
        .put("size", body.length)
        .put("sha256", TestEvidenceBundle.sha256(body));
    EvidenceTesting.JSON.writeValue(bundle.resolve("manifest.json").toFile(), manifest);
    Path again = temp.resolve("again");

    CliRunner.Result result =
        cli.run("evaluate", bundle.toString(), "--evidence", again.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(Files.readAllBytes(again.resolve(name))).isEqualTo(body);
    assertThat(cli.run("verify", again.toString()).exitCode()).isEqualTo(ExitCodes.CLEAN);
  }

  private Path bundleOfSmallInventory(String... more) {
    Path bundle = temp.resolve("bundle");
    String[] args =
        Stream.concat(
                Stream.of(
                    "evaluate", inventory, "--config", config, "--evidence", bundle.toString()),
                Stream.of(more))
            .toArray(String[]::new);
    CliRunner.Result result = cli.run(args);
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.CLEAN);
    return bundle;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
