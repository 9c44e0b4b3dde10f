package io.lcscan.benchmarks;

import io.lcscan.catalog.Control;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a pass spends its time: evaluates the catalog one control at a time over the benchmark
 * inventory and prints the controls by time per pass, most expensive first. Not a JMH benchmark;
 * for finding what to optimize ({@code java -cp benchmarks.jar
 * io.lcscan.benchmarks.ControlCostReport [resources] [rounds] [control]}). With a control id (or
 * {@code none}) as third argument it only evaluates that control 50 times, to run under a profiler.
 */
public final class ControlCostReport {
  private ControlCostReport() {}

  public static void main(String[] args) {
    int resources = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    EngineBenchmark.State state = EngineBenchmark.State.create(resources);
    List<Control> controls = state.config().catalog().controls();
    // warm up
    state.engine().evaluate(state.inventory(), EngineBenchmark.NOW, control -> true);
    long empty = Long.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      state.engine().evaluate(state.inventory(), EngineBenchmark.NOW, control -> false);
      empty = Math.min(empty, System.nanoTime() - start);
    }
    System.out.printf(
        "a pass without controls: %.1f ms (included in each line below)%n", empty / 1e6);
    record Cost(String id, double millis, int findings) {}
    List<Cost> costs = new ArrayList<>();
    double total = 0;
    for (Control control : controls) {
      long best = Long.MAX_VALUE;
      int findings = 0;
      for (int round = 0; round < rounds; round++) {
        long start = System.nanoTime();
        findings =
            state
                .engine()
                .evaluate(
                    state.inventory(),
                    EngineBenchmark.NOW,
                    candidate -> candidate.id().equals(control.id()))
                .findings()
                .size();
        best = Math.min(best, System.nanoTime() - start);
      }
      costs.add(new Cost(control.id(), best / 1e6, findings));
      total += best / 1e6;
    }
    costs.sort((a, b) -> Double.compare(b.millis(), a.millis()));
    System.out.printf("sum of per-control passes: %.0f ms%n", total);
    for (Cost cost : costs) {
      System.out.printf("%-12s %8.1f ms %8d findings%n", cost.id(), cost.millis(), cost.findings());
    }
  }
}
