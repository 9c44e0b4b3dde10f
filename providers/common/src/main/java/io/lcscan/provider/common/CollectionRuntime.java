package io.lcscan.provider.common;

import static java.util.Objects.requireNonNull;

import io.lcscan.spi.CallOutcome;
import io.lcscan.spi.CallRecord;
import io.lcscan.spi.CollectionSink;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.GapReason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * The collection runtime every live provider shares. It runs collector tasks under a parallelism
 * bound, and every call under the concurrency limits, a timeout and a retry policy with backoff; it
 * logs each call and turns each failure into coverage gaps. One instance serves one scan.
 */
public final class CollectionRuntime implements AutoCloseable {
  private final CollectionRuntimeConfig config;
  private final CallErrorClassifier classifier;
  private final ResponseInspector inspector;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final ConcurrencyLimits limits;
  private final ExecutorService calls;
  private final ExecutorService fanOut;
  private final ConcurrentMap<String, Boolean> gapsRecorded = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Circuit> circuits = new ConcurrentHashMap<>();

  public CollectionRuntime(
      CollectionRuntimeConfig config, CallErrorClassifier classifier, ResponseInspector inspector) {
    this(
        config,
        classifier,
        inspector,
        Clock.systemUTC(),
        Sleeper.system(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  public CollectionRuntime(
      CollectionRuntimeConfig config,
      CallErrorClassifier classifier,
      ResponseInspector inspector,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier random) {
    this.config = requireNonNull(config, "config is null");
    this.classifier = requireNonNull(classifier, "classifier is null");
    this.inspector = requireNonNull(inspector, "inspector is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
    this.backoff = new Backoff(config.getBackoffBase(), config.getBackoffMax(), random);
    this.limits = new ConcurrencyLimits(config);
    this.calls = Executors.newCachedThreadPool(daemonThreads("lcscan-call-"));
    this.fanOut = Executors.newCachedThreadPool(daemonThreads("lcscan-item-"));
  }

  public CollectionRuntimeConfig config() {
    return config;
  }

  public ConcurrencyLimits limits() {
    return limits;
  }

  public Clock clock() {
    return clock;
  }

  /** A context for collecting in one account and region into {@code sink}. */
  public CallContext context(String provider, String account, String region, CollectionSink sink) {
    return new CallContext(this, provider, account, region, sink);
  }

  /**
   * Runs every task, at most {@code taskParallelism} at once, and returns when all have ended. A
   * task that throws leaves a coverage gap for its types; only an interrupt of the caller ends the
   * run early.
   */
  public void run(Collection<CollectionTask> tasks) throws InterruptedException {
    if (tasks.isEmpty()) {
      return;
    }
    int threads = Math.min(config.getTaskParallelism(), tasks.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads("lcscan-task-"));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (CollectionTask task : tasks) {
        futures.add(pool.submit(() -> runTask(task)));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          // runTask catches everything; reaching here is a bug in the runtime itself
          throw new IllegalStateException(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      throw e;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Runs {@code body} for each item, up to the region concurrency at once, and returns when all are
   * done. Per-item work (a bucket's dozen settings) then overlaps instead of queuing, while the
   * call limits still hold. The first exception is rethrown after every item has run.
   */
  <T> void forEach(Collection<T> items, CallContext.ItemBody<T> body) throws Exception {
    if (items.size() <= 1) {
      for (T item : items) {
        body.accept(item);
      }
      return;
    }
    java.util.concurrent.Semaphore width =
        new java.util.concurrent.Semaphore(config.getRegionConcurrency());
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (T item : items) {
        width.acquire();
        futures.add(
            fanOut.submit(
                () -> {
                  try {
                    body.accept(item);
                    return null;
                  } finally {
                    width.release();
                  }
                }));
      }
      Exception first = null;
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first =
                e.getCause() instanceof Exception cause
                    ? cause
                    : new RuntimeException(e.getCause());
          }
        }
      }
      if (first != null) {
        throw first;
      }
    } catch (InterruptedException e) {
      futures.forEach(future -> future.cancel(true));
      throw e;
    }
  }

  private void runTask(CollectionTask task) {
    CallContext context = task.context();
    try {
      task.body().run(context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      gap(context, task.resourceTypes(), task.service(), GapReason.ERROR, "collection interrupted");
    } catch (Exception | LinkageError | StackOverflowError e) {
      gap(
          context,
          task.resourceTypes(),
          task.service(),
          GapReason.ERROR,
          task.service() + " collector failed: " + e);
    }
  }

  <T> CallResult<T> execute(CallContext context, CallSpec spec, CallContext.ApiCall<T> call)
      throws InterruptedException {
    Instant start = clock.instant();
    long startNanos = System.nanoTime();
    String circuitKey = context.account() + "/" + context.region() + "/" + spec.service();
    Circuit circuit = circuits.computeIfAbsent(circuitKey, key -> new Circuit());
    CallFailure open = circuit.open;
    if (open != null) {
      // the endpoint is known to be unreachable: no request, but the gap still names this call
      recordFailure(context, spec, open, "skipped after earlier failures");
      return CallResult.failed(open);
    }
    int attempts = 0;
    CallFailure failure;
    while (true) {
      attempts++;
      ConcurrencyLimits.Permits permits =
          limits.acquire(spec.service(), context.account(), context.region());
      Attempt<T> attempt;
      try {
        attempt = attempt(call);
      } catch (InterruptedException e) {
        permits.release(AdaptiveLimit.Signal.NEUTRAL);
        throw e;
      }
      failure = attempt.failure == null ? null : absentOrSelf(spec, attempt.failure);
      permits.release(
          failure == null
              ? AdaptiveLimit.Signal.SUCCESS
              : failure.throttled()
                  ? AdaptiveLimit.Signal.THROTTLED
                  : AdaptiveLimit.Signal.NEUTRAL);
      if (failure == null) {
        circuit.succeeded();
        ResponseInspector.ResponseInfo info = inspector.inspect(attempt.value);
        log(
            context,
            spec,
            start,
            startNanos,
            info.requestId(),
            CallOutcome.OK,
            info.httpStatus(),
            attempts,
            null);
        return CallResult.ok(attempt.value);
      }
      if (failure.notFound()) {
        circuit.succeeded();
        log(
            context,
            spec,
            start,
            startNanos,
            failure.requestId(),
            CallOutcome.NOT_FOUND,
            failure.httpStatus(),
            attempts,
            failure.errorCode());
        return CallResult.failed(failure);
      }
      if (!failure.retryable() || attempts >= config.getMaxAttempts()) {
        break;
      }
      if (failure.retryAfter() != null
          && failure.retryAfter().compareTo(config.getMaxRetryAfter()) > 0) {
        failure =
            new CallFailure(
                failure.reason(),
                failure.outcome(),
                failure.httpStatus(),
                failure.errorCode(),
                failure.message()
                    + " (Retry-After "
                    + failure.retryAfter().toSeconds()
                    + "s exceeds the "
                    + config.getMaxRetryAfter().toSeconds()
                    + "s limit)",
                failure.requestId(),
                failure.retryAfter(),
                false);
        break;
      }
      sleeper.sleep(backoff.delay(attempts, failure.retryAfter()));
    }
    circuit.failed(failure, config.getTimeoutsBeforeShortCircuit());
    log(
        context,
        spec,
        start,
        startNanos,
        failure.requestId(),
        failure.outcome(),
        failure.httpStatus(),
        attempts,
        failure.errorCode());
    recordFailure(context, spec, failure, attempts > 1 ? "after " + attempts + " attempts" : null);
    return CallResult.failed(failure);
  }

  private static CallFailure absentOrSelf(CallSpec spec, CallFailure failure) {
    if (failure.errorCode() != null && spec.absentCodes().contains(failure.errorCode())) {
      return new CallFailure(
          null,
          CallOutcome.NOT_FOUND,
          failure.httpStatus(),
          failure.errorCode(),
          failure.message(),
          failure.requestId(),
          null,
          false);
    }
    return failure;
  }

  private <T> Attempt<T> attempt(CallContext.ApiCall<T> call) throws InterruptedException {
    Future<T> future = calls.submit(call::call);
    try {
      T value = future.get(config.getCallTimeout().toNanos(), TimeUnit.NANOSECONDS);
      if (value == null) {
        return new Attempt<>(
            null, CallFailure.of(GapReason.MALFORMED_RESPONSE, null, "the call returned nothing"));
      }
      return new Attempt<>(value, null);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Attempt<>(
          null,
          CallFailure.of(
              GapReason.TIMEOUT,
              "Timeout",
              "no answer within " + config.getCallTimeout().toMillis() + " ms"));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      CallFailure failure;
      try {
        failure = classifier.classify(cause);
      } catch (RuntimeException classifierBug) {
        failure = CallErrors.transport(cause);
      }
      return new Attempt<>(null, failure);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }

  private void log(
      CallContext context,
      CallSpec spec,
      Instant start,
      long startNanos,
      String requestId,
      CallOutcome outcome,
      int httpStatus,
      int attempts,
      String errorCode) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    context
        .sink()
        .call(
            new CallRecord(
                context.provider(),
                spec.service(),
                spec.operation(),
                context.account(),
                context.region(),
                start,
                millis,
                requestId,
                outcome,
                httpStatus,
                attempts,
                errorCode));
  }

  private void recordFailure(CallContext context, CallSpec spec, CallFailure failure, String note) {
    String detail =
        spec.name() + ": " + failure.describe() + (note == null ? "" : " (" + note + ")");
    gap(context, spec.feeds(), spec.service(), failure.reason(), detail);
  }

  void gap(
      CallContext context,
      Collection<String> types,
      String service,
      GapReason reason,
      String detail) {
    for (String type : types) {
      String key =
          context.provider()
              + "|"
              + context.account()
              + "|"
              + context.region()
              + "|"
              + type
              + "|"
              + reason;
      if (gapsRecorded.putIfAbsent(key, Boolean.TRUE) == null) {
        context
            .sink()
            .gap(
                new CoverageGap(
                    context.provider(),
                    context.account(),
                    context.region(),
                    type,
                    service,
                    reason,
                    detail));
      }
    }
  }

  @Override
  public void close() {
    calls.shutdownNow();
    fanOut.shutdownNow();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private record Attempt<T>(T value, CallFailure failure) {}

  /** Remembers an endpoint that cannot be reached, so its other calls fail without waiting. */
  private static final class Circuit {
    private volatile CallFailure open;
    private int consecutiveTimeouts;

    synchronized void succeeded() {
      consecutiveTimeouts = 0;
    }

    synchronized void failed(CallFailure failure, int timeoutsBeforeOpen) {
      if (failure.reason() == GapReason.UNREACHABLE) {
        open = failure;
      } else if (failure.reason() == GapReason.TIMEOUT) {
        consecutiveTimeouts++;
        if (consecutiveTimeouts >= timeoutsBeforeOpen) {
          open = failure;
        }
      } else {
        consecutiveTimeouts = 0;
      }
    }
  }
}
