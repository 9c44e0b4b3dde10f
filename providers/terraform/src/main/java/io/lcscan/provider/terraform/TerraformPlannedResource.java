package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One managed resource instance of the plan, as {@code resource_changes[]} gives it.
 *
 * @param providerName the provider's source address, {@code registry.terraform.io/hashicorp/aws}
 * @param actions {@code no-op}, {@code create}, {@code update}, {@code delete}, {@code read},
 *     {@code forget}; a replace is {@code [delete, create]} or {@code [create, delete]}
 * @param actionReason why Terraform replaces or deletes it, when it says
 */
record TerraformPlannedResource(
    TerraformAddress address,
    String providerName,
    List<String> actions,
    String actionReason,
    TerraformPlanValues before,
    TerraformPlanValues after) {

  TerraformPlannedResource {
    requireNonNull(address, "address is null");
    providerName = providerName == null ? "" : providerName;
    actions = List.copyOf(actions);
    requireNonNull(before, "before is null");
    requireNonNull(after, "after is null");
  }

  String type() {
    return address.type();
  }

  /** Whether the resource exists after apply; a delete-only or forget change is not checked. */
  boolean survives() {
    return actions.contains("create") || actions.contains("update") || actions.contains("no-op");
  }

  boolean deleted() {
    return actions.contains("delete");
  }
}
