package io.lcscan.provider.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestAdaptiveLimit {
  @Test
  void aBurstOfThrottlesHalvesTheLimitOnce() throws InterruptedException {
    AdaptiveLimit limit = new AdaptiveLimit(8, 8);
    AdaptiveLimit.Permit[] permits = new AdaptiveLimit.Permit[8];
    for (int i = 0; i < permits.length; i++) {
      permits[i] = limit.acquire();
    }
    for (AdaptiveLimit.Permit permit : permits) {
      limit.release(permit, AdaptiveLimit.Signal.THROTTLED);
    }
    assertThat(limit.limit()).isEqualTo(4);
  }

  @Test
  void shrinksToOneUnderSustainedThrottlingAndGrowsBack() throws InterruptedException {
    AdaptiveLimit limit = new AdaptiveLimit(8, 8);
    for (int i = 0; i < 5; i++) {
      limit.release(limit.acquire(), AdaptiveLimit.Signal.THROTTLED);
    }
    assertThat(limit.limit()).isEqualTo(1);
    for (int i = 0; i < 40; i++) {
      limit.release(limit.acquire(), AdaptiveLimit.Signal.SUCCESS);
    }
    assertThat(limit.limit()).isEqualTo(8);
  }

  @Test
  void aCallerWaitsForAFreeSlot() throws Exception {
    AdaptiveLimit limit = new AdaptiveLimit(1, 1);
    AdaptiveLimit.Permit held = limit.acquire();
    Thread waiter =
        new Thread(
            () -> {
              try {
                limit.release(limit.acquire(), AdaptiveLimit.Signal.NEUTRAL);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    waiter.start();
    waiter.join(100);
    assertThat(waiter.isAlive()).isTrue();
    limit.release(held, AdaptiveLimit.Signal.NEUTRAL);
    waiter.join(2000);
    assertThat(waiter.isAlive()).isFalse();
  }
}
