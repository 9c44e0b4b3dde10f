package io.lcscan.provider.aws;

import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;

/**
 * Collects one AWS service's resources in one account and region (or once per account). Small by
 * design: it makes its calls through the context, which limits, retries, logs and turns failures
 * into coverage gaps, and maps the answers into the normalized attributes of its types.
 */
public interface AwsCollector {

  /** The service name used by {@code Scope.services} and the call log, for example {@code ec2}. */
  String service();

  /** The normalized types it emits; a failure it cannot attribute leaves a gap for all of them. */
  Set<String> resourceTypes();

  AwsPlacement placement();

  /**
   * The SDK's metadata of the service, to skip regions where it is not offered (there it has no
   * resources, so nothing is missed). Empty: run in every region.
   */
  default Optional<ServiceMetadata> serviceMetadata() {
    return Optional.empty();
  }

  void collect(AwsCollectionContext context) throws Exception;
}
