package io.lcscan.provider.terraform;

import io.lcscan.provider.terraform.TerraformCompanionLinker.Link;
import io.lcscan.provider.terraform.TerraformCompanionLinker.Outcome;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.GapReason;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceChange;
import io.lcscan.spi.ResourceSource;
import io.lcscan.spi.ScanMetadata;
import io.lcscan.spi.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed plan into normalized resources: companions merged, region and tags resolved, each
 * mapped type mapped on both sides of its change.
 */
final class TerraformPlanNormalizer {
  private final TerraformPlan plan;
  private final TerraformMappers mappers;
  private final TerraformProviderConfigs providers;
  private final Map<TerraformAddress, Link> links;
  private final Map<TerraformAddress, List<TerraformPlannedResource>> companionsByTarget =
      new HashMap<>();
  private final Map<TerraformAddress, TerraformPlannedResource> byAddress = new HashMap<>();
  private final Map<String, List<TerraformPlannedResource>> byType = new HashMap<>();

  private TerraformPlanNormalizer(TerraformPlan plan, TerraformMappers mappers) {
    this.plan = plan;
    this.mappers = mappers;
    this.providers = new TerraformProviderConfigs(plan.configuration());
    this.links = TerraformCompanionLinker.link(plan);
    for (TerraformPlannedResource resource : plan.resources()) {
      byAddress.put(resource.address(), resource);
      byType.computeIfAbsent(resource.type(), k -> new ArrayList<>()).add(resource);
    }
    for (Link link : links.values()) {
      if (link.outcome() == Outcome.LINKED) {
        companionsByTarget
            .computeIfAbsent(link.target(), k -> new ArrayList<>())
            .add(link.companion());
      }
    }
  }

  static TerraformPlanResult normalize(
      TerraformPlan plan, TerraformMappers mappers, Instant started) {
    return new TerraformPlanNormalizer(plan, mappers).run(started);
  }

  private TerraformPlanResult run(Instant started) {
    List<Resource> resources = new ArrayList<>();
    List<TerraformPlanChange> changes = new ArrayList<>();
    Set<CoverageGap> gaps = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>(plan.notes());
    Map<TerraformAddress, String> aggregatedInto = new HashMap<>();
    resources.addAll(aggregates(aggregatedInto));
    for (TerraformPlannedResource resource : plan.resources()) {
      Link link = links.get(resource.address());
      String aggregate = aggregatedInto.get(resource.address());
      TerraformTypeMapping mapping = mappers.forTerraformType(resource.type()).orElse(null);
      if (link != null || mapping == null) {
        String into = link != null && link.target() != null ? link.target().toString() : aggregate;
        changes.add(change(resource, null, into, null, null));
        if (link != null && aggregate == null) {
          companionNote(link, gaps, notes);
        }
        continue;
      }
      Resource after = resource.survives() ? build(resource, mapping, false) : null;
      Resource before = resource.before().isAbsent() ? null : build(resource, mapping, true);
      if (after != null) {
        after = withChange(after, resource.actions(), before);
        resources.add(after);
      } else if (resource.deleted() && before != null) {
        // planned only for deletion: the state being deleted, for the change-aware controls
        resources.add(withChange(before, resource.actions(), before));
      }
      changes.add(change(resource, mapping.resourceType(), null, before, after));
    }
    ScanMetadata metadata =
        new ScanMetadata(
            null,
            "plan",
            null,
            List.of(Scope.of(TerraformPlanProvider.NAME)),
            started,
            Instant.now(),
            null);
    Inventory inventory =
        new Inventory(Inventory.SCHEMA_VERSION, metadata, resources, List.copyOf(gaps), List.of());
    return new TerraformPlanResult(
        inventory,
        changes,
        plan.drifted(),
        notes,
        plan.formatVersion(),
        plan.terraformVersion(),
        plan.timestamp());
  }

  // groups the members of each aggregate type by scope, one resource per account (and region)
  private List<Resource> aggregates(Map<TerraformAddress, String> aggregatedInto) {
    List<Resource> out = new ArrayList<>();
    for (TerraformAggregateMapping mapping : mappers.aggregates(byType.keySet())) {
      Map<String, List<TerraformPlannedResource>> groups = new LinkedHashMap<>();
      Map<String, String[]> scopes = new HashMap<>();
      for (TerraformPlannedResource resource : plan.resources()) {
        if (!mapping.memberTypes().contains(resource.type()) || !resource.survives()) {
          continue;
        }
        Link link = links.get(resource.address());
        if (link != null && link.outcome() == Outcome.LINKED) {
          continue;
        }
        TerraformPart part = new TerraformPart(resource, resource.after());
        if (!mapping.accepts().apply(part)) {
          continue;
        }
        TerraformProviderSettings settings = providers.settings(resource);
        TerraformCloud cloud = TerraformCloud.of(resource.type()).orElseThrow();
        String account = mapping.scope().apply(part, settings);
        account = account == null ? "" : account;
        String region = mapping.regional() ? cloud.region(resource.after(), settings) : "global";
        String key = account + " " + region;
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(resource);
        scopes.put(key, new String[] {account, region});
      }
      for (Map.Entry<String, List<TerraformPlannedResource>> group : groups.entrySet()) {
        String account = scopes.get(group.getKey())[0];
        String region = scopes.get(group.getKey())[1];
        String id = mapping.id().apply(account, region);
        List<TerraformPlannedResource> members = group.getValue();
        TerraformMappingContext context =
            new TerraformMappingContext(
                members.get(0),
                false,
                members,
                plan.configuration(),
                links,
                byAddress,
                byType,
                providers.settings(members.get(0)));
        TerraformAttributeWriter writer = new TerraformAttributeWriter();
        mapping.map().accept(context, writer);
        TerraformCloud cloud = TerraformCloud.of(members.get(0).type()).orElseThrow();
        Resource.Builder builder =
            Resource.builder(cloud.provider(), mapping.resourceType(), id)
                .account(account)
                .region(region)
                .name(writer.name() == null ? id : writer.name())
                .tags(writer.tags() == null ? Map.of() : writer.tags())
                .attributes(writer.attributes())
                .source(ResourceSource.plan(members.get(0).address().toString(), null));
        writer.references().forEach(r -> builder.reference(r.relation(), r.type(), r.id()));
        writer.unknownPaths().forEach(builder::unknown);
        out.add(builder.build());
        for (TerraformPlannedResource member : members) {
          aggregatedInto.put(member.address(), id);
        }
      }
    }
    return out;
  }

