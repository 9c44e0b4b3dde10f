package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.lcscan.report.Renderer;
import io.lcscan.report.ReportException;
import io.lcscan.report.ReportModel;
import io.lcscan.report.ReportWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Sends a report to stdout or to files, as {@code --format} and {@code --output} ask. */
public final class ReportOutput {

  private final RendererLookup renderers;
  private final ReportWriter writer;
  private final Terminal terminal;

  @Inject
  ReportOutput(RendererLookup renderers, ReportWriter writer, Terminal terminal) {
    this.renderers = requireNonNull(renderers, "renderers is null");
    this.writer = requireNonNull(writer, "writer is null");
    this.terminal = requireNonNull(terminal, "terminal is null");
  }

  /** Checks the options before any work is done, so a typo costs no scan. */
  public List<Renderer> renderers(OutputOptions options) {
    List<Renderer> result = new ArrayList<>();
    for (String format : options.formats()) {
      try {
        result.add(renderers.get(format));
      } catch (ReportException e) {
        throw new UsageException("--format: " + e.getMessage(), e);
      }
    }
    if (result.size() > 1 && options.output().isEmpty()) {
      throw new UsageException("several formats need --output DIR");
    }
    return result;
  }

  /**
   * Writes the report and returns the files written, or an empty list when it went to stdout. Files
   * are replaced only once every format has rendered.
   */
  public List<Path> write(ReportModel model, OutputOptions options) {
    List<Renderer> selected = renderers(options);
    if (options.output().isEmpty()) {
      try {
        selected.get(0).render(model, terminal.out());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      terminal.out().flush();
      return List.of();
    }
    Path output = options.output().get();
    boolean directory =
        selected.size() > 1 || options.outputNamesDirectory() || Files.isDirectory(output);
    List<ReportWriter.Output> outputs = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Renderer renderer : selected) {
      Path path = directory ? output.resolve("report." + renderer.extension()) : output;
      if (!seen.add(path)) {
        throw new UsageException("--format: two formats would both write " + path);
      }
      outputs.add(new ReportWriter.Output(path, renderer));
    }
    try {
      writer.write(model, outputs);
    } catch (IOException e) {
      throw new UsageException(output + ": cannot write report: " + describe(e), e);
    }
    return outputs.stream().map(ReportWriter.Output::path).toList();
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName().replace("Exception", "");
    return message == null ? kind : kind + " " + message;
  }
}
