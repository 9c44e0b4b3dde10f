package io.lcscan.provider.common;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * One API operation as the runtime sees it.
 *
 * @param service the service as the call log names it, for example {@code ec2}
 * @param operation the API operation, for example {@code DescribeVolumes}
 * @param feeds the normalized resource types this call's answer goes into: when it fails, each
 *     becomes a coverage gap in the caller's account and region
 * @param absentCodes error codes that mean "not configured" for this operation (a bucket without a
 *     policy), answered as NOT_FOUND instead of failing
 */
public record CallSpec(
    String service, String operation, Set<String> feeds, Set<String> absentCodes) {

  public CallSpec {
    requireNonNull(service, "service is null");
    requireNonNull(operation, "operation is null");
    feeds = Set.copyOf(feeds);
    absentCodes = Set.copyOf(absentCodes);
  }

  public static CallSpec of(String service, String operation, String... feeds) {
    return new CallSpec(service, operation, Set.of(feeds), Set.of());
  }

  public static CallSpec of(String service, String operation, Set<String> feeds) {
    return new CallSpec(service, operation, feeds, Set.of());
  }

  public CallSpec absentWhen(String... codes) {
    return new CallSpec(service, operation, feeds, Set.of(codes));
  }

  /** {@code service:Operation}, as resources cite their sources. */
  public String name() {
    return service + ":" + operation;
  }
}
