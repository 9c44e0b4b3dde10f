package io.lcscan.provider.common;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from {@code [0, min(max, base *
 * 2^(retry-1))]}, so that many callers throttled together spread out instead of retrying in step. A
 * server's Retry-After is a floor.
 */
public final class Backoff {
  private final Duration base;
  private final Duration max;
  private final DoubleSupplier random;

  public Backoff(Duration base, Duration max, DoubleSupplier random) {
    this.base = requireNonNull(base, "base is null");
    this.max = requireNonNull(max, "max is null");
    this.random = requireNonNull(random, "random is null");
  }

  /**
   * @param retry 1 for the first retry
   * @param retryAfter what the server asked for, or null
   */
  public Duration delay(int retry, Duration retryAfter) {
    Duration ceiling = ceiling(retry);
    Duration jitter = Duration.ofNanos((long) (ceiling.toNanos() * random.getAsDouble()));
    if (retryAfter != null && retryAfter.compareTo(jitter) > 0) {
      return retryAfter;
    }
    return jitter;
  }

  /** The upper bound of the jitter of one retry. */
  public Duration ceiling(int retry) {
    int shift = Math.max(0, Math.min(retry - 1, 30));
    long nanos = base.toNanos();
    long ceiling = nanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : nanos << shift;
    return Duration.ofNanos(Math.min(ceiling, max.toNanos()));
  }
}
