package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

/** A resource or one of its companions, seen from one side of the change. */
record TerraformPart(TerraformPlannedResource resource, TerraformPlanValues values) {
  TerraformPart {
    requireNonNull(resource, "resource is null");
    requireNonNull(values, "values is null");
  }

  String type() {
    return resource.type();
  }
}
