package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Binding;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.multibindings.MapBinderBinding;
import com.google.inject.multibindings.MultibinderBinding;
import com.google.inject.multibindings.MultibindingsTargetVisitor;
import com.google.inject.multibindings.OptionalBinderBinding;
import com.google.inject.spi.DefaultBindingTargetVisitor;
import com.google.inject.spi.LinkedKeyBinding;
import io.lcscan.report.Renderer;
import io.lcscan.report.Renderers;
import io.lcscan.report.ReportException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The renderers bound with {@code Multibinder<Renderer>} (the reports module's, and any other
 * module's), each created only when a format asks for it: a JSON-only run then never builds the
 * HTML renderer's template engine. A renderer's format is known only once it is created, so the
 * bindings whose class name starts with the format are tried first (JsonRenderer for json), then
 * the others in binding order; the format each reports is what counts. An unknown format creates
 * them all, to be reported as {@link Renderers} reports it.
 */
final class RendererLookup {

  private static final Key<Set<Renderer>> SET = new Key<>() {};

  private final Injector injector;
  private final Map<String, Renderer> byFormat = new HashMap<>();
  // element bindings not created yet, in binding order; null until first asked
  private List<Binding<?>> pending;

  @Inject
  RendererLookup(Injector injector) {
    this.injector = requireNonNull(injector, "injector is null");
  }

  /**
   * The renderer for {@code format}.
   *
   * @throws ReportException no renderer has this format
   */
  Renderer get(String format) {
    Renderer known = byFormat.get(format);
    if (known != null) {
      return known;
    }
    if (pending == null) {
      pending = elements();
    }
    if (pending == null) {
      // not a plain Multibinder (a module bound the set itself): every renderer, as before
      return all().get(format);
    }
    String prefix = format.toLowerCase(Locale.ROOT);
    for (boolean hinted : new boolean[] {true, false}) {
      for (Binding<?> element : List.copyOf(pending)) {
        if (hinted && !className(element).startsWith(prefix)) {
          continue;
        }
        pending.remove(element);
        Renderer renderer = (Renderer) element.getProvider().get();
        if (byFormat.putIfAbsent(renderer.format(), renderer) != null) {
          throw new IllegalStateException("two renderers for format " + renderer.format());
        }
        if (renderer.format().equals(format)) {
          return renderer;
        }
      }
    }
    // every renderer is now created: the error names the formats known
    return new Renderers(new LinkedHashSet<>(byFormat.values())).get(format);
  }

  private Renderers all() {
    return new Renderers(injector.getInstance(SET));
  }

  private List<Binding<?>> elements() {
    Binding<Set<Renderer>> binding = injector.getExistingBinding(SET);
    if (binding == null) {
      return null;
    }
    List<Binding<?>> elements = binding.acceptTargetVisitor(new ElementsVisitor());
    return elements == null ? null : new ArrayList<>(elements);
  }

  private static String className(Binding<?> element) {
    if (element instanceof LinkedKeyBinding<?> linked) {
      return linked
          .getLinkedKey()
          .getTypeLiteral()
          .getRawType()
          .getSimpleName()
          .toLowerCase(Locale.ROOT);
    }
    return "";
  }

  /** The element bindings of a Multibinder's set; null for any other kind of binding. */
  private static final class ElementsVisitor
      extends DefaultBindingTargetVisitor<Set<Renderer>, List<Binding<?>>>
      implements MultibindingsTargetVisitor<Set<Renderer>, List<Binding<?>>> {

    @Override
    public List<Binding<?>> visit(MultibinderBinding<? extends Set<Renderer>> multibinding) {
      return multibinding.getElements();
    }

    @Override
    public List<Binding<?>> visit(MapBinderBinding<? extends Set<Renderer>> mapbinding) {
      return null;
    }

    @Override
    public List<Binding<?>> visit(OptionalBinderBinding<? extends Set<Renderer>> optionalbinding) {
      return null;
    }
  }
}
