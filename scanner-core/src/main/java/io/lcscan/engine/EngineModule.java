package io.lcscan.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import java.time.Clock;

/** Binds the engine and a UTC system clock; the caller binds {@code LcscanConfig}. */
public final class EngineModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(Clock.class).toInstance(Clock.systemUTC());
    bind(Engine.class).in(Scopes.SINGLETON);
  }
}
