package io.lcscan.cli;

import io.lcscan.report.ReportModel;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command that reads the catalog shares. */
public final class CommonOptions {

  @Option(
      names = "--config",
      paramLabel = "DIR",
      description =
          "Configuration directory laid out like config/ (settings, register, waivers,"
              + " attestations, types, controls, frameworks). Default: the bundled catalog.")
  Path configDirectory;

  @Option(
      names = "--lang",
      paramLabel = "ja|en",
      description =
          "Language of titles and messages: ja or en. Default: en, or the bundle's language for"
              + " evaluate DIR.")
  String language;

  public Optional<Path> configDirectory() {
    return Optional.ofNullable(configDirectory);
  }

  public String language() {
    if (language == null) {
      return "en";
    }
    if (!ReportModel.LANGUAGES.contains(language)) {
      throw new UsageException("--lang must be ja or en, not '" + language + "'");
    }
    return language;
  }

  /** Whether {@code --lang} was given, so an input that records its language may decide. */
  public boolean languageGiven() {
    return language != null;
  }
}
