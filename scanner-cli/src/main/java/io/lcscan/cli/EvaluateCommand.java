package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.lcscan.config.LcscanConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates a normalized inventory (inventory.json) offline against the catalog. Calls no"
          + " cloud API.",
      "Given an evidence bundle directory, evaluates its inventory.json at the bundle's evaluatedAt,"
          + " with the configuration and language the bundle records, and so reproduces its"
          + " findings.json byte for byte. The files it reads must match the manifest; --config"
          + " or --lang replace the bundle's.",
    })
public final class EvaluateCommand extends FindingsCommand {

  @Parameters(
      paramLabel = "INVENTORY.json|DIR",
      description = "The normalized inventory to evaluate, or an evidence bundle (--evidence).")
  Path inventoryFile;

  private final Provider<InventoryReader> inventoryReader;

  // read on first use; only when the argument is a directory
  private EvidenceManifest manifest;

  @Inject
  public EvaluateCommand(
      Provider<FindingsSupport> support, Provider<InventoryReader> inventoryReader) {
    super(support);
    this.inventoryReader = requireNonNull(inventoryReader, "inventoryReader is null");
  }

  @Override
  String language() {
    Optional<EvidenceManifest> bundle = bundle();
    if (bundle.isPresent() && !common.languageGiven()) {
      return bundle.get().language();
    }
    return common.language();
  }

  @Override
  Optional<Path> configDirectory() {
    if (common.configDirectory().isPresent() || !usesBundledConfig()) {
      return common.configDirectory();
    }
    return Optional.of(inventoryFile.resolve(EvidenceBundle.CONFIG));
  }

  @Override
  Optional<Instant> evaluationTime() {
    return bundle().map(EvidenceManifest::evaluatedAt);
  }

  @Override
  void catalogLoaded(LcscanConfig config) {
    Optional<EvidenceManifest> bundle = bundle();
    String recorded = bundle.map(EvidenceManifest::catalogDigest).orElse(null);
    String loaded = config.catalog().digest();
    if (recorded != null && !recorded.equals(loaded)) {
      // still evaluated: trying a newer catalog on old evidence is a fair question to ask
      terminal()
          .err()
          .println(
              "lcscan: "
                  + inventoryFile
                  + ": note: catalog sha256 "
                  + loaded
                  + " is not the bundle's "
                  + recorded
                  + "; findings may differ from its "
                  + EvidenceBundle.FINDINGS);
      terminal().err().flush();
    }
  }

  @Override
  void checkEvidenceTarget(Path directory) {
    super.checkEvidenceTarget(directory);
    if (bundle().isPresent()
        && directory
            .toAbsolutePath()
            .normalize()
            .startsWith(inventoryFile.toAbsolutePath().normalize())) {
      throw new UsageException(
          "--evidence " + directory + " is inside the bundle being evaluated, " + inventoryFile);
    }
  }

  @Override
  Input read(boolean locations) {
    Optional<EvidenceManifest> bundle = bundle();
    if (bundle.isEmpty()) {
      // an inventory does not say where its resources are defined
      return new Input(inventoryReader.get().read(inventoryFile), Map.of());
    }
    return new Input(
        inventoryReader.get().read(inventoryFile.resolve(EvidenceBundle.INVENTORY)),
        Map.of(),
        evidence.directory().isPresent() ? raw(bundle.get()) : Map.of());
  }

  /**
   * The bundle's manifest when the argument is a directory, checked on first use: a malformed
   * manifest, or a file this command reads that no longer matches it, stops the command.
   */
  private Optional<EvidenceManifest> bundle() {
    if (inventoryFile == null || !Files.isDirectory(inventoryFile)) {
      return Optional.empty();
    }
    if (manifest == null) {
      EvidenceManifest read = EvidenceManifest.read(inventoryFile);
      checkInputs(read);
      manifest = read;
    }
    return Optional.of(manifest);
  }

  private boolean usesBundledConfig() {
    return bundle().isPresent()
        && common.configDirectory().isEmpty()
        && Files.isDirectory(inventoryFile.resolve(EvidenceBundle.CONFIG));
  }

  /** The files this run reads must be the ones the manifest lists: the evidence is not edited. */
  private void checkInputs(EvidenceManifest read) {
    boolean config =
        common.configDirectory().isEmpty()
            && Files.isDirectory(inventoryFile.resolve(EvidenceBundle.CONFIG));
    boolean raw = evidence.directory().isPresent();
    List<EvidenceBundle.Problem> problems =
        EvidenceBundle.verify(
            inventoryFile,
            read.files(),
            path ->
                path.equals(EvidenceBundle.INVENTORY)
                    || (config && path.startsWith(EvidenceBundle.CONFIG + "/"))
                    || (raw && path.startsWith(EvidenceBundle.RAW + "/")));
    if (read.file(EvidenceBundle.INVENTORY).isEmpty()) {
      throw new UsageException(
          inventoryFile.resolve(EvidenceBundle.MANIFEST)
              + ": does not list "
              + EvidenceBundle.INVENTORY);
    }
    if (!problems.isEmpty()) {
      throw new UsageException(
          inventoryFile
              + ": does not match its manifest ("
              + problems.stream().map(Object::toString).collect(Collectors.joining(", "))
              + "); run 'lcscan verify "
              + inventoryFile
              + "'");
    }
  }

  /** The bundle's raw responses, so a bundle written from this run is as complete as this one. */
  private Map<String, byte[]> raw(EvidenceManifest read) {
    Map<String, byte[]> raw = new TreeMap<>();
    String prefix = EvidenceBundle.RAW + "/";
    for (EvidenceBundle.FileEntry file : read.files()) {
      if (file.path().startsWith(prefix)) {
        try {
          raw.put(
              file.path().substring(prefix.length()),
              Files.readAllBytes(inventoryFile.resolve(file.path())));
        } catch (IOException e) {
          throw new UsageException(
              inventoryFile.resolve(file.path()) + ": cannot read: " + e.getMessage(), e);
        }
      }
    }
    return raw;
  }
}
