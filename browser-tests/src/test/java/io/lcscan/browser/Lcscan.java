package io.lcscan.browser;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lcscan.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the lcscan command line in this JVM, as a user would from a shell. */
final class Lcscan {

  private Lcscan() {}

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, UTF_8);
        PrintStream e = new PrintStream(err, true, UTF_8)) {
      code = new Main().run(args, o, e);
    }
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  /** The repository root: examples/ and config/ live there. */
  static Path root() {
    String configured = System.getProperty("lc.root");
    Path root = configured == null ? Path.of("..") : Path.of(configured);
    return root.toAbsolutePath().normalize();
  }

  /** A fresh folder under the build directory for one test's reports. */
  static Path outputDir(String name) {
    String configured = System.getProperty("lc.out");
    Path base =
        configured == null ? Path.of("target", "browser") : Path.of(configured).toAbsolutePath();
    Path dir = base.resolve(name);
    try {
      if (Files.exists(dir)) {
        try (var paths = Files.walk(dir)) {
          for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Runs a command that writes {@code report.html} and {@code report.json} into {@code dir}. */
  static Run reports(Path dir, List<Integer> allowedExitCodes, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--format";
    all[args.length + 1] = "html,json";
    all[args.length + 2] = "--output";
    all[args.length + 3] = dir + "/";
    Run run = run(all);
    if (!allowedExitCodes.contains(run.exitCode())) {
      throw new AssertionError(
          "lcscan " + String.join(" ", all) + " exited " + run.exitCode() + ": " + run.err());
    }
    if (!Files.isRegularFile(dir.resolve("report.html"))
        || !Files.isRegularFile(dir.resolve("report.json"))) {
      throw new AssertionError("lcscan wrote no report into " + dir + ": " + run.err());
    }
    return run;
  }
}
