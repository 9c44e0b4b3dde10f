package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import io.lcscan.spi.CollectionSink;
import io.lcscan.spi.Collector;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Resource;
import io.lcscan.spi.Scope;
import java.nio.file.Path;
import java.util.Set;

/**
 * Emits a plan's resources and gaps into a sink. A plan file that cannot be read is bad input, not
 * a coverage gap, so {@link TerraformPlanException} is thrown rather than recorded.
 */
final class TerraformPlanCollector implements Collector {
  private final Path plan;

  TerraformPlanCollector(Path plan) {
    this.plan = requireNonNull(plan, "plan is null");
  }

  @Override
  public String service() {
    return "plan";
  }

  @Override
  public Set<String> resourceTypes() {
    return TerraformPlanProvider.resourceTypes();
  }

  @Override
  public void collect(Scope scope, CollectionSink sink) {
    TerraformPlanResult result = TerraformPlanProvider.read(plan);
    for (Resource resource : result.inventory().resources()) {
      sink.resource(resource);
    }
    for (CoverageGap gap : result.inventory().gaps()) {
      sink.gap(gap);
    }
  }
}
