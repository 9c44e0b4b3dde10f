package io.lcscan.cli;

import io.lcscan.provider.terraform.TerraformPlanChange;
import io.lcscan.provider.terraform.TerraformPlanProvider;
import io.lcscan.provider.terraform.TerraformPlanResult;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceChange;
import io.lcscan.spi.ScanMetadata;
import io.lcscan.spi.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Turns what the Terraform provider read into the inventory the engine evaluates. */
final class TerraformInventory {

  static final String KIND = "terraform";

  private TerraformInventory() {}

  static Inventory of(TerraformPlanResult plan, Instant started, Instant finished) {
    List<Resource> resources = withChanges(plan);
    ScanMetadata metadata =
        new ScanMetadata(
            null, KIND, null, scopes(resources), started, finished, VersionProvider.toolVersion());
    Inventory read = plan.inventory();
    return new Inventory(read.schemaVersion(), metadata, resources, read.gaps(), read.calls());
  }

  /**
   * The renewal and disposal rules read {@code resource.change}; the provider reports changes
   * beside the inventory. Each surviving resource gets its own (one the provider already set is
   * kept), and each resource planned only for deletion is added in its current state with a {@code
   * delete} change, which only the change-aware rules evaluate.
   */
  private static List<Resource> withChanges(TerraformPlanResult plan) {
    Map<String, TerraformPlanChange> byId = new HashMap<>();
    for (TerraformPlanChange change : plan.changes()) {
      if (change.after() != null) {
        byId.putIfAbsent(change.after().id(), change);
      }
    }
    List<Resource> out = new ArrayList<>(plan.inventory().resources().size());
    for (Resource resource : plan.inventory().resources()) {
      TerraformPlanChange change = byId.get(resource.id());
      if (resource.change() != null || change == null) {
        out.add(resource);
        continue;
      }
      Resource before = change.before();
      out.add(
          withChange(
              resource,
              new ResourceChange(change.actions(), before == null ? null : prior(before))));
    }
    Set<String> ids = new HashSet<>();
    out.forEach(resource -> ids.add(resource.id()));
    for (TerraformPlanChange change : plan.changes()) {
      Resource before = change.before();
      if (change.isDelete()
          && before != null
          && change.mergedInto() == null
          && ids.add(before.id())) {
        out.add(withChange(before, new ResourceChange(change.actions(), prior(before))));
      }
    }
    return out;
  }

  private static ResourceChange.Prior prior(Resource before) {
    return new ResourceChange.Prior(before.region(), before.tags(), before.attributes());
  }

  private static Resource withChange(Resource resource, ResourceChange change) {
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
        change);
  }

  // the plan itself, then each cloud it deploys to with the accounts and regions it names
  private static List<Scope> scopes(List<Resource> resources) {
    Map<String, Set<String>> accounts = new TreeMap<>();
    Map<String, Set<String>> regions = new TreeMap<>();
    for (Resource resource : resources) {
      Set<String> a = accounts.computeIfAbsent(resource.provider(), p -> new TreeSet<>());
      Set<String> r = regions.computeIfAbsent(resource.provider(), p -> new TreeSet<>());
      if (!resource.account().isEmpty()) {
        a.add(resource.account());
      }
      r.add(resource.region());
    }
    List<Scope> scopes = new ArrayList<>();
    scopes.add(Scope.of(TerraformPlanProvider.NAME));
    for (String provider : accounts.keySet()) {
      scopes.add(
          new Scope(
              provider,
              List.copyOf(accounts.get(provider)),
              List.copyOf(regions.get(provider)),
              List.of(),
              Map.of(),
              null));
    }
    return scopes;
  }
}
