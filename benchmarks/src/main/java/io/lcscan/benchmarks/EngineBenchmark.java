package io.lcscan.benchmarks;

import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.Engine;
import io.lcscan.engine.ScanResult;
import io.lcscan.spi.Inventory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole bundled catalog over a synthetic inventory, from one benchmark thread (the engine
 * splits a pass over two threads of its own when there are two processors or more). One operation
 * is one full evaluation pass; {@link EngineBenchmarkMain} turns the time per pass into evaluations
 * per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
public class EngineBenchmark {
  static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  @Param("100000")
  public int resources;

  private Engine engine;
  private Inventory inventory;

  @Setup(Level.Trial)
  public void setUp() {
    State state = State.create(resources);
    engine = state.engine();
    inventory = state.inventory();
  }

  @Benchmark
  public ScanResult evaluateCatalog() {
    return engine.evaluate(inventory, NOW, control -> true);
  }

  /** The engine and inventory, built the same way by the benchmark and its launcher. */
  record State(LcscanConfig config, Engine engine, Inventory inventory, int problems) {
    static State create(int resources) {
      LcscanConfig.LoadResult loaded = LcscanConfig.loadPartial(ConfigSource.bundled());
      LcscanConfig config = loaded.config();
      Engine engine = new Engine(config, Clock.fixed(NOW, ZoneOffset.UTC));
      Inventory inventory = new InventoryGenerator(config.catalog(), 42).generate(resources);
      return new State(config, engine, inventory, loaded.problems().size());
    }
  }
}
