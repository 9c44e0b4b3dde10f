package io.lcscan.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --evidence DIR} of every command that produces findings. */
public final class EvidenceOptions {

  @Option(
      names = "--evidence",
      paramLabel = "DIR",
      description =
          "Also write an evidence bundle to DIR, which must be new or empty: inventory.json,"
              + " findings.json, calls.jsonl, raw/, report.html, config/ and manifest.json with"
              + " the SHA-256 of every file. Check it with 'lcscan verify DIR'; reproduce its"
              + " findings with 'lcscan evaluate DIR'.")
  Path directory;

  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }
}
