package io.lcscan.spi;

import java.util.Set;

/**
 * Collects one service's resources. A failure is reported to the sink as a {@link CoverageGap} for
 * the resource types it could not see, never thrown past the collector and never silent.
 */
public interface Collector {

  /** The provider's service name, for example {@code s3} or {@code kms}. */
  String service();

  /** The normalized resource types this collector emits. */
  Set<String> resourceTypes();

  void collect(Scope scope, CollectionSink sink) throws InterruptedException;
}
