package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformPlanFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestTerraformPlanReader {

  private static TerraformPlanException failure(String fixture) {
    Path file = plan("bad/" + fixture);
    try {
      TerraformPlanProvider.read(file);
    } catch (TerraformPlanException e) {
      assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
      assertThat(e.exitCode()).isEqualTo(2);
      return e;
    }
    throw new AssertionError("no error for " + fixture);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 65_535, 65_536, 65_537, 200_000})
  void readsEveryByteWhateverTheSizeAndWhenTheFileChangedSinceItsSizeWasRead(
      int size, @TempDir Path dir) throws IOException {
    byte[] content = new byte[size];
    for (int i = 0; i < size; i++) {
      content[i] = (byte) (i * 31 + 7);
    }
    Path file = Files.write(dir.resolve("plan.json"), content);
    assertThat(TerraformPlanReader.readBytes(file, size)).isEqualTo(content);
    // grew (a smaller size was read first) and shrank (a larger one)
    assertThat(TerraformPlanReader.readBytes(file, size / 2)).isEqualTo(content);
    assertThat(TerraformPlanReader.readBytes(file, size + 10)).isEqualTo(content);
  }

  @Test
  void emptyFile() {
    assertThat(failure("empty.json").problem()).contains("empty");
    assertThat(failure("blank.json").problem()).contains("empty");
  }

  @Test
  void notJsonGivesLineAndColumnWithoutQuotingTheInput() {
    TerraformPlanException e = failure("not-json.json");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isPositive();
    assertThat(e.getMessage())
        .matches(".*not-json\\.json:1:\\d+: not valid JSON.*")
        .doesNotContain("Terraform will perform");
  }

  @Test
  void truncated() {
    TerraformPlanException e = failure("truncated.json");
    assertThat(e.problem()).startsWith("truncated JSON");
    assertThat(e.line()).isGreaterThan(1);
    assertThat(e.getMessage()).contains("truncated.json:" + e.line() + ":" + e.column() + ": ");
  }

  @Test
  void stateFiles() {
    assertThat(failure("state-show.json").problem())
        .contains("Terraform state")
        .contains("not a plan");
    assertThat(failure("terraform.tfstate").problem())
        .contains("state file")
        .contains("not a plan");
  }

  @Test
  void unsupportedFormatVersions() {
    assertThat(failure("format-2.0.json").problem())
        .contains("unsupported plan format_version \"2.0\"");
    assertThat(failure("format-0.0.json").problem())
        .contains("unsupported plan format_version \"0.0\"");
  }

  @Test
  void otherShapes() {
    assertThat(failure("no-format.json").problem()).contains("no format_version");
    assertThat(failure("array.json").problem()).contains("not an object");
    assertThat(failure("errored.json").problem()).contains("errored");
  }

  @Test
  void missingFile(@TempDir Path dir) {
    Path file = dir.resolve("missing.json");
    assertThatThrownBy(() -> TerraformPlanProvider.read(file))
        .isInstanceOf(TerraformPlanException.class)
        .hasMessage(file + ": no such file");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.1", "0.2", "1.0", "1.1", "1.2", "1.9"})
  void acceptedFormatVersions(String version, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("plan.json");
    Files.writeString(
        file,
        "{\"format_version\":\""
            + version
            + "\",\"terraform_version\":\"1.9.5\",\"planned_values\":{\"root_module\":{}}}");
    assertThat(TerraformPlanProvider.read(file).inventory().resources()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.0", "0.0", "1", "v1.2", "1.2.3"})
  void rejectedFormatVersions(String version) {
    assertThat(TerraformPlanReader.supported(version)).isFalse();
  }
}
