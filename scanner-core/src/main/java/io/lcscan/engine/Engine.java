package io.lcscan.engine;

import static java.util.Objects.requireNonNull;

import io.lcscan.catalog.Catalog;
import io.lcscan.catalog.CompiledRule;
import io.lcscan.catalog.Control;
import io.lcscan.config.LcscanConfig;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Evaluates the catalog against an inventory. Rules were compiled when the configuration loaded;
 * the engine only evaluates them, once per (control, resource) pair.
 */
public final class Engine {
  static final Comparator<Finding> FINDING_ORDER =
      Comparator.comparing(Finding::controlId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::provider, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::account, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::region, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::resourceType, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::resourceId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::status)
          .thenComparing(Finding::message, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final LcscanConfig config;
  private final Clock clock;

  /** Rules by the resource type they evaluate, in control order. */
  private final Map<String, List<Binding>> rulesByType;

  private final List<Control> manualControls;

  /** Every type each control reads (rule keys, lookups, manual types), for gap findings. */
  private final Map<String, Set<String>> typesRead;

  /** One control's rule for one type; {@code ordinal} is the control's place in id order. */
  record Binding(Control control, int ordinal, CompiledRule rule) {}

  @Inject
  public Engine(LcscanConfig config, Clock clock) {
    this.config = requireNonNull(config, "config is null");
    this.clock = requireNonNull(clock, "clock is null");
    Catalog catalog = config.catalog();
    Map<String, List<Binding>> byType = new HashMap<>();
    List<Control> manual = new ArrayList<>();
    Map<String, Set<String>> read = new HashMap<>();
    for (int ordinal = 0; ordinal < catalog.controls().size(); ordinal++) {
      Control control = catalog.controls().get(ordinal);
      Set<String> types = new LinkedHashSet<>(control.appliesTo());
      if (control.manual()) {
        manual.add(control);
      }
      for (CompiledRule rule : catalog.rules(control.id()).values()) {
        byType
            .computeIfAbsent(rule.resourceType(), type -> new ArrayList<>())
            .add(new Binding(control, ordinal, rule));
        types.addAll(rule.lookupTypes());
      }
      read.put(control.id(), Set.copyOf(types));
    }
    byType.replaceAll((type, bindings) -> List.copyOf(bindings));
    this.rulesByType = Map.copyOf(byType);
    this.manualControls = List.copyOf(manual);
    this.typesRead = Map.copyOf(read);
  }

  public LcscanConfig config() {
    return config;
  }

  /** Evaluates every control at the clock's time. */
  public ScanResult evaluate(Inventory inventory) {
    return evaluate(inventory, clock.instant(), control -> true);
  }

  /**
   * Evaluates the controls that {@code controls} accepts, with {@code now} as the scan time (the
   * time a bundle was scanned, when {@code lcscan evaluate} reproduces its findings).
   */
  public ScanResult evaluate(Inventory inventory, Instant now, Predicate<Control> controls) {
    requireNonNull(inventory, "inventory is null");
    requireNonNull(now, "now is null");
    requireNonNull(controls, "controls is null");
    EvaluationPass pass = new EvaluationPass(config, inventory, now);
    List<Finding> findings = pass.run(rulesByType, manualControls, typesRead, controls);
    return new ScanResult(
        inventory.metadata(),
        findings,
        inventory.gaps(),
        inventory.complete(),
        config.catalog().version(),
        config.catalog().digest(),
        now);
  }

  /** Number of (control, resource) rule evaluations an inventory needs; for benchmarks. */
  public long evaluationCount(Inventory inventory) {
    long count = 0;
    for (var resource : inventory.resources()) {
      List<Binding> bindings = rulesByType.getOrDefault(resource.type(), List.of());
      if (EvaluationPass.deleteOnly(resource)) {
        count += bindings.stream().filter(binding -> binding.rule().readsChange()).count();
      } else {
        count += bindings.size();
      }
    }
    return count;
  }
}
