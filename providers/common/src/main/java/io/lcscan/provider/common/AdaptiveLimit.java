package io.lcscan.provider.common;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An AIMD concurrency limit for one service in one region: throttling halves it, each success adds
 * {@code 1/limit} (about one more slot per window of successes) up to the maximum. Only a call that
 * started after the last decrease can shrink it again, so one burst of throttled calls halves the
 * limit once rather than collapsing it to the minimum.
 */
public final class AdaptiveLimit {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private final int max;
  private double limit;
  private int inFlight;
  private long generation;

  public AdaptiveLimit(int initial, int max) {
    if (initial < 1 || max < initial) {
      throw new IllegalArgumentException("need 1 <= initial <= max: " + initial + ", " + max);
    }
    this.limit = initial;
    this.max = max;
  }

  /** Waits for a slot; the permit remembers when it was taken. */
  public Permit acquire() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (inFlight >= (int) limit) {
        released.await();
      }
      inFlight++;
      return new Permit(generation);
    } finally {
      lock.unlock();
    }
  }

  public void release(Permit permit, Signal signal) {
    lock.lock();
    try {
      inFlight--;
      switch (signal) {
        case THROTTLED -> {
          if (permit.generation == generation) {
            limit = Math.max(1, Math.floor(limit / 2));
            generation++;
          }
        }
        case SUCCESS -> limit = Math.min(max, limit + 1 / limit);
        case NEUTRAL -> {}
      }
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The current limit, rounded down. */
  public int limit() {
    lock.lock();
    try {
      return (int) limit;
    } finally {
      lock.unlock();
    }
  }

  public enum Signal {
    SUCCESS,
    THROTTLED,
    NEUTRAL
  }

  /** One slot of the limit. */
  public static final class Permit {
    private final long generation;

    private Permit(long generation) {
      this.generation = generation;
    }
  }
}