  private void companionNote(Link link, Set<CoverageGap> gaps, List<String> notes) {
    TerraformPlannedResource companion = link.companion();
    String address = companion.address().toString();
    if (link.outcome() == Outcome.EXTERNAL) {
      notes.add(address + ": " + link.detail() + ", so it is not checked here");
      return;
    }
    if (link.outcome() != Outcome.UNRESOLVED) {
      return;
    }
    notes.add(address + ": " + link.detail());
    if (!companion.survives()) {
      return;
    }
    // its settings land on a resource lcscan cannot name: every resource of the target type in
    // that account and region gets ERROR rather than a PASS that may be wrong
    TerraformCompanion definition = TerraformCompanions.of(companion.type()).orElseThrow();
    TerraformCloud cloud = TerraformCloud.of(companion.type()).orElse(null);
    if (cloud == null) {
      return;
    }
    TerraformProviderSettings settings = providers.settings(companion);
    for (String targetType : definition.targetTypes()) {
      mappers
          .forTerraformType(targetType)
          .ifPresent(
              mapping ->
                  gaps.add(
                      new CoverageGap(
                          cloud.provider(),
                          cloud.account(companion.after(), settings),
                          cloud.region(companion.after(), settings),
                          mapping.resourceType(),
                          "terraform",
                          GapReason.ERROR,
                          address + ": " + link.detail())));
    }
  }

  private Resource build(
      TerraformPlannedResource resource, TerraformTypeMapping mapping, boolean before) {
    TerraformCloud cloud = TerraformCloud.of(resource.type()).orElseThrow();
    TerraformProviderSettings settings = providers.settings(resource);
    TerraformMappingContext context =
        new TerraformMappingContext(
            resource,
            before,
            companionsByTarget.getOrDefault(resource.address(), List.of()),
            plan.configuration(),
            links,
            byAddress,
            byType,
            settings);
    TerraformAttributeWriter out = new TerraformAttributeWriter();
    mapping.map(context, out);
    TerraformPlanValues values = context.values();
    String region = mapping.global() ? "global" : out.region();
    if (region == null) {
      region = cloud.region(values, settings);
    }
    String address = resource.address().toString();
    String name = out.name() != null ? out.name() : values.text("name");
    Resource.Builder builder =
        Resource.builder(cloud.provider(), mapping.resourceType(), address)
            .account(cloud.account(values, settings))
            .region(region)
            .name(name == null ? address : name)
            .tags(out.tags() != null ? out.tags() : cloud.tags(values, settings))
            .attributes(out.attributes())
            .source(ResourceSource.plan(address, null));
    for (var reference : out.references()) {
      builder.reference(reference.relation(), reference.type(), reference.id());
    }
    if (!before) {
      out.unknownPaths().forEach(builder::unknown);
    }
    return builder.build();
  }

  /**
   * The resource with {@code change}: the plan's actions, and the normalized state before them when
   * there is one. A resource the plan leaves unchanged ({@code no-op}) has no change.
   */
  private static Resource withChange(Resource resource, List<String> actions, Resource before) {
    if (actions.isEmpty() || actions.equals(List.of("no-op")) || actions.equals(List.of("read"))) {
      return resource;
    }
    ResourceChange.Prior prior =
        before == null
            ? null
            : new ResourceChange.Prior(before.region(), before.tags(), before.attributes());
    return new Resource(
        resource.provider(),
        resource.account(),
        resource.region(),
        resource.type(),
        resource.id(),
        resource.name(),
        resource.tags(),
        resource.classification(),
        resource.attributes(),
        resource.references(),
        resource.unknownAttributes(),
        resource.source(),
        new ResourceChange(actions, prior));
  }

  private static TerraformPlanChange change(
      TerraformPlannedResource resource,
      String type,
      String mergedInto,
      Resource before,
      Resource after) {
    return new TerraformPlanChange(
        resource.address().toString(),
        resource.type(),
        resource.providerName(),
        resource.actions(),
        resource.actionReason(),
        type,
        mergedInto,
        before,
        after);
  }
}
