package io.lcscan.cli;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.lcscan.provider.terraform.TerraformPlanException;
import io.lcscan.provider.terraform.TerraformPlanProvider;
import io.lcscan.provider.terraform.TerraformPlanResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "terraform",
    mixinStandardHelpOptions = true,
    description = {
      "Scans a Terraform plan before apply: the JSON of `terraform show -json plan.out`.",
      "The plan gives the same resource types and attributes as a live scan, so the same controls"
          + " and control IDs apply. A value known only after apply gives ERROR, never PASS.",
    })
public final class ScanTerraformCommand extends FindingsCommand {

  @Parameters(
      paramLabel = "PLAN.json",
      description =
          "The plan as JSON: terraform plan -out plan.out && terraform show -json plan.out")
  Path planFile;

  @Mixin SoftFailOption softFail;

  @Inject
  public ScanTerraformCommand(Provider<FindingsSupport> support) {
    super(support);
  }

  @Override
  boolean softFail() {
    return softFail.enabled();
  }

  @Override
  Input read(boolean locations) {
    Instant started = Instant.now();
    TerraformPlanResult plan;
    try {
      // read since main started when the arguments named this file (PlanPreload)
      plan = PlanPreload.take(planFile).orElseGet(() -> TerraformPlanProvider.read(planFile));
    } catch (TerraformPlanException e) {
      // already one line naming the file, and never quoting its content
      throw new UsageException(e.getMessage(), e);
    }
    // the provider can note one companion once per side of its change
    for (String note : new LinkedHashSet<>(plan.notes())) {
      terminal().err().println("lcscan: " + planFile + ": note: " + note);
    }
    return new Input(
        TerraformInventory.of(plan, started, Instant.now()),
        locations ? PlanPositions.locations(planFile, plan.inventory()) : Map.of());
  }
}
