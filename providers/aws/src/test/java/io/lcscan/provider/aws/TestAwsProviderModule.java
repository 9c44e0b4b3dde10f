package io.lcscan.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.lcscan.provider.common.CollectionRuntimeConfig;
import io.lcscan.spi.Collector;
import io.lcscan.spi.Provider;
import io.lcscan.testing.TypeSchemas;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TestAwsProviderModule {
  @Test
  void bindsTheProviderWithEveryCollector() {
    AwsProviderConfig config = new AwsProviderConfig().setRawResponses(false);
    Injector injector = Guice.createInjector(new AwsProviderModule(config));
    AwsProvider provider = injector.getInstance(AwsProvider.class);
    assertThat(provider.name()).isEqualTo("aws");
    assertThat(provider.config()).isSameAs(config);
    assertThat(provider.awsCollectors()).hasSize(AwsCollectors.types().size());
    Set<Provider> providers = injector.getInstance(Key.get(new TypeLiteral<Set<Provider>>() {}));
    assertThat(providers).containsExactly(provider);
  }

  @Test
  void isFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(Provider.class).stream().map(ServiceLoader.Provider::type))
        .contains(AwsProvider.class);
  }

  @Test
  void everyAwsTypeHasACollectorAndEveryCollectorTypeHasASchema() {
    Set<String> collected = new TreeSet<>();
    for (Collector collector : new AwsProvider().collectors()) {
      collected.addAll(collector.resourceTypes());
    }
    Set<String> schemas = new TreeSet<>();
    TypeSchemas.bundled().types().stream()
        .filter(type -> type.startsWith("aws."))
        .forEach(schemas::add);
    assertThat(collected).isEqualTo(schemas);
  }

  @Test
  void defaults() {
    AwsProviderConfig config = new AwsProviderConfig();
    assertThat(config.isRawResponses()).isTrue();
    assertThat(config.getRoleSessionName()).isEqualTo("lcscan");
    assertThat(config.getAssumeRoleDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(config.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.getDefaultRegion()).isEqualTo("us-east-1");
    assertThat(config.getRuntime().getCallTimeout())
        .isEqualTo(new CollectionRuntimeConfig().getCallTimeout());
  }
}
