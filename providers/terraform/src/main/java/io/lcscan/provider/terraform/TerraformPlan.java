package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed plan: its managed resource instances and its configuration. Holds no sensitive value.
 *
 * @param timestamp when the plan was made (Terraform 1.5+), or null
 * @param drifted addresses whose real state differs from the last state (resource_drift)
 */
record TerraformPlan(
    Path file,
    String formatVersion,
    String terraformVersion,
    String timestamp,
    List<TerraformPlannedResource> resources,
    TerraformPlanConfiguration configuration,
    List<String> drifted,
    List<String> notes) {

  TerraformPlan {
    requireNonNull(file, "file is null");
    requireNonNull(formatVersion, "formatVersion is null");
    resources = List.copyOf(resources);
    requireNonNull(configuration, "configuration is null");
    drifted = List.copyOf(drifted);
    notes = List.copyOf(notes);
  }
}
