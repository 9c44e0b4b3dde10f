package io.lcscan.cli;

import io.lcscan.spi.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of every command that produces findings: formats, where they go, and when to fail. */
public final class OutputOptions {

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      split = ",",
      description =
          "Report formats, comma-separated, such as table,json. Default: table. Several"
              + " formats need --output DIR.")
  List<String> formats = new ArrayList<>(List.of("table"));

  @Option(
      names = "--output",
      paramLabel = "FILE|DIR",
      description =
          "Write the report to FILE, or to DIR/report.<ext> when DIR exists, ends with '/' or"
              + " several formats are asked for. Default: stdout.")
  String output;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description =
          "Exit 1 when a FAIL finding has this severity or higher: low, medium, high, critical or"
              + " none. Default: none (FAIL findings do not change the exit code).")
  String failOn;

  public List<String> formats() {
    List<String> result = new ArrayList<>();
    for (String format : formats) {
      String name = format.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        throw new UsageException("--format has an empty entry");
      }
      if (!result.contains(name)) {
        result.add(name);
      }
    }
    return result;
  }

  public Optional<Path> output() {
    return Optional.ofNullable(output).map(Path::of);
  }

  /** Whether {@code --output} was spelled as a directory, with a trailing separator. */
  public boolean outputNamesDirectory() {
    if (output == null) {
      return false;
    }
    return output.endsWith("/") || output.endsWith(java.io.File.separator);
  }

  public Optional<Severity> failOn() {
    if (failOn == null || failOn.equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Severity.parse(failOn));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--fail-on must be low, medium, high, critical or none, not '" + failOn + "'");
    }
  }
}
