package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which command lines load the bundled catalog at startup, before picocli has parsed them. */
class TestConfigReader {

  @Test
  void aPreloadedCatalogIsTheBundledOneAndIsReadOnce() {
    ConfigReader.preload(new String[] {"scan", "terraform", "plan.json"});
    LcscanConfig preloaded = new ConfigReader().load(Optional.empty());
    assertThat(preloaded.catalog().digest())
        .isEqualTo(LcscanConfig.load(ConfigSource.bundled()).catalog().digest());
    assertThat(new ConfigReader().load(Optional.empty())).isSameAs(preloaded);
  }

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
