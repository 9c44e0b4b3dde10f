package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lcscan.spi.Resource;
import java.util.List;

/**
 * One resource change of the plan, for the controls that judge the change itself rather than the
 * end state (LC-RENEW-01 weakening, LC-DISP-11 gated deletes, LC-ADOPT-01 services used).
 *
 * <p>Every managed resource instance of the plan has one, including delete-only ones (which are in
 * the inventory as they are now, with {@code change.actions == [delete]}) and companions (which are
 * merged into {@code mergedInto}).
 *
 * @param address the Terraform address, with module path and index key
 * @param providerName {@code registry.terraform.io/hashicorp/aws}
 * @param actions as the plan gives them; a replace is {@code [delete, create]} or {@code [create,
 *     delete]}
 * @param resourceType the normalized type, or null when lcscan does not map the Terraform type
 * @param mergedInto for a companion: the address of the resource it configures, or null
 * @param before the normalized resource as it is now (null for a create or an unmapped type);
 *     sensitive values are never in it
 * @param after the normalized resource as it will be (null for a delete), the one in the inventory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TerraformPlanChange(
    String address,
    String terraformType,
    String providerName,
    List<String> actions,
    String actionReason,
    String resourceType,
    String mergedInto,
    Resource before,
    Resource after) {

  public TerraformPlanChange {
    requireNonNull(address, "address is null");
    requireNonNull(terraformType, "terraformType is null");
    actions = List.copyOf(actions);
  }

  public boolean isDelete() {
    return actions.contains("delete") && !actions.contains("create");
  }

  public boolean isReplace() {
    return actions.contains("delete") && actions.contains("create");
  }

  public boolean isUpdate() {
    return actions.contains("update");
  }
}
