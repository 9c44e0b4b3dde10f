package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Injector;

/** What every command that produces findings needs besides its input: one injection point. */
public final class FindingsSupport {

  final ConfigReader configReader;
  final EngineFactory engineFactory;
  final ReportOutput reportOutput;
  final Terminal terminal;
  // only --evidence writes a bundle, whose HTML report needs every renderer built: the writer is
  // looked up then, so that Guice does not even create its binding for a run without one
  private final Injector injector;

  @Inject
  public FindingsSupport(
      ConfigReader configReader,
      EngineFactory engineFactory,
      ReportOutput reportOutput,
      Terminal terminal,
      Injector injector) {
    this.configReader = requireNonNull(configReader, "configReader is null");
    this.engineFactory = requireNonNull(engineFactory, "engineFactory is null");
    this.reportOutput = requireNonNull(reportOutput, "reportOutput is null");
    this.terminal = requireNonNull(terminal, "terminal is null");
    this.injector = requireNonNull(injector, "injector is null");
  }

  EvidenceWriter evidenceWriter() {
    return injector.getInstance(EvidenceWriter.class);
  }
}
