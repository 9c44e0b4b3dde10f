package io.lcscan.provider.aws;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import io.lcscan.spi.Provider;

/**
 * Binds the AWS provider: its settings, every collector, and the provider itself, which joins the
 * set of {@link Provider}s.
 */
public final class AwsProviderModule extends AbstractModule {
  private final AwsProviderConfig config;

  public AwsProviderModule() {
    this(new AwsProviderConfig());
  }

  public AwsProviderModule(AwsProviderConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  @Override
  protected void configure() {
    bind(AwsProviderConfig.class).toInstance(config);
    Multibinder<AwsCollector> collectors = Multibinder.newSetBinder(binder(), AwsCollector.class);
    for (Class<? extends AwsCollector> type : AwsCollectors.types()) {
      collectors.addBinding().to(type);
    }
    bind(AwsProvider.class).in(Scopes.SINGLETON);
    Multibinder.newSetBinder(binder(), Provider.class).addBinding().to(AwsProvider.class);
  }
}
