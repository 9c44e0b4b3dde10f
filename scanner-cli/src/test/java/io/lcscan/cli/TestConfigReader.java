package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which command lines load the bundled catalog at startup, before picocli has parsed them. */
class TestConfigReader {

  @Test
  void commandsThatReadTheBundledCatalogPreloadIt() {
    assertThat(ConfigReader.wantsBundledConfig(List.of("scan", "terraform", "plan.json"))).isTrue();
    assertThat(ConfigReader.wantsBundledConfig(List.of("--debug", "evaluate", "inv.json")))
        .isTrue();
    assertThat(ConfigReader.wantsBundledConfig(List.of("controls", "list"))).isTrue();
  }

  @Test
  void otherCommandLinesDoNot() {
    assertThat(ConfigReader.wantsBundledConfig(List.of())).isFalse();
    assertThat(ConfigReader.wantsBundledConfig(List.of("--help"))).isFalse();
    assertThat(ConfigReader.wantsBundledConfig(List.of("scan", "terraform", "--help"))).isFalse();
    assertThat(ConfigReader.wantsBundledConfig(List.of("verify", "bundle"))).isFalse();
    assertThat(
            ConfigReader.wantsBundledConfig(
                List.of("scan", "terraform", "plan.json", "--config", "dir")))
        .isFalse();
    assertThat(ConfigReader.wantsBundledConfig(List.of("evaluate", "x.json", "--config=dir")))
        .isFalse();
  }
}
