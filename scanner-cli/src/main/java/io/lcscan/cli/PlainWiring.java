package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Provider;
import io.lcscan.report.Renderer;
import io.lcscan.report.Renderers;
import io.lcscan.report.ReportWriter;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds a plain plan scan ({@link PlainScanLine}) by hand: the same classes, with the same
 * constructor arguments, as the CLI's Guice injector would ({@link CliModule}, the reports and
 * engine modules), and no injector. Guice stays the dependency injection of every other command
 * line; this one is the command a CI pipeline runs on every plan, and building the injectors cost
 * its main thread about 85 ms of CPU before the plan was read, in a 580 ms run of a 1,000-resource
 * plan (profiled: Guice.createInjector 73 ms, the engine's child injector 12 ms), besides the JIT's
 * work on Guice's code. {@code TestPlainWiring} checks that both build the same objects and that
 * runs end the same.
 */
final class PlainWiring {

  private final Terminal terminal;
  private final Clock clock;

  /**
   * @param clock the engine's clock: {@link io.lcscan.engine.EngineModule}'s, a fixed one in tests
   */
  PlainWiring(Terminal terminal, Clock clock) {
    this.terminal = requireNonNull(terminal, "terminal is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The command the line asks for, ready to run, as {@link PlainScanLine#read} builds it. */
  ScanTerraformCommand command(PlainScanLine.Line line) {
    ScanTerraformCommand command = new ScanTerraformCommand(new Supports());
    PlainScanLine.apply(line, command);
    return command;
  }

  /** A new one each time, as the injector's provider of the unscoped binding gives. */
  FindingsSupport findingsSupport() {
    return new FindingsSupport(
        new ConfigReader(),
        EngineFactory.byHand(clock),
        new ReportOutput(RendererLookup.builtIn(), new ReportWriter(), terminal),
        terminal,
        new EvidenceWriters());
  }

  /** The writer of {@code --evidence}, with every built-in renderer as the reports module binds. */
  static EvidenceWriter evidenceWriter() {
    Set<Renderer> all = new LinkedHashSet<>();
    for (Class<? extends Renderer> type : Renderers.BUILT_IN) {
      all.add(RendererLookup.create(type));
    }
    return new EvidenceWriter(new Renderers(all));
  }

  // classes rather than lambdas: linking a lambda's call site cost the main thread some
  // milliseconds each (profiled)
  private final class Supports implements Provider<FindingsSupport> {
    @Override
    public FindingsSupport get() {
      return findingsSupport();
    }
  }

  private static final class EvidenceWriters implements Supplier<EvidenceWriter> {
    @Override
    public EvidenceWriter get() {
      return evidenceWriter();
    }
  }
}
