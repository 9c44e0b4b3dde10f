package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.provider.terraform.TerraformCompanionLinker.Link;
import io.lcscan.provider.terraform.TerraformCompanionLinker.Outcome;
import io.lcscan.provider.terraform.TerraformPlanConfiguration.Context;
import io.lcscan.provider.terraform.TerraformPlanConfiguration.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a mapper sees: the resource on one side of the change, its companions, references. */
final class TerraformMappingContext {
  private final TerraformPart self;
  private final boolean before;
  private final List<TerraformPlannedResource> companions;
  private final TerraformPlanConfiguration configuration;
  private final Map<TerraformAddress, Link> links;
  private final Map<TerraformAddress, TerraformPlannedResource> resources;
  private final Map<String, List<TerraformPlannedResource>> byType;
  private final TerraformProviderSettings provider;

  TerraformMappingContext(
      TerraformPlannedResource resource,
      boolean before,
      List<TerraformPlannedResource> companions,
      TerraformPlanConfiguration configuration,
      Map<TerraformAddress, Link> links,
      Map<TerraformAddress, TerraformPlannedResource> resources,
      Map<String, List<TerraformPlannedResource>> byType) {
    this(resource, before, companions, configuration, links, resources, byType, null);
  }

  TerraformMappingContext(
      TerraformPlannedResource resource,
      boolean before,
      List<TerraformPlannedResource> companions,
      TerraformPlanConfiguration configuration,
      Map<TerraformAddress, Link> links,
      Map<TerraformAddress, TerraformPlannedResource> resources,
      Map<String, List<TerraformPlannedResource>> byType,
      TerraformProviderSettings provider) {
    requireNonNull(resource, "resource is null");
    this.self = new TerraformPart(resource, before ? resource.before() : resource.after());
    this.before = before;
    this.companions = List.copyOf(companions);
    this.configuration = requireNonNull(configuration, "configuration is null");
    this.links = requireNonNull(links, "links is null");
    this.resources = requireNonNull(resources, "resources is null");
    this.byType = requireNonNull(byType, "byType is null");
    this.provider = provider;
  }

  /** The settings of the resource's provider configuration, or empty when not known. */
  Optional<TerraformProviderSettings> provider() {
    return Optional.ofNullable(provider);
  }

  TerraformPart self() {
    return self;
  }

  TerraformPlanValues values() {
    return self.values();
  }

  /** Whether this is the {@code before} side (the resource as it is now). */
  boolean before() {
    return before;
  }

  /** Whether the resource is being created (or replaced): it has no settings from outside yet. */
  boolean creating() {
    return self.resource().actions().contains("create");
  }

  /** Every companion of the given types that exists on this side of the change. */
  List<TerraformPart> companionsOf(String... terraformTypes) {
    List<TerraformPart> out = new ArrayList<>();
    for (String type : terraformTypes) {
      out.addAll(companions(type));
    }
    return out;
  }

  /** Every resource of a Terraform type in the plan that survives apply (account-wide settings). */
  List<TerraformPart> planResources(String terraformType) {
    List<TerraformPart> out = new ArrayList<>();
    for (TerraformPlannedResource resource : byType.getOrDefault(terraformType, List.of())) {
      if (before ? !resource.before().isAbsent() : resource.survives()) {
        out.add(new TerraformPart(resource, before ? resource.before() : resource.after()));
      }
    }
    return out;
  }

  /** The resources of a type whose argument refers to this resource (a backup item's VM). */
  List<TerraformPart> referencing(String terraformType, String argument) {
    List<TerraformPart> out = new ArrayList<>();
    for (TerraformPart part : planResources(terraformType)) {
      Optional<TerraformTarget> target = reference(part, argument);
      if (target.isPresent()
          && target.get().inPlan()
          && target.get().address().equals(self.resource().address())) {
        out.add(part);
      }
    }
    return out;
  }

  /** As {@link #referencing}, for a type whose link argument has changed name over versions. */
  List<TerraformPart> referencingAny(String terraformType, String... arguments) {
    List<TerraformPart> out = new ArrayList<>();
    for (String argument : arguments) {
      for (TerraformPart part : referencing(terraformType, argument)) {
        if (out.stream().noneMatch(p -> p.resource().address().equals(part.resource().address()))) {
          out.add(part);
        }
      }
    }
    return out;
  }

  /**
   * The resource a companion of the plan configures: a reference to a KMS alias stands for its key.
   * Any other target is returned as it is.
   */
  TerraformTarget throughCompanion(TerraformTarget target) {
    if (target == null || !target.inPlan()) {
      return target;
    }
    Link link = links.get(target.address());
    return link != null && link.outcome() == Outcome.LINKED
        ? new TerraformTarget(link.target(), null)
        : target;
  }

  /** Whether anything in the configuration refers to this resource. */
  boolean referencedInConfiguration() {
    return configuration.isReferenced(self.resource().address());
  }

  /** A resource of the plan that a reference leads to, on the after side. */
  Optional<TerraformPart> part(TerraformTarget target) {
    if (target == null || !target.inPlan() || before) {
      return Optional.empty();
    }
    TerraformPlannedResource resource = resources.get(target.address());
    return resource == null || !resource.survives()
        ? Optional.empty()
        : Optional.of(new TerraformPart(resource, resource.after()));
  }

  /** The companions of one type that exist on this side of the change. */
  List<TerraformPart> companions(String terraformType) {
    List<TerraformPart> out = new ArrayList<>();
    for (TerraformPlannedResource companion : companions) {
      if (!companion.type().equals(terraformType)) {
        continue;
      }
      if (before && !companion.before().isAbsent()) {
        out.add(new TerraformPart(companion, companion.before()));
      } else if (!before && companion.survives()) {
        out.add(new TerraformPart(companion, companion.after()));
      }
    }
    return out;
  }

  /** The one companion of a type, or empty when there is none (or several, which is ambiguous). */
  Optional<TerraformPart> companion(String terraformType) {
    List<TerraformPart> parts = companions(terraformType);
    return parts.size() == 1 ? Optional.of(parts.get(0)) : Optional.empty();
  }

  /**
   * Where a reference argument of a part leads: through the configuration to a resource of the
   * plan, else the argument's known value.
   *
   * @param path the argument, dotted through nested blocks: {@code rule.0.x.0.kms_master_key_id}
   */
  Optional<TerraformTarget> reference(TerraformPart part, String path) {
    JsonNode config = configuration.resource(part.resource().address());
    JsonNode expression = config.path("expressions");
    for (String segment : path.split("\\.")) {
      expression =
          expression.isArray() && !segment.isEmpty() && Character.isDigit(segment.charAt(0))
              ? expression.path(Integer.parseInt(segment))
              : expression.path(segment);
    }
    if (!before && !expression.isMissingNode()) {
      Resolution resolution =
          configuration.resolve(expression, Context.of(part.resource().address(), config));
      List<TerraformAddress> targets = new ArrayList<>();
      for (TerraformAddress target : resolution.targets()) {
        if (!targets.contains(target)) {
          targets.add(target);
        }
      }
      if (targets.size() == 1 && resolution.unresolved().isEmpty()) {
        return Optional.of(new TerraformTarget(targets.get(0), null));
      }
    }
    String known = part.values().text(path);
    return known == null ? Optional.empty() : Optional.of(new TerraformTarget(null, known));
  }
}
