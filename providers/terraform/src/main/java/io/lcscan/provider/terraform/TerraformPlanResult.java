package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import io.lcscan.spi.Inventory;
import java.util.List;

/**
 * What a plan gives lcscan.
 *
 * @param inventory the resources as they will be after apply (what the controls check), each with
 *     its {@code change} (actions, and the normalized state before them for an update or a
 *     replace); resources planned only for deletion, as they are now with {@code change.actions ==
 *     [delete]}, which only the change-aware controls evaluate; and a coverage gap for each
 *     companion whose target could not be traced
 * @param changes every managed resource change, deletes and companions included
 * @param drifted addresses whose real state no longer matches the state file ({@code
 *     resource_drift}); the drift control reads them
 * @param notes one line each: companions outside the plan, addresses not understood, incomplete
 *     plans; for the report, never a reason to fail
 * @param formatVersion the plan's {@code format_version}
 * @param terraformVersion the Terraform (or OpenTofu) version that wrote the plan
 * @param timestamp when the plan was made (Terraform 1.5+), or null; the sunset-date control
 *     compares with it
 */
public record TerraformPlanResult(
    Inventory inventory,
    List<TerraformPlanChange> changes,
    List<String> drifted,
    List<String> notes,
    String formatVersion,
    String terraformVersion,
    String timestamp) {

  public TerraformPlanResult {
    requireNonNull(inventory, "inventory is null");
    changes = List.copyOf(changes);
    drifted = List.copyOf(drifted);
    notes = List.copyOf(notes);
  }
}
