package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.Engine;
import io.lcscan.engine.EngineModule;
import java.time.Clock;
import java.util.List;

/**
 * Builds the engine for a configuration known only once the options are parsed ({@code --config}),
 * in a child injector of the CLI's.
 */
public final class EngineFactory {

  /** Bindings that replace the engine module's, such as a fixed clock in tests. */
  public record Overrides(List<Module> modules) {
    public Overrides {
      modules = List.copyOf(modules);
    }
  }

  // null when wired by hand: then the engine is created with the clock
  private final Injector injector;
  private final Overrides overrides;
  private final Clock clock;

  @Inject
  public EngineFactory(Injector injector, Overrides overrides) {
    this.injector = requireNonNull(injector, "injector is null");
    this.overrides = requireNonNull(overrides, "overrides is null");
    this.clock = null;
  }

  private EngineFactory(Clock clock) {
    this.injector = null;
    this.overrides = new Overrides(List.of());
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * A factory that creates the engine as {@link EngineModule} binds it, without an injector: for a
   * plain plan scan ({@link PlainWiring}).
   *
   * @param clock the engine module's clock, or a fixed one in tests
   */
  static EngineFactory byHand(Clock clock) {
    return new EngineFactory(clock);
  }

  public Engine create(LcscanConfig config) {
    requireNonNull(config, "config is null");
    if (injector == null) {
      return new Engine(config, clock);
    }
    // Modules.override records and rewrites both modules: only worth it when there is an override
    Module engine =
        overrides.modules().isEmpty()
            ? new EngineModule()
            : Modules.override(new EngineModule()).with(overrides.modules());
    return injector
        .createChildInjector(engine, binder -> binder.bind(LcscanConfig.class).toInstance(config))
        .getInstance(Engine.class);
  }
}
