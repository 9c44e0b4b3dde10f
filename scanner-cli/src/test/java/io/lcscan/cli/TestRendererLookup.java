package io.lcscan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import io.lcscan.report.Renderer;
import io.lcscan.report.Renderers;
import io.lcscan.report.ReportException;
import io.lcscan.report.ReportModel;
import io.lcscan.report.json.JsonRenderer;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Renderers are created when a format asks for them, and found as {@link Renderers} finds them. */
class TestRendererLookup {

  @BeforeEach
  void reset() {
    CountedRenderer.created = 0;
  }

  @Test
  void createsOnlyTheRendererAskedFor() {
    RendererLookup lookup = lookup(plugin(CountedRenderer.class));

    assertThat(lookup.get("json")).isInstanceOf(JsonRenderer.class);
    assertThat(CountedRenderer.created).isZero();

    Renderer counted = lookup.get("counted");
    assertThat(counted).isInstanceOf(CountedRenderer.class);
    assertThat(lookup.get("counted")).isSameAs(counted);
    assertThat(CountedRenderer.created).isEqualTo(1);
  }

  @Test
  void findsEveryFormatTheSetHolds() {
    Module instance =
        binder ->
            Multibinder.newSetBinder(binder, Renderer.class).addBinding().toInstance(named("x"));
    Injector injector = injector(instance);
    RendererLookup lookup = new RendererLookup(injector);
    Set<Renderer> all = injector.getInstance(Key.get(new TypeLiteral<Set<Renderer>>() {}));

    assertThat(all).hasSize(7);
    for (Renderer renderer : all) {
      Renderer found = lookup.get(renderer.format());
      assertThat(found.format()).isEqualTo(renderer.format());
      assertThat(found.getClass()).isEqualTo(renderer.getClass());
    }
  }

  @Test
  void unknownFormatIsReportedAsRenderersReportIt() {
    Injector injector = injector(plugin(CountedRenderer.class));
    String expected = null;
    try {
      new Renderers(injector.getInstance(Key.get(new TypeLiteral<Set<Renderer>>() {}))).get("xml");
    } catch (ReportException e) {
      expected = e.getMessage();
    }

    assertThat(expected).contains("counted", "json", "html");
    assertThatThrownBy(() -> new RendererLookup(injector).get("xml"))
        .isInstanceOf(ReportException.class)
        .hasMessage(expected);
  }

  @Test
  void twoRenderersForOneFormatAreRefusedWhenMet() {
    Module twice =
        binder -> {
          Multibinder<Renderer> set = Multibinder.newSetBinder(binder, Renderer.class);
          set.addBinding().toInstance(named("dup"));
          set.addBinding().toInstance(named("dup"));
        };

    assertThatThrownBy(() -> lookup(twice).get("other"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("two renderers for format dup");
  }

  private static RendererLookup lookup(Module plugin) {
    return new RendererLookup(injector(plugin));
  }

  private static Injector injector(Module plugin) {
    return Guice.createInjector(
        new CliModule(
            new Terminal(System.out, System.err, false), new EngineFactory.Overrides(List.of())),
        plugin);
  }

  private static Module plugin(Class<? extends Renderer> type) {
    return binder -> Multibinder.newSetBinder(binder, Renderer.class).addBinding().to(type);
  }

  private static Renderer named(String format) {
    return new Renderer() {
      @Override
      public String format() {
        return format;
      }

      @Override
      public void render(ReportModel model, OutputStream out) {}
    };
  }

  /** Counts how often it is created. */
  public static final class CountedRenderer implements Renderer {
    static int created;

    public CountedRenderer() {
      created++;
    }

    @Override
    public String format() {
      return "counted";
    }

    @Override
    public void render(ReportModel model, OutputStream out) {}
  }
}
