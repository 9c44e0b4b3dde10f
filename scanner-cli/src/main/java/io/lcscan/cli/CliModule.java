package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.lcscan.report.ReportModule;

/** The CLI's bindings: where output goes, the renderers, and how the engine is built. */
public final class CliModule extends AbstractModule {

  private final Terminal terminal;
  private final EngineFactory.Overrides engineOverrides;

  public CliModule(Terminal terminal, EngineFactory.Overrides engineOverrides) {
    this.terminal = requireNonNull(terminal, "terminal is null");
    this.engineOverrides = requireNonNull(engineOverrides, "engineOverrides is null");
  }

  @Override
  protected void configure() {
    install(new ReportModule());
    bind(Terminal.class).toInstance(terminal);
    bind(EngineFactory.Overrides.class).toInstance(engineOverrides);
  }
}
