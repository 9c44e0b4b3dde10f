package io.lcscan.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

/** The report is evidence to keep offline: opening and using it may fetch nothing at all. */
final class NoNetwork {

  private NoNetwork() {}

  /**
   * Since the browser logs were last read: the only request was the report file itself (the log
   * must show it, or it recorded nothing and proves nothing), the page loaded no resource, and the
   * console holds no Content-Security-Policy violation and no error.
   */
  static void assertOnlyTheFile(Chromium chromium, Path html) {
    String file = html.toUri().toString();
    List<String> urls = chromium.requestedUrls();
    assertThat(urls).as("requests logged").contains(file);
    assertThat(urls)
        .as("requests besides the report file")
        .allMatch(
            url ->
                url.equals(file)
                    || url.startsWith("data:")
                    // Chromium's own WebUI pages, served from inside the browser, never the network
                    || url.startsWith("chrome://"));
    Object resources =
        chromium
            .driver()
            .executeScript(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
    assertThat((List<?>) resources).as("resources the page loaded").isEmpty();
    List<String> console = chromium.console();
    assertThat(console)
        .as("console")
        .noneMatch(line -> line.contains("Content Security Policy") || line.contains("Refused"))
        .noneMatch(line -> line.startsWith("SEVERE"));
  }
}
