package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Evaluates a normalized inventory (inventory.json) offline against the catalog. Calls no"
            + " cloud API.")
public final class EvaluateCommand extends FindingsCommand {

  @Parameters(paramLabel = "INVENTORY.json", description = "The normalized inventory to evaluate.")
  Path inventoryFile;

  private final Provider<InventoryReader> inventoryReader;

  @Inject
  public EvaluateCommand(
      Provider<FindingsSupport> support, Provider<InventoryReader> inventoryReader) {
    super(support);
    this.inventoryReader = requireNonNull(inventoryReader, "inventoryReader is null");
  }

  @Override
  Input read(boolean locations) {
    // an inventory does not say where its resources are defined
    return new Input(inventoryReader.get().read(inventoryFile), Map.of());
  }
}
