package io.lcscan.catalog;

import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.config.PrebuiltCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * Build step (scanner-core's pom, at {@code process-classes}): on the catalog copied into the
 * classes folder, compiles every rule and writes {@link PrecompiledRules#RESOURCE}, writes the
 * parsed files as {@link PrebuiltCatalog#RESOURCE}, and lists the folder's files in {@link
 * ConfigSource.ClasspathSource#INDEX}; the jar then carries all three.
 *
 * <p>A catalog with problems gets no compiled rules and no parsed files: lcscan then loads it from
 * its files and reports the problems as it always has, and the catalog tests fail on them. It still
 * gets the index.
 */
public final class CatalogPrecompiler {
  private CatalogPrecompiler() {}

  /**
   * {@code CatalogPrecompiler CONFIG_DIR OUTPUT_FILE}, or {@code CatalogPrecompiler --index
   * CONFIG_DIR} to write only the index (every build does, even one that skips the rest, so that
   * the jar never carries an index of older files).
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("--index")) {
      writeIndex(Path.of(args[1]));
      return;
    }
    if (args.length != 2) {
      throw new IllegalArgumentException(
          "usage: CatalogPrecompiler CONFIG_DIR OUTPUT_FILE | --index CONFIG_DIR");
    }
    Path directory = Path.of(args[0]);
    Path output = Path.of(args[1]);
    LcscanConfig.LoadResult loaded = load(directory);
    int rules = writeRules(loaded, output);
    boolean prebuilt = writePrebuilt(directory, loaded);
    int files = writeIndex(directory);
    if (rules < 0) {
      System.err.println(
          "[WARNING] lcscan: the catalog in "
              + args[0]
              + " has problems; no compiled rules are written, so it compiles at load");
    } else {
      System.out.println(
          "[INFO] lcscan: compiled "
              + rules
              + " rules into "
              + output.getFileName()
              + (prebuilt ? ", stored the parsed catalog in " + PrebuiltCatalog.RESOURCE : "")
              + ", listed "
              + files
              + " files in "
              + ConfigSource.ClasspathSource.INDEX);
    }
  }

  /**
   * Writes the compiled rules of the catalog in {@code configDirectory} to {@code output}.
   *
   * @return the number of rules written, or -1 when the catalog has problems and {@code output} was
   *     removed instead
   */
  public static int precompile(Path configDirectory, Path output) throws IOException {
    return writeRules(load(configDirectory), output);
  }

  /**
   * Writes {@link PrebuiltCatalog#RESOURCE} (removed when the catalog has problems) and then {@link
   * ConfigSource.ClasspathSource#INDEX} into {@code configDirectory}.
   *
   * @return whether the parsed catalog was written
   */
  public static boolean prebuild(Path configDirectory) throws IOException {
    boolean written = writePrebuilt(configDirectory, load(configDirectory));
    writeIndex(configDirectory);
    return written;
  }

  private static LcscanConfig.LoadResult load(Path configDirectory) {
    // never from an older store: every rule is compiled and checked here
    return LcscanConfig.loadPartial(
        ConfigSource.directory(configDirectory), PrecompiledRules.none());
  }

  private static int writeRules(LcscanConfig.LoadResult loaded, Path output) throws IOException {
    if (!loaded.problems().isEmpty()) {
      Files.deleteIfExists(output);
      return -1;
    }
    byte[] bytes = PrecompiledRules.toBytes(loaded.config().catalog());
    write(output, bytes);
    return PrecompiledRules.read(bytes).size();
  }

  private static boolean writePrebuilt(Path configDirectory, LcscanConfig.LoadResult loaded)
      throws IOException {
    Path output = configDirectory.resolve(PrebuiltCatalog.RESOURCE);
    if (!loaded.problems().isEmpty()) {
      Files.deleteIfExists(output);
      return false;
    }
    byte[] bytes;
    try {
      bytes = PrebuiltCatalog.toBytes(ConfigSource.directory(configDirectory), loaded.config());
    } catch (IllegalArgumentException e) {
      System.err.println(
          "[WARNING] lcscan: " + e.getMessage() + "; the catalog is parsed when it loads");
      Files.deleteIfExists(output);
      return false;
    }
    write(output, bytes);
    return true;
  }

  /** Lists every file under {@code configDirectory}, this index included; returns the count. */
  private static int writeIndex(Path configDirectory) throws IOException {
    Set<String> files = new TreeSet<>(ConfigSource.directory(configDirectory).list(""));
    files.add(ConfigSource.ClasspathSource.INDEX);
    StringBuilder text = new StringBuilder(ConfigSource.ClasspathSource.INDEX_HEADER).append('\n');
    files.forEach(file -> text.append(file).append('\n'));
    write(
        configDirectory.resolve(ConfigSource.ClasspathSource.INDEX),
        text.toString().getBytes(StandardCharsets.UTF_8));
    return files.size();
  }

  private static void write(Path output, byte[] bytes) throws IOException {
    Path parent = output.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, ".lcscan-build", ".tmp");
    try {
      Files.write(temporary, bytes);
      Files.move(
          temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
