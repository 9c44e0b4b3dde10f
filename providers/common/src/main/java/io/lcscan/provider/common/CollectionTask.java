package io.lcscan.provider.common;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * One unit of collection: a collector in one account and region. Whatever the body throws becomes a
 * coverage gap for {@code resourceTypes} there; nothing escapes the runtime.
 */
public record CollectionTask(
    CallContext context, String service, Set<String> resourceTypes, Body body) {

  public CollectionTask {
    requireNonNull(context, "context is null");
    requireNonNull(service, "service is null");
    resourceTypes = Set.copyOf(resourceTypes);
    requireNonNull(body, "body is null");
  }

  @FunctionalInterface
  public interface Body {
    void run(CallContext context) throws Exception;
  }
}
