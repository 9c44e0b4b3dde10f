package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.Engine;
import io.lcscan.engine.EngineModule;
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

  private final Injector injector;
  private final Overrides overrides;

  @Inject
  public EngineFactory(Injector injector, Overrides overrides) {
    this.injector = requireNonNull(injector, "injector is null");
    this.overrides = requireNonNull(overrides, "overrides is null");
  }

  public Engine create(LcscanConfig config) {
    requireNonNull(config, "config is null");
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
