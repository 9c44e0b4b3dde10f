package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A normalized type that no single Terraform resource is, but several configure together: one per
 * account (AWS IAM account settings), per account and region (EC2 region settings), per
 * subscription, tenant or project. The plan's members are grouped by that scope.
 *
 * @param scope the account, subscription, tenant or project a member belongs to, or null when the
 *     plan does not say (such members are grouped under the empty account)
 * @param accepts whether a member belongs here at all (a diagnostic setting on a subscription, not
 *     on a vault)
 * @param id the resource id from account and region, as the live collector writes it
 */
record TerraformAggregateMapping(
    String resourceType,
    Set<String> memberTypes,
    boolean regional,
    BiFunction<TerraformPart, TerraformProviderSettings, String> scope,
    Function<TerraformPart, Boolean> accepts,
    BiFunction<String, String, String> id,
    BiConsumer<TerraformMappingContext, TerraformAttributeWriter> map) {

  TerraformAggregateMapping {
    requireNonNull(resourceType, "resourceType is null");
    memberTypes = Set.copyOf(memberTypes);
    requireNonNull(scope, "scope is null");
    accepts = accepts == null ? part -> true : accepts;
    requireNonNull(id, "id is null");
    requireNonNull(map, "map is null");
  }
}
