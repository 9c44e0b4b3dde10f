package io.lcscan.cli;

import io.lcscan.config.ConfigException;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Loads the bundled configuration, or the one in {@code --config DIR}. */
public final class ConfigReader {

  /** Commands that load the bundled catalog unless {@code --config} is given. */
  private static final Set<String> CATALOG_COMMANDS =
      Set.of("scan", "evaluate", "controls", "demo");

  // the bundled configuration, loading since the process started (see preload)
  private static volatile Preload preloaded;

  /**
   * Starts loading the bundled configuration on a daemon thread when the command line will need it,
   * so that it overlaps the JVM's and picocli's startup (BENCHMARKS.md, "Terraform plan scan:
   * startup"). It does not build the CEL runtime: the stored rules run without it ({@code
   * FastRule}), and a rule that needs it builds it then. Problems are reported when a command asks
   * for the configuration, as without the preload.
   */
  static void preload(String[] args) {
    if (!wantsBundledConfig(List.of(args))) {
      return;
    }
    Preload thread = new Preload();
    preloaded = thread;
    thread.start();
  }

  private static final class Preload extends Background<LcscanConfig> {
    Preload() {
      super("lcscan-preload");
    }

    @Override
    protected LcscanConfig compute() {
      Timings.mark("catalog preload starts");
      LcscanConfig config = LcscanConfig.load(ConfigSource.bundled());
      Timings.mark("catalog loaded");
      return config;
    }
  }

  static boolean wantsBundledConfig(List<String> args) {
    // loops rather than streams: the first lambda of a run costs milliseconds on the main thread
    String command = "";
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        command = arg;
        break;
      }
    }
    if (!CATALOG_COMMANDS.contains(command)) {
      return false;
    }
    for (String arg : args) {
      if (arg.equals("--config")
          || arg.startsWith("--config=")
          || arg.equals("-h")
          || arg.equals("--help")
          || arg.equals("-V")
          || arg.equals("--version")) {
        return false;
      }
    }
    return true;
  }

  public LcscanConfig load(Optional<Path> directory) {
    Preload preload = preloaded;
    if (directory.isEmpty() && preload != null) {
      try {
        return preload.await();
      } catch (ConfigException problems) {
        throw new UsageException(problems.getMessage(), problems);
      }
    }
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
