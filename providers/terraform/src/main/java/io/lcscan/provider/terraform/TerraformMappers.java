package io.lcscan.provider.terraform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of type mappings, keyed by Terraform type.
 *
 * <p>The default registry builds each cloud's tables the first time a type of that cloud is asked
 * for: each table creates a few hundred functions, and a plan for one cloud needs one table.
 */
final class TerraformMappers {
  private static final TerraformMappers DEFAULTS = new TerraformMappers();

  private final Map<String, TerraformTypeMapping> byTerraformType = new HashMap<>();
  // null for a registry built from given mappings, which holds every aggregate up front
  private final Map<TerraformCloud, List<TerraformAggregateMapping>> byCloud;
  private final List<TerraformAggregateMapping> aggregates;

  TerraformMappers(
      Collection<TerraformTypeMapping> mappings, Collection<TerraformAggregateMapping> aggregates) {
    this.byCloud = null;
    this.aggregates = List.copyOf(aggregates);
    for (TerraformTypeMapping mapping : mappings) {
      add(mapping);
    }
  }

  private TerraformMappers() {
    this.byCloud = new EnumMap<>(TerraformCloud.class);
    this.aggregates = null;
  }

  static TerraformMappers defaults() {
    return DEFAULTS;
  }

  private void add(TerraformTypeMapping mapping) {
    TerraformTypeMapping previous = byTerraformType.put(mapping.terraformType(), mapping);
    if (previous != null) {
      throw new IllegalArgumentException("two mappings for " + mapping.terraformType());
    }
  }

  /** Builds one cloud's tables, once; a default registry only. */
  private synchronized List<TerraformAggregateMapping> load(TerraformCloud cloud) {
    List<TerraformAggregateMapping> loaded = byCloud.get(cloud);
    if (loaded != null) {
      return loaded;
    }
    List<TerraformTypeMapping> mappings;
    List<TerraformAggregateMapping> cloudAggregates;
    switch (cloud) {
      case AWS -> {
        mappings = TerraformAwsMappings.all();
        cloudAggregates = TerraformAwsMappings.aggregates();
      }
      case AZURE -> {
        mappings = TerraformAzureMappings.all();
        cloudAggregates = TerraformAzureMappings.aggregates();
      }
      case GCP -> {
        mappings = TerraformGoogleMappings.all();
        cloudAggregates = TerraformGoogleMappings.aggregates();
      }
      default -> throw new IllegalArgumentException(cloud.name());
    }
    // a type is looked up in the table of the cloud its prefix names, so it must be there
    for (TerraformTypeMapping mapping : mappings) {
      requireCloud(cloud, mapping.terraformType());
      add(mapping);
    }
    for (TerraformAggregateMapping aggregate : cloudAggregates) {
      for (String member : aggregate.memberTypes()) {
        requireCloud(cloud, member);
      }
    }
    loaded = List.copyOf(cloudAggregates);
    byCloud.put(cloud, loaded);
    return loaded;
  }

  private static void requireCloud(TerraformCloud cloud, String terraformType) {
    if (TerraformCloud.of(terraformType).orElse(null) != cloud) {
      throw new IllegalStateException(terraformType + " is in the table of " + cloud);
    }
  }

  /** Every aggregate mapping, in table order (AWS, Azure, Google). */
  List<TerraformAggregateMapping> aggregates() {
    if (byCloud == null) {
      return aggregates;
    }
    List<TerraformAggregateMapping> all = new ArrayList<>();
    for (TerraformCloud cloud : TerraformCloud.values()) {
      all.addAll(load(cloud));
    }
    return all;
  }

  /**
   * The aggregate mappings that can have members among these types, in the order of {@link
   * #aggregates()}: those of the clouds the types belong to.
   */
  List<TerraformAggregateMapping> aggregates(Collection<String> terraformTypes) {
    if (byCloud == null) {
      return aggregates;
    }
    boolean[] present = new boolean[TerraformCloud.values().length];
    for (String type : terraformTypes) {
      TerraformCloud cloud = TerraformCloud.of(type).orElse(null);
      if (cloud != null) {
        present[cloud.ordinal()] = true;
      }
    }
    List<TerraformAggregateMapping> out = new ArrayList<>();
    for (TerraformCloud cloud : TerraformCloud.values()) {
      if (present[cloud.ordinal()]) {
        out.addAll(load(cloud));
      }
    }
    return out;
  }

  Optional<TerraformTypeMapping> forTerraformType(String terraformType) {
    if (byCloud != null) {
      TerraformCloud cloud = TerraformCloud.of(terraformType).orElse(null);
      if (cloud == null) {
        return Optional.empty();
      }
      load(cloud);
      synchronized (this) {
        return Optional.ofNullable(byTerraformType.get(terraformType));
      }
    }
    return Optional.ofNullable(byTerraformType.get(terraformType));
  }

  private void loadAll() {
    if (byCloud != null) {
      for (TerraformCloud cloud : TerraformCloud.values()) {
        load(cloud);
      }
    }
  }

  /** Every Terraform type that is mapped, merged as a companion or aggregated. */
  synchronized Set<String> terraformTypes() {
    loadAll();
    Set<String> out = new TreeSet<>(byTerraformType.keySet());
    out.addAll(TerraformCompanions.all().keySet());
    for (TerraformAggregateMapping aggregate : aggregates()) {
      out.addAll(aggregate.memberTypes());
    }
    return out;
  }

  synchronized Set<String> resourceTypes() {
    loadAll();
    Set<String> out = new TreeSet<>();
    for (TerraformTypeMapping mapping : byTerraformType.values()) {
      out.add(mapping.resourceType());
    }
    for (TerraformAggregateMapping aggregate : aggregates()) {
      out.add(aggregate.resourceType());
    }
    return out;
  }
}
