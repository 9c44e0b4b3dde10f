package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.provider.terraform.TerraformPlanConfiguration.Context;
import io.lcscan.provider.terraform.TerraformPlanConfiguration.Resolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links each companion resource to the one resource it configures, through the references of the
 * plan's configuration; never through resource names.
 *
 * <p>When the configuration does not lead to exactly one resource (a local value, a data source, a
 * conditional), the companion's own planned link value (a bucket name, a key id) is compared with
 * the known ids of the candidates. An exact id match is not a guess; anything else is reported as
 * unresolved.
 */
final class TerraformCompanionLinker {

  /** How one companion was linked. */
  record Link(
      TerraformPlannedResource companion, TerraformAddress target, Outcome outcome, String detail) {
    Link {
      requireNonNull(companion, "companion is null");
      requireNonNull(outcome, "outcome is null");
    }
  }

  enum Outcome {
    /** merged into {@code target} */
    LINKED,
    /** configures a resource outside the plan (a data source, a literal id of another stack) */
    EXTERNAL,
    /** could not be traced: its settings are on some resource lcscan cannot name */
    UNRESOLVED
  }

  private TerraformCompanionLinker() {}

  static Map<TerraformAddress, Link> link(TerraformPlan plan) {
    Map<String, List<TerraformPlannedResource>> byType = new HashMap<>();
    for (TerraformPlannedResource resource : plan.resources()) {
      byType.computeIfAbsent(resource.type(), k -> new ArrayList<>()).add(resource);
    }
    Map<TerraformAddress, Link> links = new LinkedHashMap<>();
    for (TerraformPlannedResource resource : plan.resources()) {
      TerraformCompanion companion = TerraformCompanions.of(resource.type()).orElse(null);
      if (companion != null) {
        links.put(resource.address(), link(plan.configuration(), byType, resource, companion));
      }
    }
    return links;
  }

  private static Link link(
      TerraformPlanConfiguration configuration,
      Map<String, List<TerraformPlannedResource>> byType,
      TerraformPlannedResource resource,
      TerraformCompanion companion) {
    JsonNode config = configuration.resource(resource.address());
    List<String> problems = new ArrayList<>();
    if (!config.isMissingNode()) {
      JsonNode expression = config.path("expressions").get(companion.linkAttribute());
      Resolution resolution =
          configuration.resolve(expression, Context.of(resource.address(), config));
      List<TerraformAddress> targets = new ArrayList<>();
      for (TerraformAddress target : resolution.targets()) {
        if (companion.targetTypes().contains(target.type()) && !target.data()) {
          targets.add(target);
        }
      }
      if (targets.size() == 1 && resolution.unresolved().isEmpty()) {
        return new Link(resource, targets.get(0), Outcome.LINKED, null);
      }
      if (targets.isEmpty()
          && resolution.unresolved().isEmpty()
          && resolution.targets().size() == 1) {
        // it configures a resource of the plan that lcscan does not merge into (an API stage)
        return new Link(
            resource,
            null,
            Outcome.EXTERNAL,
            companion.linkAttribute()
                + " names "
                + resolution.targets().get(0)
                + ", which is not checked");
      }
      if (targets.size() > 1) {
        problems.add(companion.linkAttribute() + " may point at " + targets.size() + " resources");
      }
      problems.addAll(resolution.unresolved());
    } else {
      problems.add("not in the plan's configuration");
    }
    // fall back to the planned link value itself: an exact id match
    String value = linkValue(resource, companion.linkAttribute());
    if (value == null) {
      return new Link(
          resource,
          null,
          Outcome.UNRESOLVED,
          companion.linkAttribute() + " cannot be traced: " + String.join("; ", problems));
    }
    List<TerraformAddress> matches = new ArrayList<>();
    boolean someUnknown = false;
    for (String targetType : companion.targetTypes()) {
      for (TerraformPlannedResource candidate : byType.getOrDefault(targetType, List.of())) {
        TerraformPlanValues values = candidate.survives() ? candidate.after() : candidate.before();
        boolean anyKnown = false;
        for (String key : companion.targetKeys()) {
          String known = values.text(key);
          anyKnown |= known != null;
          if (value.equals(known)) {
            matches.add(candidate.address());
            break;
          }
        }
        someUnknown |= !anyKnown;
      }
    }
    if (matches.size() == 1) {
      return new Link(resource, matches.get(0), Outcome.LINKED, null);
    }
    if (matches.isEmpty() && !someUnknown) {
      return new Link(
          resource,
          null,
          Outcome.EXTERNAL,
          companion.linkAttribute() + " names a resource outside the plan");
    }
    return new Link(
        resource,
        null,
        Outcome.UNRESOLVED,
        companion.linkAttribute()
            + " cannot be traced: "
            + (matches.size() > 1
                ? "its value matches " + matches.size() + " resources"
                : String.join("; ", problems)
                    + "; and a resource of the plan has an id known only after apply"));
  }

  private static String linkValue(TerraformPlannedResource resource, String attribute) {
    String value = resource.after().text(attribute);
    return value != null ? value : resource.before().text(attribute);
  }
}
