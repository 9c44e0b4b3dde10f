package io.lcscan.browser;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium with the chromedriver Debian installs beside it. Selenium never looks for or
 * downloads a driver or a browser: both paths are given, and a missing one fails the test with what
 * to install instead of skipping it.
 */
final class Chromium implements AutoCloseable {

  static final String INSTALL =
      "the browser tests need Chromium and its driver: apt-get install -y chromium chromium-driver"
          + " (or set LCSCAN_CHROMIUM and LCSCAN_CHROMEDRIVER to their paths)";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = requireNonNull(driver, "driver is null");
    this.profile = requireNonNull(profile, "profile is null");
  }

  /** Starts a browser that records its network events and console messages. */
  static Chromium start() {
    Path browser = executable("LCSCAN_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
    Path chromedriver =
        executable("LCSCAN_CHROMEDRIVER", "chromedriver", "/usr/lib/chromium/chromedriver");
    Path profile;
    try {
      profile = Files.createTempDirectory("lcscan-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    // an alert an injected script opens must stay open, so the test can see it
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .withSilent(true)
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
    return new Chromium(driver, profile);
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Opens a file and waits until the report's script has rendered its first page. */
  void open(Path file) {
    driver.get(file.toUri().toString());
    waitUntil(
        () -> "1".equals(driver.executeScript("return document.body.getAttribute('data-ready')")),
        "the report's script did not finish its first render");
  }

  /** The URLs of every request the page made since the last call (network events of the log). */
  List<String> requestedUrls() {
    List<String> urls = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message = readTree(entry.getMessage()).path("message");
      if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
        urls.add(message.path("params").path("request").path("url").asText());
      }
    }
    return urls;
  }

  /** The console messages since the last call, as "LEVEL message". */
  List<String> console() {
    List<String> lines = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      lines.add(entry.getLevel() + " " + entry.getMessage());
    }
    return lines;
  }

  void waitUntil(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted: " + what, e);
      }
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  /** The path of an executable: the environment variable, or the first name found on PATH. */
  static Path executable(String variable, String... names) {
    return find(variable, names).orElseThrow(() -> new AssertionError(INSTALL));
  }

  static Optional<Path> find(String variable, String... names) {
    String configured = System.getenv(variable);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isExecutable(path)) {
        throw new AssertionError(variable + "=" + configured + " is not executable; " + INSTALL);
      }
      return Optional.of(path);
    }
    String pathVariable = System.getenv("PATH");
    List<String> dirs =
        pathVariable == null ? List.of() : List.of(pathVariable.split(File.pathSeparator));
    for (String name : names) {
      if (name.startsWith("/")) {
        if (Files.isExecutable(Path.of(name))) {
          return Optional.of(Path.of(name));
        }
        continue;
      }
      for (String dir : dirs) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode readTree(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary browser profile left behind harms nothing
    }
  }
}
