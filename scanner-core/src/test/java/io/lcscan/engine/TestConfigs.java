package io.lcscan.engine;

import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The small catalog under {@code src/test/resources/testconfig}, independent of the real one. */
public final class TestConfigs {
  private TestConfigs() {}

  public static Path testConfigDirectory() {
    try {
      return Path.of(
              TestConfigs.class.getClassLoader().getResource("testconfig/settings.yaml").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static LcscanConfig testConfig() {
    return LcscanConfig.load(ConfigSource.directory(testConfigDirectory()));
  }
}
