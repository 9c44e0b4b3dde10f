package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.lcscan.catalog.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code lcscan --version}: the tool version (filtered in by Maven) and the bundled catalog's. */
public final class VersionProvider implements IVersionProvider {

  private final ConfigReader configReader;

  @Inject
  public VersionProvider(ConfigReader configReader) {
    this.configReader = requireNonNull(configReader, "configReader is null");
  }

  /** The tool version, such as {@code 0.1.0}. */
  public static String toolVersion() {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    String catalogLine;
    try {
      Catalog catalog = configReader.load(Optional.empty()).catalog();
      catalogLine = "catalog " + catalog.version() + ", sha256 " + catalog.digest();
    } catch (UsageException e) {
      // --version must work even when the bundled catalog does not load
      catalogLine = "catalog: cannot be loaded: " + e.getMessage().lines().findFirst().orElse("");
    }
    return new String[] {
      "lcscan " + toolVersion(),
      catalogLine,
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
    };
  }
}
