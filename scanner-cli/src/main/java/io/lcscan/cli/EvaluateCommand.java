package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.ReportModel;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Severity;
import io.lcscan.spi.Status;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Evaluates a normalized inventory (inventory.json) offline against the catalog. Calls no"
            + " cloud API.")
public final class EvaluateCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Mixin OutputOptions output;

  @Parameters(paramLabel = "INVENTORY.json", description = "The normalized inventory to evaluate.")
  Path inventoryFile;

  private final ConfigReader configReader;
  private final InventoryReader inventoryReader;
  private final EngineFactory engineFactory;
  private final ReportOutput reportOutput;
  private final Terminal terminal;

  @Inject
  public EvaluateCommand(
      ConfigReader configReader,
      InventoryReader inventoryReader,
      EngineFactory engineFactory,
      ReportOutput reportOutput,
      Terminal terminal) {
    this.configReader = requireNonNull(configReader, "configReader is null");
    this.inventoryReader = requireNonNull(inventoryReader, "inventoryReader is null");
    this.engineFactory = requireNonNull(engineFactory, "engineFactory is null");
    this.reportOutput = requireNonNull(reportOutput, "reportOutput is null");
    this.terminal = requireNonNull(terminal, "terminal is null");
  }

  @Override
  public Integer call() {
    // every option is checked before the catalog loads or the inventory is read
    String language = common.language();
    Optional<Severity> failOn = output.failOn();
    reportOutput.renderers(output);

    // the inventory first: reading it is quick, compiling the catalog is not
    Inventory inventory = inventoryReader.read(inventoryFile);
    LcscanConfig config = configReader.load(common.configDirectory());
    ScanResult result = engineFactory.create(config).evaluate(inventory);

    ReportModel model =
        new ReportModel(
            result, config.catalog(), language, terminal.color() && output.output().isEmpty());
    List<Path> written = reportOutput.write(model, output);
    if (!written.isEmpty()) {
      terminal.out().println(summary(result, written));
      terminal.out().flush();
    }
    return ExitCodes.of(result, failOn);
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
