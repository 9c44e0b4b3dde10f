package io.lcscan.report;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The renderers bound in {@link ReportModule}, by format. */
public final class Renderers {

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
