package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import io.lcscan.provider.aws.AwsScanProgress;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.CallRecord;
import io.lcscan.spi.CollectionSink;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Resource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sits between the provider and the collected inventory: keeps everything, counts it, and shows the
 * counts on a {@link ProgressDisplay} while the scan runs. A daemon thread refreshes the display,
 * so a slow call never holds up the collectors.
 */
final class ScanProgress implements CollectionSink, AwsScanProgress, AutoCloseable {

  private final InMemoryCollectionSink collected = new InMemoryCollectionSink();
  private final AtomicInteger planned = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicLong resources = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();
  private final ProgressDisplay display;
  private final ScheduledExecutorService refresher;

  ScanProgress(ProgressDisplay display) {
    this.display = requireNonNull(display, "display is null");
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "lcscan-progress");
              thread.setDaemon(true);
              return thread;
            });
    long period = display.refreshMillis();
    refresher.scheduleAtFixedRate(
        () -> display.show(snapshot()), period, period, TimeUnit.MILLISECONDS);
  }

  /** What has been collected so far. */
  InMemoryCollectionSink collected() {
    return collected;
  }

  Snapshot snapshot() {
    return new Snapshot(finished.get(), planned.get(), resources.get(), gaps.get(), calls.get());
  }

  @Override
  public void resource(Resource resource) {
    collected.resource(resource);
    resources.incrementAndGet();
  }

  @Override
  public void gap(CoverageGap gap) {
    collected.gap(gap);
    gaps.incrementAndGet();
  }

  @Override
  public void call(CallRecord call) {
    collected.call(call);
    calls.incrementAndGet();
  }

  @Override
  public void raw(String name, byte[] redactedBody) {
    collected.raw(name, redactedBody);
  }

  @Override
  public void planned(int units) {
    planned.addAndGet(units);
  }

  @Override
  public void finished(int units) {
    finished.addAndGet(units);
  }

  /** Stops refreshing and shows the final counts once. */
  @Override
  public void close() {
    refresher.shutdownNow();
    try {
      refresher.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    display.close(snapshot());
  }

  /** The counts at one moment. */
  record Snapshot(int done, int planned, long resources, long gaps, long calls) {}
}
