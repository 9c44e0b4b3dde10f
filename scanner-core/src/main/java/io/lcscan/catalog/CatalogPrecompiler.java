package io.lcscan.catalog;

import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Build step (scanner-core's pom, at {@code process-classes}): compiles every rule of the catalog
 * copied into the classes folder and writes {@link PrecompiledRules#RESOURCE}, which the jar then
 * carries.
 *
 * <p>A catalog with problems gets no file: lcscan then compiles it at load and reports the problems
 * as it always has, and the catalog tests fail on them.
 */
public final class CatalogPrecompiler {
  private CatalogPrecompiler() {}

  /** {@code CatalogPrecompiler CONFIG_DIR OUTPUT_FILE}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: CatalogPrecompiler CONFIG_DIR OUTPUT_FILE");
    }
    Path output = Path.of(args[1]);
    int rules = precompile(Path.of(args[0]), output);
    if (rules < 0) {
      System.err.println(
          "[WARNING] lcscan: the catalog in "
              + args[0]
              + " has problems; no compiled rules are written, so it compiles at load");
    } else {
      System.out.println(
          "[INFO] lcscan: compiled " + rules + " rules into " + output.getFileName());
    }
  }

  /**
   * Writes the compiled rules of the catalog in {@code configDirectory} to {@code output}.
   *
   * @return the number of rules written, or -1 when the catalog has problems and {@code output} was
   *     removed instead
   */
  public static int precompile(Path configDirectory, Path output) throws IOException {
    // never from an older store: every rule is compiled and checked here
    LcscanConfig.LoadResult loaded =
        LcscanConfig.loadPartial(ConfigSource.directory(configDirectory), PrecompiledRules.none());
    if (!loaded.problems().isEmpty()) {
      Files.deleteIfExists(output);
      return -1;
    }
    Catalog catalog = loaded.config().catalog();
    byte[] bytes = PrecompiledRules.toBytes(catalog);
    Path parent = output.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, ".compiled-rules", ".tmp");
    try {
      Files.write(temporary, bytes);
      Files.move(
          temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return PrecompiledRules.read(bytes).size();
  }
}
