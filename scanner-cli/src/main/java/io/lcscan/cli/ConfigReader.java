package io.lcscan.cli;

import io.lcscan.config.ConfigException;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Loads the bundled configuration, or the one in {@code --config DIR}. */
public final class ConfigReader {

  public LcscanConfig load(Optional<Path> directory) {
    ConfigSource source;
    if (directory.isPresent()) {
      Path dir = directory.get();
      if (!Files.isDirectory(dir)) {
        throw new UsageException(dir + ": no such configuration directory");
      }
      source = ConfigSource.directory(dir);
    } else {
      source = ConfigSource.bundled();
    }
    try {
      return LcscanConfig.load(source);
    } catch (ConfigException e) {
      // one line per problem, each already "file:line: problem"
      throw new UsageException(e.getMessage(), e);
    }
  }
}
