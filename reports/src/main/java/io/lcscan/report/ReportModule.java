package io.lcscan.report;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/** Binds every renderer of {@link Renderers#BUILT_IN}. */
public final class ReportModule extends AbstractModule {

  @Override
  protected void configure() {
    Multibinder<Renderer> renderers = Multibinder.newSetBinder(binder(), Renderer.class);
    for (Class<? extends Renderer> type : Renderers.BUILT_IN) {
      renderers.addBinding().to(type);
    }
  }
}
