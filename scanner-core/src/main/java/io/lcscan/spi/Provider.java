package io.lcscan.spi;

import java.util.List;

/**
 * A source of normalized resources: a cloud (AWS, Azure, GCP) or a Terraform plan.
 *
 * <p>Providers are found through {@link java.util.ServiceLoader} or bound by a Guice module, and
 * depend on this SPI only.
 */
public interface Provider {

  /** Short name used in resource types and on the command line, for example {@code aws}. */
  String name();

  /** The collectors this provider runs for a scope, one per service and resource family. */
  List<Collector> collectors();

  /**
   * Collects everything in scope into the sink. The default runs every collector in turn; live
   * providers run them concurrently under their own limits.
   */
  default void collect(Scope scope, CollectionSink sink) throws InterruptedException {
    for (Collector collector : collectors()) {
      collector.collect(scope, sink);
    }
  }
}
