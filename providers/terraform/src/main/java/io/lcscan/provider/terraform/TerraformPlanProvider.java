package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import io.lcscan.spi.Collector;
import io.lcscan.spi.Provider;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The Terraform plan provider: {@code lcscan scan terraform plan.json} before {@code terraform
 * apply}. It reads {@code terraform show -json plan.out} and emits the same normalized types and
 * attributes as the live providers, so one control checks both.
 *
 * <p>Use {@link #read(Path)} for the inventory plus the change records, or this class as a {@link
 * Provider} over one plan file. Either throws {@link TerraformPlanException} for input that is not
 * a readable plan (the CLI's exit code 2).
 */
public final class TerraformPlanProvider implements Provider {
  public static final String NAME = "terraform";

  private final Path plan;

  public TerraformPlanProvider(Path plan) {
    this.plan = requireNonNull(plan, "plan is null");
  }

  /** Reads and normalizes one plan file. */
  public static TerraformPlanResult read(Path plan) {
    requireNonNull(plan, "plan is null");
    Instant started = Instant.now();
    return TerraformPlanNormalizer.normalize(
        TerraformPlanReader.read(plan), TerraformMappers.defaults(), started);
  }

  /** The normalized types a plan can produce. */
  public static Set<String> resourceTypes() {
    return TerraformMappers.defaults().resourceTypes();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Collector> collectors() {
    return List.of(new TerraformPlanCollector(plan));
  }
}
