package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Provider;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.Background;
import io.lcscan.engine.Engine;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportModel;
import io.lcscan.report.SourceLocation;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;

/**
 * The steps every command that produces findings shares ({@code evaluate}, {@code scan ...}): check
 * the options before any work, read the input, evaluate it with the catalog, write the reports,
 * write the evidence bundle when asked ({@code --evidence}), print a one-line summary and choose
 * the exit code. A subclass only reads its input.
 */
abstract class FindingsCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Mixin OutputOptions output;

  @Mixin EvidenceOptions evidence;

  // resolved when the command runs, not when picocli builds every command for --help or a parse
  private final Provider<FindingsSupport> supportProvider;
  private FindingsSupport support;

  /**
   * What a command read: the inventory, where its resources are defined when it knows, and the
   * redacted raw responses a live scan kept for the evidence bundle (relative name to body).
   */
  record Input(
      Inventory inventory, Map<String, SourceLocation> locations, Map<String, byte[]> raw) {
    Input {
      requireNonNull(inventory, "inventory is null");
      locations = Map.copyOf(locations);
      raw = Map.copyOf(raw);
    }

    Input(Inventory inventory, Map<String, SourceLocation> locations) {
      this(inventory, locations, Map.of());
    }
  }

  FindingsCommand(Provider<FindingsSupport> support) {
    this.supportProvider = requireNonNull(support, "support is null");
  }

  /**
   * Reads the input. Bad input is a {@link UsageException} naming the file.
   *
   * @param locations whether a selected format shows where resources are defined; finding that out
   *     may cost a second pass over the input
   */
  abstract Input read(boolean locations);

  /** Whether the exit code ignores the findings and gaps ({@code --soft-fail}). */
  boolean softFail() {
    return false;
  }

  @Override
  public final Integer call() {
    Timings.mark("command starts");
    support = supportProvider.get();
    Timings.mark("support built");
    // every option is checked before the catalog loads or the input is read
    String language = language();
    Optional<Severity> failOn = output.failOn();
    List<Renderer> renderers = support.reportOutput.renderers(output);
    Optional<Path> evidenceDirectory = evidence.directory();
    evidenceDirectory.ifPresent(this::checkEvidenceTarget);
    Timings.mark("options checked");
    boolean locations = renderers.stream().anyMatch(Renderer::usesSourceLocations);

    // the catalog compiles on another thread while the input is read; bad input is still
    // reported first, and without waiting for the catalog
    Optional<Path> configDirectory = configDirectory();
    Background<LcscanConfig> loading = loadInBackground(configDirectory);
    Input input = read(locations);
    Timings.mark("input read");
    Inventory inventory = InventoryRedaction.redact(input.inventory());
    Timings.mark("input redacted");
    byte[] inventoryJson = null;
    if (evidenceDirectory.isPresent()) {
      // the findings are evaluated from exactly what the bundle holds, as evaluate DIR reads it
      inventoryJson = InventoryJson.inventory(inventory);
      inventory = new InventoryReader().read(inventoryJson, Path.of(EvidenceBundle.INVENTORY));
    }
    // the loader's own exception, such as the UsageException of an invalid configuration
    LcscanConfig config = loading.await();
    Timings.mark("catalog ready");
    catalogLoaded(config);
    Engine engine = support.engineFactory.create(config);
    Timings.mark("engine built");
    Optional<Instant> at = evaluationTime();
    ScanResult result =
        at.isPresent()
            ? engine.evaluate(inventory, at.get(), control -> true)
            : engine.evaluate(inventory);

    Timings.mark("evaluated");
    Terminal terminal = support.terminal;
    ReportModel model =
        new ReportModel(
            result,
            config.catalog(),
            language,
            terminal.color() && output.output().isEmpty(),
            input.locations());
    List<Path> written = support.reportOutput.write(model, output);
    Timings.mark("reports written");
    Optional<EvidenceWriter.Written> bundle = Optional.empty();
    if (evidenceDirectory.isPresent()) {
      bundle =
          Optional.of(
              support
                  .evidenceWriter()
                  .write(
                      evidenceDirectory.get(),
                      new EvidenceWriter.Contents(
                          inventoryJson,
                          inventory,
                          new ReportModel(result, config.catalog(), language, false),
                          input.raw(),
                          configDirectory
                              .map(ConfigSource::directory)
                              .orElseGet(ConfigSource::bundled))));
    }
    if (!written.isEmpty()) {
      terminal
          .out()
          .println(summary(result, written) + bundle.map(b -> "; " + describe(b)).orElse(""));
      terminal.out().flush();
    } else if (bundle.isPresent()) {
      // the report went to stdout, which must stay a clean report
      terminal.err().println("lcscan: wrote " + describe(bundle.get()));
      terminal.err().flush();
    }
    int code = ExitCodes.of(result, failOn);
    if (softFail() && code != ExitCodes.CLEAN) {
      terminal.err().println("lcscan: --soft-fail: exit code " + code + " reported as 0");
      terminal.err().flush();
      return ExitCodes.CLEAN;
    }
    return code;
  }

  /** The report language: {@code --lang}, or what the input asks for when it says. */
  String language() {
    return common.language();
  }

  /** The configuration to evaluate with: {@code --config DIR}, or the bundled one when empty. */
  Optional<Path> configDirectory() {
    return common.configDirectory();
  }

  /** The instant to evaluate at when the input fixes it; the engine's clock otherwise. */
  Optional<Instant> evaluationTime() {
    return Optional.empty();
  }

  /** Called with the loaded configuration before the engine runs, to compare it with the input. */
  void catalogLoaded(LcscanConfig config) {}

  /**
   * Refuses an evidence directory before any work: it must be new or empty, and no report may be
   * written into it.
   */
  void checkEvidenceTarget(Path directory) {
    EvidenceWriter.checkTarget(directory);
    Path bundle = directory.toAbsolutePath().normalize();
    Optional<Path> report = output.output().map(path -> path.toAbsolutePath().normalize());
    if (report.isPresent() && report.get().startsWith(bundle)) {
      throw new UsageException(
          "--output " + output.output().get() + " is inside --evidence " + directory);
    }
  }

  private static String describe(EvidenceWriter.Written bundle) {
    return "evidence "
        + bundle.directory()
        + " ("
        + bundle.files()
        + " files, manifest sha256 "
        + bundle.manifestSha256()
        + ")";
  }

  Terminal terminal() {
    return supportProvider.get().terminal;
  }

  private Background<LcscanConfig> loadInBackground(Optional<Path> directory) {
    ConfigReader reader = support.configReader;
    Background<LcscanConfig> loading =
        new Background<>("lcscan-catalog") {
          @Override
          protected LcscanConfig compute() {
            return reader.load(directory);
          }
        };
    loading.start();
    return loading;
  }

  private static String summary(ScanResult result, List<Path> written) {
    Map<Status, Long> counts = result.countsByStatus();
    String byStatus =
        Arrays.stream(Status.values())
            .map(status -> status.name() + " " + counts.getOrDefault(status, 0L))
            .collect(Collectors.joining(", "));
    return result.findings().size()
        + " findings ("
        + byStatus
        + ")"
        + (result.complete() ? "" : ", INCOMPLETE: " + result.gaps().size() + " coverage gap(s)")
        + "; wrote "
        + written.stream().map(Path::toString).collect(Collectors.joining(", "));
  }
}
