package io.lcscan.provider.terraform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The registry of type mappings, keyed by Terraform type. */
final class TerraformMappers {
  private static final TerraformMappers DEFAULTS =
      new TerraformMappers(defaultMappings(), defaultAggregates());

  private final Map<String, TerraformTypeMapping> byTerraformType = new HashMap<>();
  private final List<TerraformAggregateMapping> aggregates;

  TerraformMappers(
      Collection<TerraformTypeMapping> mappings, Collection<TerraformAggregateMapping> aggregates) {
    this.aggregates = List.copyOf(aggregates);
    for (TerraformTypeMapping mapping : mappings) {
      TerraformTypeMapping previous = byTerraformType.put(mapping.terraformType(), mapping);
      if (previous != null) {
        throw new IllegalArgumentException("two mappings for " + mapping.terraformType());
      }
    }
  }

  static TerraformMappers defaults() {
    return DEFAULTS;
  }

  private static List<TerraformTypeMapping> defaultMappings() {
    List<TerraformTypeMapping> all = new ArrayList<>();
    all.addAll(TerraformAwsMappings.all());
    all.addAll(TerraformAzureMappings.all());
    all.addAll(TerraformGoogleMappings.all());
    return all;
  }

  private static List<TerraformAggregateMapping> defaultAggregates() {
    List<TerraformAggregateMapping> all = new ArrayList<>();
    all.addAll(TerraformAwsMappings.aggregates());
    all.addAll(TerraformAzureMappings.aggregates());
    all.addAll(TerraformGoogleMappings.aggregates());
    return all;
  }

  List<TerraformAggregateMapping> aggregates() {
    return aggregates;
  }

  Optional<TerraformTypeMapping> forTerraformType(String terraformType) {
    return Optional.ofNullable(byTerraformType.get(terraformType));
  }

  /** Every Terraform type that is mapped, merged as a companion or aggregated. */
  Set<String> terraformTypes() {
    Set<String> out = new TreeSet<>(byTerraformType.keySet());
    out.addAll(TerraformCompanions.all().keySet());
    for (TerraformAggregateMapping aggregate : aggregates) {
      out.addAll(aggregate.memberTypes());
    }
    return out;
  }

  Set<String> resourceTypes() {
    Set<String> out = new TreeSet<>();
    for (TerraformTypeMapping mapping : byTerraformType.values()) {
      out.add(mapping.resourceType());
    }
    for (TerraformAggregateMapping aggregate : aggregates) {
      out.add(aggregate.resourceType());
    }
    return out;
  }
}
