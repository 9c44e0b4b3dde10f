package io.lcscan.provider.common;

import java.time.Duration;

/** Waits between attempts; tests substitute one that records the delays. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  static Sleeper system() {
    return duration -> {
      if (!duration.isZero() && !duration.isNegative()) {
        Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
      }
    };
  }
}
