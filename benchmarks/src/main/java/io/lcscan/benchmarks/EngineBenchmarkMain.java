package io.lcscan.benchmarks;

import io.lcscan.engine.ScanResult;
import io.lcscan.spi.Status;
import java.util.Collection;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link EngineBenchmark} and prints control-resource evaluations per second. Arguments are
 * JMH's own ({@code -wi 1 -i 3 -p resources=10000}).
 */
public final class EngineBenchmarkMain {
  private EngineBenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    int resources = 100_000;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("-p") && args[i + 1].startsWith("resources=")) {
        resources = Integer.parseInt(args[i + 1].substring("resources=".length()));
      }
    }
    EngineBenchmark.State state = EngineBenchmark.State.create(resources);
    long evaluations = state.engine().evaluationCount(state.inventory());
    ScanResult sample =
        state.engine().evaluate(state.inventory(), EngineBenchmark.NOW, control -> true);
    System.out.printf(
        "catalog %s (%d controls, %d with rules, %d types, %d load problems); %d resources; %d rule evaluations per pass; %d findings per pass%n",
        state.config().catalog().version(),
        state.config().catalog().controls().size(),
        state.config().catalog().controls().stream()
            .filter(c -> !state.config().catalog().rules(c.id()).isEmpty())
            .count(),
        state.config().catalog().types().size(),
        state.problems(),
        state.inventory().resources().size(),
        evaluations,
        sample.findings().size());
    Map<Status, Long> counts = sample.countsByStatus();
    System.out.println("findings by status: " + counts);

    Options options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(EngineBenchmark.class.getName() + ".evaluateCatalog")
            .param("resources", Integer.toString(resources))
            .build();
    Collection<RunResult> results = new Runner(options).run();
    for (RunResult result : results) {
      double millisPerPass = result.getPrimaryResult().getScore();
      double error = result.getPrimaryResult().getScoreError();
      System.out.printf(
          "%n%.1f ms per pass (± %.1f) = %,.0f control-resource evaluations/s on %d processors (%d evaluations, %d resources)%n",
          millisPerPass,
          error,
          evaluations / (millisPerPass / 1000.0),
          Runtime.getRuntime().availableProcessors(),
          evaluations,
          resources);
    }
  }
}
