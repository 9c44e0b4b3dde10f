package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestMain {

  private final CliRunner cli = new CliRunner();

  @Test
  void versionNamesToolAndCatalog() {
    CliRunner.Result result = cli.run("--version");

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out()).startsWith("lcscan " + VersionProvider.toolVersion() + "\n");
    assertThat(VersionProvider.toolVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(result.out()).containsPattern("(?m)^catalog \\S+, sha256 [0-9a-f]{64}$");
  }

  @Test
  void helpListsCommandsAndExitCodes() {
    CliRunner.Result result = cli.run("--help");

    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.out()).contains("controls", "evaluate", "Exit codes:");
  }

  @Test
  void noCommandIsBadUsage() {
    CliRunner.Result result = cli.run();

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .isEqualTo("lcscan: missing command (controls, evaluate, scan) (see 'lcscan --help')\n");
  }

  @Test
  void unknownOptionIsOneLine() {
    CliRunner.Result result = cli.run("controls", "list", "--colour");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith("lcscan: Unknown option: '--colour'")
        .contains("lcscan controls list --help");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void missingParameterIsOneLine() {
    CliRunner.Result result = cli.run("evaluate");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("INVENTORY.json");
  }

  @Test
  void debugShowsTheStackTrace() {
    CliRunner.Result result =
        cli.run(
            "evaluate", "no-such-inventory.json", "--config", CliRunner.smallConfig(), "--debug");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).startsWith("lcscan: no-such-inventory.json: no such file\n");
    assertThat(result.err()).contains("at io.lcscan.");
  }
}
