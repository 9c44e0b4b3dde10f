package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Injector;
import java.util.function.Supplier;

/** What every command that produces findings needs besides its input: one injection point. */
public final class FindingsSupport {

  final ConfigReader configReader;
  final EngineFactory engineFactory;
  final ReportOutput reportOutput;
  final Terminal terminal;
  // only --evidence writes a bundle, whose HTML report needs every renderer built: the writer is
  // created then, so that Guice does not even create its binding for a run without one
  private final Supplier<EvidenceWriter> evidenceWriter;

  @Inject
  public FindingsSupport(
      ConfigReader configReader,
      EngineFactory engineFactory,
      ReportOutput reportOutput,
      Terminal terminal,
      Injector injector) {
    this(
        configReader,
        engineFactory,
        reportOutput,
        terminal,
        new FromInjector(requireNonNull(injector, "injector is null")));
  }

  /**
   * @param evidenceWriter creates the writer when a run asks for a bundle, as the injector would
   */
  FindingsSupport(
      ConfigReader configReader,
      EngineFactory engineFactory,
      ReportOutput reportOutput,
      Terminal terminal,
      Supplier<EvidenceWriter> evidenceWriter) {
    this.configReader = requireNonNull(configReader, "configReader is null");
    this.engineFactory = requireNonNull(engineFactory, "engineFactory is null");
    this.reportOutput = requireNonNull(reportOutput, "reportOutput is null");
    this.terminal = requireNonNull(terminal, "terminal is null");
    this.evidenceWriter = requireNonNull(evidenceWriter, "evidenceWriter is null");
  }

  EvidenceWriter evidenceWriter() {
    return evidenceWriter.get();
  }

  private record FromInjector(Injector injector) implements Supplier<EvidenceWriter> {
    @Override
    public EvidenceWriter get() {
      return injector.getInstance(EvidenceWriter.class);
    }
  }
}
