package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import java.util.function.BiConsumer;

/**
 * How one Terraform resource type becomes one normalized type: a field table for the plain
 * arguments and a function for the rest (companions, references, derived values).
 *
 * @param global the type has no region (IAM, CloudFront, Route 53): its region is {@code global}
 */
record TerraformTypeMapping(
    String terraformType,
    String resourceType,
    boolean global,
    TerraformFieldTable fields,
    BiConsumer<TerraformMappingContext, TerraformAttributeWriter> custom) {

  TerraformTypeMapping {
    requireNonNull(terraformType, "terraformType is null");
    requireNonNull(resourceType, "resourceType is null");
    requireNonNull(fields, "fields is null");
    custom = custom == null ? (context, out) -> {} : custom;
  }

  void map(TerraformMappingContext context, TerraformAttributeWriter out) {
    fields.apply(context.values(), out);
    custom.accept(context, out);
  }
}
