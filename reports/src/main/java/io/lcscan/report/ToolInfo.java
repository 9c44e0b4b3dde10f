package io.lcscan.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What reports say about the tool that wrote them. */
public final class ToolInfo {

  public static final String NAME = "lcscan";

  public static final String INFORMATION_URI = "https://lcscan.io";

  private ToolInfo() {}

  /** The build's version, such as {@code 0.1.0}, filtered in by Maven. */
  public static String version() {
    return Version.VALUE;
  }

  // read once, when a report first needs it
  private static final class Version {
    static final String VALUE = read();
  }

  private static String read() {
    Properties properties = new Properties();
    try (InputStream in = ToolInfo.class.getResourceAsStream("tool.properties")) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = properties.getProperty("version", "unknown");
    // an unfiltered copy (an IDE build) still says something true
    return version.startsWith("${") ? "unknown" : version;
  }
}
