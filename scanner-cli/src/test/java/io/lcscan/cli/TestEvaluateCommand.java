package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.Engine;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportModel;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestEvaluateCommand {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  private final CliRunner cli = new CliRunner();
  private final String config = CliRunner.smallConfig();
  private final String inventory = CliRunner.resource("inventory-small.json").toString();

  @TempDir Path temp;

  @Test
  void tableByDefault() {
    CliRunner.Result result = cli.run("evaluate", inventory, "--config", config);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .contains("Scan: complete")
        .contains("FAIL    critical  LC-BUILD-03  arn:aws:s3:::public-site")
        .contains("WAIVED  high      LC-BUILD-01  arn:aws:s3:::legacy-exports")
        .doesNotContain("\u001b[");
  }

  @Test
  void jsonCountsMatchTheEngine() throws Exception {
    CliRunner.Result result =
        cli.run("evaluate", inventory, "--config", config, "--format", "json");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    JsonNode report = JSON.readTree(result.out());
    ScanResult expected = evaluateDirectly();
    assertThat(report.path("findings").size()).isEqualTo(expected.findings().size());
    for (Map.Entry<Status, Long> count : expected.countsByStatus().entrySet()) {
      assertThat(report.path("summary").path("byStatus").path(count.getKey().name()).asLong())
          .as(count.getKey().name())
          .isEqualTo(count.getValue());
    }
    assertThat(report.path("catalog").path("digest").asText()).isEqualTo(expected.catalogDigest());
    assertThat(report.path("evaluatedAt").asText()).isEqualTo("2026-11-26T00:00:00Z");
    assertThat(report.path("complete").asBoolean()).isTrue();
    assertThat(report.path("findings").get(0).path("controlTitle").asText())
        .isEqualTo("Encryption at rest is on by default");
  }

  @Test
  void jsonIsDeterministic() {
    String first = cli.run("evaluate", inventory, "--config", config, "--format", "json").out();
    String second = cli.run("evaluate", inventory, "--config", config, "--format", "json").out();

    assertThat(first).isEqualTo(second);
  }

  @Test
  void failOnSetsExitCodeOne() {
    assertThat(cli.run("evaluate", inventory, "--config", config, "--fail-on", "high").exitCode())
        .isEqualTo(ExitCodes.FINDINGS);
    assertThat(
            cli.run("evaluate", inventory, "--config", config, "--fail-on", "CRITICAL").exitCode())
        .isEqualTo(ExitCodes.FINDINGS);
    assertThat(cli.run("evaluate", inventory, "--config", config, "--fail-on", "none").exitCode())
        .isEqualTo(ExitCodes.CLEAN);
  }

  @Test
  void incompleteInventoryExitsThreeEvenWithFailures() {
    String gaps = CliRunner.resource("inventory-gap.json").toString();

    CliRunner.Result result = cli.run("evaluate", gaps, "--config", config, "--fail-on", "low");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(result.out()).contains("INCOMPLETE", "ACCESS_DENIED", "ERROR ");
  }

  @Test
  void malformedInventoryIsOneLineWithLocation() {
    String malformed = CliRunner.resource("inventory-malformed.json").toString();

    CliRunner.Result result = cli.run("evaluate", malformed, "--config", config);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).startsWith("lcscan: " + malformed + ":8:5: ");
    assertThat(result.err()).doesNotContain("Exception", "at io.", "\tat ");
  }

  @Test
  void invalidValuesNameTheirPath() throws IOException {
    Path file = temp.resolve("bad.json");
    Files.writeString(
        file,
        "{\"schemaVersion\": 1,\n"
            + " \"resources\": [{\"provider\": \"aws\", \"type\": \"aws.s3.bucket\", \"id\": \"b\","
            + " \"classification\": \"C9\"}],\n"
            + " \"metadata\": {\"startedAt\": \"yesterday\"}}\n");
    Path unknown = temp.resolve("unknown.json");
    Files.writeString(unknown, "{\"schemaVersion\": 1, \"resourcez\": []}");
    Path version = temp.resolve("version.json");
    Files.writeString(version, "{\"schemaVersion\": 7}");

    CliRunner.Result bad = cli.run("evaluate", file.toString(), "--config", config);
    CliRunner.Result unknownField = cli.run("evaluate", unknown.toString(), "--config", config);
    CliRunner.Result wrongVersion = cli.run("evaluate", version.toString(), "--config", config);

    assertThat(bad.err())
        .startsWith("lcscan: " + file + ":2:")
        .contains("resources[0].classification: 'C9' is not one of C1, C2, C3");
    assertThat(unknownField.err()).contains("unknown field 'resourcez'");
    assertThat(wrongVersion.err()).contains("unsupported schemaVersion 7");
    for (CliRunner.Result result : List.of(bad, unknownField, wrongVersion)) {
      assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(result.err().lines()).hasSize(1);
    }
  }

  @Test
  void missingInventoryIsBadUsage() {
    CliRunner.Result result = cli.run("evaluate", "nowhere.json", "--config", config);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).isEqualTo("lcscan: nowhere.json: no such file\n");
  }

  @Test
  void optionsAreCheckedBeforeTheInventoryIsRead() {
    CliRunner.Result format =
        cli.run("evaluate", "nowhere.json", "--config", config, "--format", "xml");
    CliRunner.Result several =
        cli.run("evaluate", "nowhere.json", "--config", config, "--format", "table,json");
    CliRunner.Result failOn =
        cli.run("evaluate", "nowhere.json", "--config", config, "--fail-on", "severe");
    CliRunner.Result lang = cli.run("evaluate", "nowhere.json", "--config", config, "--lang", "fr");

    assertThat(format.err())
        .isEqualTo(
            "lcscan: --format: unknown format 'xml' (known: csv, html, json, junit, sarif, table)\n");
    assertThat(several.err()).isEqualTo("lcscan: several formats need --output DIR\n");
    assertThat(failOn.err()).startsWith("lcscan: --fail-on must be");
    assertThat(lang.err()).isEqualTo("lcscan: --lang must be ja or en, not 'fr'\n");
    for (CliRunner.Result result : List.of(format, several, failOn, lang)) {
      assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    }
  }

  @Test
  void severalFormatsGoToADirectory() throws Exception {
    Path out = temp.resolve("out");

    CliRunner.Result result =
        cli.run(
            "evaluate",
            inventory,
            "--config",
            config,
            "--format",
            "table,json",
            "--output",
            out + "/");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(out.resolve("report.txt")).content(UTF_8).contains("LC-BUILD-03");
    assertThat(JSON.readTree(out.resolve("report.json").toFile()).path("findings").size())
        .isEqualTo(8);
    assertThat(result.out())
        .startsWith("8 findings (PASS 3, FAIL 3, ERROR 0, NOT_APPLICABLE 0, WAIVED 1, MANUAL 1)")
        .contains("report.txt", "report.json");
    try (var files = Files.list(out)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("report.txt", "report.json");
    }
  }

  @Test
  void oneFormatGoesToAFile() throws Exception {
    Path file = temp.resolve("findings.json");

    CliRunner.Result result =
        cli.run(
            "evaluate",
            inventory,
            "--config",
            config,
            "--format",
            "json",
            "--output",
            file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(JSON.readTree(file.toFile()).path("summary").path("findings").asInt()).isEqualTo(8);
  }

  @Test
  void failedRenderingKeepsThePreviousReports() throws Exception {
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.writeString(out.resolve("report.json"), "previous json");
    Files.writeString(out.resolve("report.broken"), "previous broken");
    Module broken =
        binder ->
            Multibinder.newSetBinder(binder, Renderer.class)
                .addBinding()
                .toInstance(new BrokenRenderer());

    CliRunner.Result result =
        new CliRunner(List.of(broken))
            .run(
                "evaluate",
                inventory,
                "--config",
                config,
                "--format",
                "json,broken",
                "--output",
                out.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(result.err()).startsWith("lcscan: internal error: renderer failed");
    assertThat(out.resolve("report.json")).hasContent("previous json");
    assertThat(out.resolve("report.broken")).hasContent("previous broken");
    try (var files = Files.list(out)) {
      assertThat(files).hasSize(2);
    }
  }

  private ScanResult evaluateDirectly() {
    LcscanConfig loaded = LcscanConfig.load(ConfigSource.directory(Path.of(config)));
    Inventory read = new InventoryReader().read(Path.of(inventory));
    return new Engine(loaded, CliRunner.CLOCK).evaluate(read);
  }

  /** Writes half a report, then fails, as a renderer bug or a full disk would. */
  private static final class BrokenRenderer implements Renderer {
    @Override
    public String format() {
      return "broken";
    }

    @Override
    public void render(ReportModel model, OutputStream out) throws IOException {
      out.write("half a rep".getBytes(UTF_8));
      throw new IllegalStateException("renderer failed");
    }
  }
}
