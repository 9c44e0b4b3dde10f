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
    boolean twoThreads = PROCESSORS > 1 && evaluationCount(inventory) >= TWO_THREADS_MINIMUM;
    if (!twoThreads) {
      planAhead(inventory, controls);
    }
    EvaluationPass pass = new EvaluationPass(config, inventory, now);
    List<Finding> findings = pass.run(rulesByType, manualControls, typesRead, controls, twoThreads);
    return result(inventory, now, findings);
  }

  /**
   * As {@link #evaluate(Inventory, Instant, Predicate)}, with the resources from position {@code
   * split} of the finding order on evaluated on a second thread; for tests.
   */
  ScanResult evaluateSplitAt(
      Inventory inventory, Instant now, Predicate<Control> controls, int split) {
    EvaluationPass pass = new EvaluationPass(config, inventory, now);
    return result(
        inventory, now, pass.run(rulesByType, manualControls, typesRead, controls, split));
  }

  private ScanResult result(Inventory inventory, Instant now, List<Finding> findings) {
    return new ScanResult(
        inventory.metadata(),
        findings,
        inventory.gaps(),
        inventory.complete(),
        config.catalog().version(),
        config.catalog().digest(),
        now);
  }

  /**
   * Plans, on another thread, the rules from the build's store that this inventory needs and that
   * are not planned yet (docs/catalog-format.md, "Rules compiled at build time"). The pass plans
   * each rule on its first evaluation, meeting types in name order within a region; this thread
   * takes them from the other end, so on two cores the two meet about halfway. A rule is planned
   * once, by whichever thread comes first, and a rule that cannot be planned fails where the pass
   * evaluates it, as without this thread.
   */
  private void planAhead(Inventory inventory, Predicate<Control> controls) {
    Set<String> types = new java.util.TreeSet<>();
    for (var resource : inventory.resources()) {
      types.add(resource.type());
    }
    List<CompiledRule> unplanned = new ArrayList<>();
    for (String type : types) {
      for (Binding binding : rulesByType.getOrDefault(type, List.of())) {
        if (!binding.rule().planned() && controls.test(binding.control())) {
          unplanned.add(binding.rule());
        }
      }
    }
    if (unplanned.size() < PLAN_AHEAD_MINIMUM) {
      return;
    }
    Thread planner =
        new Thread(
            () -> {
              for (int i = unplanned.size() - 1; i >= 0; i--) {
                CompiledRule rule = unplanned.get(i);
                if (rule.planned()) {
                  continue;
                }
                try {
                  rule.program();
                } catch (RuntimeException e) {
                  // reported by the pass when it evaluates the rule
                }
              }
            },
            "lcscan-plan");
    planner.setDaemon(true);
    planner.start();
  }

  /** Below this many rules to plan, a second thread costs more than it saves. */
  static final int PLAN_AHEAD_MINIMUM = 8;

  /** Number of (control, resource) rule evaluations an inventory needs; for benchmarks. */
  public long evaluationCount(Inventory inventory) {
    long count = 0;
    for (var resource : inventory.resources()) {
      List<Binding> bindings = rulesByType.getOrDefault(resource.type(), List.of());
      if (EvaluationPass.deleteOnly(resource)) {
        for (Binding binding : bindings) {
          count += binding.rule().readsChange() ? 1 : 0;
        }
      } else {
        count += bindings.size();
      }
    }
    return count;
  }

  private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

  /**
   * From this many rule evaluations on, the resources are evaluated on two threads when there are
   * two processors. Below it, starting a thread and running the evaluation code cold on both costs
   * more than it saves.
   */
  static final int TWO_THREADS_MINIMUM = 2_000;
}
