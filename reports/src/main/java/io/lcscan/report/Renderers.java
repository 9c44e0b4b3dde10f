package io.lcscan.report;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.lcscan.report.csv.CsvRenderer;
import io.lcscan.report.html.HtmlRenderer;
import io.lcscan.report.json.JsonRenderer;
import io.lcscan.report.junit.JUnitRenderer;
import io.lcscan.report.sarif.SarifRenderer;
import io.lcscan.report.table.TableRenderer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The renderers bound in {@link ReportModule}, by format. */
public final class Renderers {

  /**
   * The built-in renderers, in binding order, each created by its public no-argument constructor.
   * {@link ReportModule} binds these; the CLI's plain plan scan, wired without Guice, creates them
   * itself. A new format is one class and one line here.
   */
  public static final List<Class<? extends Renderer>> BUILT_IN =
      List.of(
          JsonRenderer.class,
          TableRenderer.class,
          HtmlRenderer.class,
          CsvRenderer.class,
          SarifRenderer.class,
          JUnitRenderer.class);

  private final Map<String, Renderer> byFormat;

  @Inject
  public Renderers(Set<Renderer> renderers) {
    requireNonNull(renderers, "renderers is null");
    Map<String, Renderer> map = new TreeMap<>();
    for (Renderer renderer : renderers) {
      Renderer previous = map.put(renderer.format(), renderer);
      if (previous != null) {
        throw new IllegalStateException("two renderers for format " + renderer.format());
      }
    }
    this.byFormat = Map.copyOf(map);
  }

  public Renderer get(String format) {
    Renderer renderer = byFormat.get(format);
    if (renderer == null) {
      throw new ReportException(
          "unknown format '" + format + "' (known: " + String.join(", ", formats()) + ")");
    }
    return renderer;
  }

  /** The known formats, sorted. */
  public Set<String> formats() {
    return new TreeMap<>(byFormat).keySet();
  }
}
