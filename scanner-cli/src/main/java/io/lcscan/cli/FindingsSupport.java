package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;

/** What every command that produces findings needs besides its input: one injection point. */
public final class FindingsSupport {

  final ConfigReader configReader;
  final EngineFactory engineFactory;
  final ReportOutput reportOutput;
  final Terminal terminal;
  final EvidenceWriter evidenceWriter;

  @Inject
  public FindingsSupport(
      ConfigReader configReader,
      EngineFactory engineFactory,
      ReportOutput reportOutput,
      Terminal terminal,
      EvidenceWriter evidenceWriter) {
    this.configReader = requireNonNull(configReader, "configReader is null");
    this.engineFactory = requireNonNull(engineFactory, "engineFactory is null");
    this.reportOutput = requireNonNull(reportOutput, "reportOutput is null");
    this.terminal = requireNonNull(terminal, "terminal is null");
    this.evidenceWriter = requireNonNull(evidenceWriter, "evidenceWriter is null");
  }
}
