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
import java.lang.reflect.InvocationTargetException;
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
 *
 * <p>A plain plan scan, wired without Guice ({@link PlainWiring}), looks up the built-in renderers
 * ({@link Renderers#BUILT_IN}, which the reports module binds) the same way.
 */
final class RendererLookup {

  // null when wired by hand: then the built-in renderers are the candidates
  private final Injector injector;
  private final Map<String, Renderer> byFormat = new HashMap<>();
  // renderers not created yet, in binding order; null until first asked
  private List<Candidate> pending;

  @Inject
  RendererLookup(Injector injector) {
    this.injector = requireNonNull(injector, "injector is null");
  }

  /** The built-in renderers, each created as Guice creates a binding to its class. */
  private RendererLookup() {
    this.injector = null;
  }

  /** A lookup of the built-in renderers that needs no injector. */
  static RendererLookup builtIn() {
    return new RendererLookup();
  }

  /**
   * A renderer not created yet: an element binding of the Multibinder, or a built-in class.
   *
   * @param hint the class's simple name in lower case, or empty when the binding names no class
   */
  private record Candidate(String hint, Binding<?> binding, Class<? extends Renderer> type) {
    Renderer create() {
      return binding != null ? (Renderer) binding.getProvider().get() : RendererLookup.create(type);
    }
  }

  /** A built-in renderer, created by its public no-argument constructor as Guice creates it. */
  static Renderer create(Class<? extends Renderer> type) {
    try {
      return type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException("cannot create " + type.getName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + type.getName(), e);
    }
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
      // by index: a record's equals would cost its first caller a bootstrap method
      for (int i = 0; i < pending.size(); ) {
        Candidate candidate = pending.get(i);
        if (hinted && !candidate.hint().startsWith(prefix)) {
          i++;
          continue;
        }
        pending.remove(i);
        Renderer renderer = candidate.create();
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
    return new Renderers(injector.getInstance(setKey()));
  }

  private List<Candidate> elements() {
    List<Candidate> candidates = new ArrayList<>();
    if (injector == null) {
      for (Class<? extends Renderer> type : Renderers.BUILT_IN) {
        candidates.add(new Candidate(type.getSimpleName().toLowerCase(Locale.ROOT), null, type));
      }
      return candidates;
    }
    Binding<Set<Renderer>> binding = injector.getExistingBinding(setKey());
    if (binding == null) {
      return null;
    }
    List<Binding<?>> elements = binding.acceptTargetVisitor(new ElementsVisitor());
    if (elements == null) {
      return null;
    }
    for (Binding<?> element : elements) {
      candidates.add(new Candidate(className(element), element, null));
    }
    return candidates;
  }

  // not a constant: a plain plan scan, wired by hand, runs no Guice code
  private static Key<Set<Renderer>> setKey() {
    return new Key<>() {};
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
