package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lcscan demo}: the fake account, scanned and reported with no cloud access. */
class TestDemoCommand {

  @TempDir Path temp;

  @Test
  void writesTableHtmlAndJsonByDefaultAndExitsIncomplete() {
    // the default --output is relative, so the test names a folder of its own with the default
    // formats
    CliRunner.Result result = new CliRunner().run("demo", "--output", temp + "/demo/");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(result.err())
        .startsWith(
            "lcscan: demo: scanning fake AWS account 123456789012 served at http://127.0.0.1:")
        .contains("lcscan: 3/3 account-region tasks");
    assertThat(temp.resolve("demo/report.txt")).exists();
    assertThat(temp.resolve("demo/report.html")).exists();
    assertThat(temp.resolve("demo/report.json")).exists();
    assertThat(result.out()).contains("FAIL").contains("INCOMPLETE: 1 coverage gap(s)");
  }

  @Test
  void defaultsAreTheThreeReportsInLcscanDemo() {
    DemoCommand.Defaults defaults = new DemoCommand.Defaults();
    picocli.CommandLine.Model.CommandSpec spec =
        new picocli.CommandLine(new OutputOptions()).getCommandSpec();

    assertThat(defaults.defaultValue(spec.findOption("--format"))).isEqualTo("table,html,json");
    assertThat(defaults.defaultValue(spec.findOption("--output"))).isEqualTo("lcscan-demo/");
    assertThat(defaults.defaultValue(spec.findOption("--fail-on"))).isNull();
  }

  @Test
  void helpNamesTheExitCode() {
    CliRunner.Result result = new CliRunner().run("demo", "--help");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(result.out()).contains("exits 3");
  }
}
