package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.report.text.TextWidth;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestControlsCommands {

  private final CliRunner cli = new CliRunner();
  private final String config = CliRunner.smallConfig();

  @Test
  void listShowsEveryControlWithClauses() {
    CliRunner.Result result = cli.run("controls", "list", "--config", config);

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.err()).isEmpty();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).startsWith("ID").contains("PHASE", "SEVERITY", "TITLE", "CLAUSES");
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("LC-BUILD-03")
                    .contains("BUILD", "critical", "No public exposure of data stores")
                    .contains("ISO 13.1.3", "US (public exposure)" + ClauseLabels.UNVERIFIED));
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("LC-DISP-12"));
    assertThat(result.out()).contains("4 controls", "† = clause number not yet verified");
  }

  @Test
  void listFiltersByPhaseAndFramework() {
    CliRunner.Result disposal =
        cli.run("controls", "list", "--config", config, "--phase", "disposal");
    CliRunner.Result japanesePhase =
        cli.run("controls", "list", "--config", config, "--phase", "破棄");
    CliRunner.Result unified =
        cli.run("controls", "list", "--config", config, "--framework", "unified-standards-2021");

    assertThat(disposal.out()).contains("LC-DISP-02", "LC-DISP-12").doesNotContain("LC-BUILD");
    assertThat(japanesePhase.out()).isEqualTo(disposal.out());
    assertThat(unified.out()).contains("LC-BUILD-03", "1 control\n").doesNotContain("LC-DISP");
  }

  @Test
  void listInJapaneseAlignsWideCharacters() {
    CliRunner.Result result = cli.run("controls", "list", "--config", config, "--lang", "ja");

    assertThat(result.exitCode()).isEqualTo(0);
    List<String> rows = result.out().lines().filter(line -> line.startsWith("LC-")).toList();
    assertThat(rows).hasSize(4);
    assertThat(result.out()).contains("保存データが既定で暗号化されている", "構築", "破棄");
    // the clauses column starts at the same terminal column on every row
    int column = TextWidth.of(rows.get(0).substring(0, rows.get(0).indexOf("ISO")));
    for (String row : rows) {
      assertThat(TextWidth.of(row.substring(0, row.indexOf("ISO")))).isEqualTo(column);
    }
  }

  @Test
  void unknownPhaseOrFrameworkIsBadUsage() {
    CliRunner.Result phase = cli.run("controls", "list", "--config", config, "--phase", "retire");
    CliRunner.Result framework =
        cli.run("controls", "list", "--config", config, "--framework", "nist");

    assertThat(phase.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(phase.err()).startsWith("lcscan: --phase must be one of");
    assertThat(framework.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(framework.err())
        .isEqualTo("lcscan: unknown framework 'nist' (known: iso27017, unified-standards-2021)\n");
  }

  @Test
  void showPrintsEverything() {
    CliRunner.Result result = cli.run("controls", "show", "LC-BUILD-03", "--config", config);

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out())
        .startsWith("LC-BUILD-03  No public exposure of data stores\n")
        .contains("データストアを公開しない")
        .contains("Phase: BUILD (構築)", "Severity: critical")
        .contains("unified-standards-2021", "(public exposure)†", "no (unverified)")
        .contains("iso27017", "13.1.3", "yes", "Segregation in networks")
        .contains("A public bucket exposes its data to the internet.")
        .contains("Block every public access path.")
        .contains("The bucket's public access block")
        .contains("aws.s3.bucket:", "resource.attributes.publicAccess.blocked");
  }

  @Test
  void showManualControlListsEvidenceToAttach() {
    CliRunner.Result result =
        cli.run("controls", "show", "lc-disp-12", "--config", config, "--lang", "ja");

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out()).contains("種別: MANUAL").contains("事業者の証明書").contains("スキャンしたアカウントごとに");
  }

  @Test
  void showMinClassification() {
    CliRunner.Result result = cli.run("controls", "show", "LC-DISP-02", "--config", config);

    assertThat(result.out()).contains("Min. classification: C2 (below it: NOT_APPLICABLE)");
  }

  @Test
  void unknownControlIsBadUsage() {
    CliRunner.Result result = cli.run("controls", "show", "LC-NOPE-99", "--config", config);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .isEqualTo("lcscan: unknown control 'LC-NOPE-99' (see 'lcscan controls list')\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void brokenConfigurationIsOneLinePerProblem() throws Exception {
    java.nio.file.Path broken = java.nio.file.Files.createTempDirectory("lcscan-broken");
    java.nio.file.Files.writeString(broken.resolve("settings.yaml"), "tags: {}\n");
    java.nio.file.Files.writeString(broken.resolve("approved-services.yaml"), "services: []\n");

    CliRunner.Result result = cli.run("controls", "list", "--config", broken.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err().lines())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).startsWith("lcscan: "));
    assertThat(result.err()).contains("settings.yaml").doesNotContain("Exception", "\tat ");
  }

  @Test
  void bundledCatalogLoads() {
    CliRunner.Result result = cli.run("controls", "list");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out()).contains("LC-ADOPT-01", "LC-DISP-02");
  }
}
