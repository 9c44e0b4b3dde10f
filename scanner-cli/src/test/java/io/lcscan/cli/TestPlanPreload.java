package io.lcscan.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lcscan.provider.terraform.TerraformPlanException;
import io.lcscan.provider.terraform.TerraformPlanProvider;
import io.lcscan.provider.terraform.TerraformPlanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan of {@code scan terraform PLAN.json}, read from the start of {@code main}. */
class TestPlanPreload {

  private static final String PLAN = CliRunner.resource("plans/plan-small.json").toString();

  private final CliRunner cli = new CliRunner();

  @TempDir Path temp;

  @AfterEach
  void nothingLeft() {
    // a test that starts a preload takes it: none leaks into the next test
    assertThat(PlanPreload.take(Path.of(PLAN))).isEmpty();
  }

  @Test
  void findsThePlanOnlyWhenTheArgumentsPlainlyNameIt() {
    assertThat(planFile("scan", "terraform", "p.json", "--format", "json", "--output", "r.json"))
        .contains(Path.of("p.json"));
    assertThat(planFile("--debug", "scan", "terraform", "--format=json,csv", "--soft-fail", "p"))
        .contains(Path.of("p"));
    assertThat(planFile("scan", "terraform", "--config", "c", "--lang", "ja", "--", "-p.json"))
        .contains(Path.of("-p.json"));
    assertThat(planFile("scan", "terraform", "--evidence", "e", "--fail-on", "high", "p.json"))
        .contains(Path.of("p.json"));

    for (String[] args :
        List.of(
            new String[] {"scan", "terraform"},
            new String[] {"scan", "terraform", "--output", "p.json"},
            new String[] {"scan", "terraform", "a.json", "b.json"},
            new String[] {"scan", "terraform", "p.json", "--unknown"},
            new String[] {"scan", "terraform", "p.json", "--soft-fail=true"},
            new String[] {"scan", "terraform", "p.json", "--help"},
            new String[] {"scan", "terraform", "p.json", "-V"},
            new String[] {"scan", "terraform", "-"},
            new String[] {"scan", "aws", "p.json"},
            new String[] {"evaluate", "p.json"},
            new String[] {"terraform", "p.json"},
            new String[] {})) {
      assertThat(PlanPreload.planFile(args)).as(String.join(" ", args)).isEmpty();
    }
  }

  @Test
  void givesWhatTheProviderReadsForTheSameFileOnce() {
    PlanPreload.start(new String[] {"scan", "terraform", PLAN, "--format", "json"});

    assertThat(PlanPreload.take(Path.of("other.json"))).isEmpty();
    TerraformPlanResult taken = PlanPreload.take(Path.of(PLAN)).orElseThrow();

    TerraformPlanResult read = TerraformPlanProvider.read(Path.of(PLAN));
    // all but when it was read
    assertThat(taken.inventory().resources()).isEqualTo(read.inventory().resources());
    assertThat(taken.inventory().gaps()).isEqualTo(read.inventory().gaps());
    assertThat(taken.changes()).isEqualTo(read.changes());
    assertThat(taken.notes()).isEqualTo(read.notes());
    assertThat(taken.inventory().resources()).hasSize(3);
    assertThat(PlanPreload.take(Path.of(PLAN))).isEmpty();
  }

  @Test
  void badPlanFailsAsTheProviderFails() throws Exception {
    Path bad = Files.writeString(temp.resolve("bad.json"), "{\"format_version\": ", UTF_8);
    String expected = null;
    try {
      TerraformPlanProvider.read(bad);
    } catch (TerraformPlanException e) {
      expected = e.getMessage();
    }
    assertThat(expected).isNotNull();

    PlanPreload.start(new String[] {"scan", "terraform", bad.toString()});

    assertThatThrownBy(() -> PlanPreload.take(bad))
        .isInstanceOf(TerraformPlanException.class)
        .hasMessage(expected);
  }

  @Test
  void aScanReportsAsWithoutThePreload() throws Exception {
    Path bad = Files.writeString(temp.resolve("bad.json"), "[]", UTF_8);
    Path missing = temp.resolve("missing.json");
    Path empty = Files.createDirectories(temp.resolve("dir.json"));
    String config = CliRunner.smallConfig();
    for (String plan : List.of(PLAN, bad.toString(), missing.toString(), empty.toString())) {
      for (List<String> options :
          List.of(
              List.of("--config", config),
              List.of("--config", config, "--format", "sarif"),
              List.of("--format", "nope"))) {
        List<String> args = new ArrayList<>(List.of("scan", "terraform", plan));
        args.addAll(options);
        String[] array = args.toArray(String[]::new);

        CliRunner.Result plain = cli.run(array);
        PlanPreload.start(array);
        CliRunner.Result preloaded = cli.run(array);
        // a run that stopped before reading leaves its preload behind, as a process would exit
        try {
          PlanPreload.take(Path.of(plan));
        } catch (TerraformPlanException e) {
          assertThat(plan).isEqualTo(bad.toString());
        }

        assertThat(preloaded.exitCode()).as(args.toString()).isEqualTo(plain.exitCode());
        assertThat(preloaded.err()).as(args.toString()).isEqualTo(plain.err());
        assertThat(withoutTimes(preloaded.out())).isEqualTo(withoutTimes(plain.out()));
      }
    }
  }

  private static String withoutTimes(String text) {
    return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>");
  }

  private static Optional<Path> planFile(String... args) {
    return PlanPreload.planFile(args);
  }
}
