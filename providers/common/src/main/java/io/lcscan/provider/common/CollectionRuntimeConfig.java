package io.lcscan.provider.common;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Limits and timings of the collection runtime. The defaults suit a nightly scan of many accounts
 * from one machine; tests shrink the timings so faults resolve in milliseconds.
 */
public final class CollectionRuntimeConfig {
  private int globalConcurrency = 32;
  private int regionConcurrency = 8;
  private int serviceInitialConcurrency = 4;
  private int serviceMaxConcurrency = 8;
  private int taskParallelism = 16;
  private int accountParallelism = 4;
  private Duration callTimeout = Duration.ofSeconds(30);
  private int maxAttempts = 6;
  private Duration backoffBase = Duration.ofMillis(250);
  private Duration backoffMax = Duration.ofSeconds(20);
  private Duration maxRetryAfter = Duration.ofSeconds(60);
  private int maxPages = 10_000;
  private int timeoutsBeforeShortCircuit = 3;

  /** Calls in flight at once across every account and region. */
  public int getGlobalConcurrency() {
    return globalConcurrency;
  }

  public CollectionRuntimeConfig setGlobalConcurrency(int value) {
    this.globalConcurrency = positive(value, "globalConcurrency");
    return this;
  }

  /** Calls in flight at once in one account and region. */
  public int getRegionConcurrency() {
    return regionConcurrency;
  }

  public CollectionRuntimeConfig setRegionConcurrency(int value) {
    this.regionConcurrency = positive(value, "regionConcurrency");
    return this;
  }

  /**
   * Starting concurrency of one service in one region; throttling halves it, success regrows it.
   */
  public int getServiceInitialConcurrency() {
    return serviceInitialConcurrency;
  }

  public CollectionRuntimeConfig setServiceInitialConcurrency(int value) {
    this.serviceInitialConcurrency = positive(value, "serviceInitialConcurrency");
    return this;
  }

  /** Ceiling the adaptive limit of one service in one region grows back to. */
  public int getServiceMaxConcurrency() {
    return serviceMaxConcurrency;
  }

  public CollectionRuntimeConfig setServiceMaxConcurrency(int value) {
    this.serviceMaxConcurrency = positive(value, "serviceMaxConcurrency");
    return this;
  }

  /** Collector tasks (one service in one account and region) running at once. */
  public int getTaskParallelism() {
    return taskParallelism;
  }

  public CollectionRuntimeConfig setTaskParallelism(int value) {
    this.taskParallelism = positive(value, "taskParallelism");
    return this;
  }

  /**
   * Accounts (subscriptions, projects) collected at once. Each holds its own clients while it is
   * collected, so this bounds memory as well as parallelism.
   */
  public int getAccountParallelism() {
    return accountParallelism;
  }

  public CollectionRuntimeConfig setAccountParallelism(int value) {
    this.accountParallelism = positive(value, "accountParallelism");
    return this;
  }

  /** The longest one attempt of one call may take. */
  public Duration getCallTimeout() {
    return callTimeout;
  }

  public CollectionRuntimeConfig setCallTimeout(Duration value) {
    this.callTimeout = positive(value, "callTimeout");
    return this;
  }

  /** Attempts per call, the first one included, for throttling and transient server errors. */
  public int getMaxAttempts() {
    return maxAttempts;
  }

  public CollectionRuntimeConfig setMaxAttempts(int value) {
    this.maxAttempts = positive(value, "maxAttempts");
    return this;
  }

  public Duration getBackoffBase() {
    return backoffBase;
  }

  public CollectionRuntimeConfig setBackoffBase(Duration value) {
    this.backoffBase = positive(value, "backoffBase");
    return this;
  }

  public Duration getBackoffMax() {
    return backoffMax;
  }

  public CollectionRuntimeConfig setBackoffMax(Duration value) {
    this.backoffMax = positive(value, "backoffMax");
    return this;
  }

  /** A Retry-After longer than this ends the call as THROTTLED instead of waiting. */
  public Duration getMaxRetryAfter() {
    return maxRetryAfter;
  }

  public CollectionRuntimeConfig setMaxRetryAfter(Duration value) {
    this.maxRetryAfter = requireNonNull(value, "maxRetryAfter is null");
    return this;
  }

  /** Pages one listing may take before it is cut off as a coverage gap. */
  public int getMaxPages() {
    return maxPages;
  }

  public CollectionRuntimeConfig setMaxPages(int value) {
    this.maxPages = positive(value, "maxPages");
    return this;
  }

  /**
   * Consecutive timeouts of one service in one account and region after which its remaining calls
   * fail at once, so a black-holed endpoint costs a few timeouts rather than one per call.
   */
  public int getTimeoutsBeforeShortCircuit() {
    return timeoutsBeforeShortCircuit;
  }

  public CollectionRuntimeConfig setTimeoutsBeforeShortCircuit(int value) {
    this.timeoutsBeforeShortCircuit = positive(value, "timeoutsBeforeShortCircuit");
    return this;
  }

  private static int positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1: " + value);
    }
    return value;
  }

  private static Duration positive(Duration value, String name) {
    requireNonNull(value, name + " is null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }
}
