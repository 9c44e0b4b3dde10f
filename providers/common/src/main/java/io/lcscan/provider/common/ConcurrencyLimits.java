package io.lcscan.provider.common;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * The three limits a call passes before it is sent: the adaptive limit of its service in its
 * region, the fixed limit of its account and region, and the global cap. They are always taken in
 * that order and released in reverse, so two calls can never wait on each other.
 */
public final class ConcurrencyLimits {
  private final CollectionRuntimeConfig config;
  private final Semaphore global;
  private final ConcurrentMap<String, Semaphore> regions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AdaptiveLimit> services = new ConcurrentHashMap<>();

  public ConcurrencyLimits(CollectionRuntimeConfig config) {
    this.config = requireNonNull(config, "config is null");
    this.global = new Semaphore(config.getGlobalConcurrency(), true);
  }

  public Permits acquire(String service, String account, String region)
      throws InterruptedException {
    AdaptiveLimit serviceLimit = serviceLimit(service, region);
    Semaphore regionLimit =
        regions.computeIfAbsent(
            account + "/" + region, key -> new Semaphore(config.getRegionConcurrency(), true));
    AdaptiveLimit.Permit servicePermit = serviceLimit.acquire();
    try {
      regionLimit.acquire();
      try {
        global.acquire();
      } catch (InterruptedException e) {
        regionLimit.release();
        throw e;
      }
    } catch (InterruptedException e) {
      serviceLimit.release(servicePermit, AdaptiveLimit.Signal.NEUTRAL);
      throw e;
    }
    return new Permits(serviceLimit, servicePermit, regionLimit);
  }

  /**
   * The adaptive limit of a service in a region (shared by every account, as quotas mostly are).
   */
  public AdaptiveLimit serviceLimit(String service, String region) {
    return services.computeIfAbsent(
        service + "/" + region,
        key ->
            new AdaptiveLimit(
                Math.min(config.getServiceInitialConcurrency(), config.getServiceMaxConcurrency()),
                config.getServiceMaxConcurrency()));
  }

  /** The slots one attempt holds. */
  public final class Permits {
    private final AdaptiveLimit serviceLimit;
    private final AdaptiveLimit.Permit servicePermit;
    private final Semaphore regionLimit;
    private boolean released;

    private Permits(
        AdaptiveLimit serviceLimit, AdaptiveLimit.Permit servicePermit, Semaphore regionLimit) {
      this.serviceLimit = serviceLimit;
      this.servicePermit = servicePermit;
      this.regionLimit = regionLimit;
    }

    public void release(AdaptiveLimit.Signal signal) {
      if (released) {
        return;
      }
      released = true;
      global.release();
      regionLimit.release();
      serviceLimit.release(servicePermit, signal);
    }
  }
}
