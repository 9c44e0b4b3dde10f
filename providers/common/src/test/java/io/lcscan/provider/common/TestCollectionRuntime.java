package io.lcscan.provider.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.spi.CallOutcome;
import io.lcscan.spi.CallRecord;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.GapReason;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runtime on its own, with calls that are plain lambdas and a sleeper that only records. */
@Timeout(10)
class TestCollectionRuntime {
  private static final String TYPE = "test.thing";
  private static final CallSpec LIST = CallSpec.of("svc", "ListThings", TYPE);

  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final InMemoryCollectionSink sink = new InMemoryCollectionSink();

  private CollectionRuntime runtime(CollectionRuntimeConfig config) {
    return new CollectionRuntime(
        config,
        TestCollectionRuntime::classify,
        response -> new ResponseInspector.ResponseInfo("req-" + response, 200),
        Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC),
        sleeps::add,
        () -> 0.5);
  }

  private static CollectionRuntimeConfig fast() {
    return new CollectionRuntimeConfig()
        .setCallTimeout(Duration.ofMillis(200))
        .setBackoffBase(Duration.ofMillis(10))
        .setBackoffMax(Duration.ofMillis(40))
        .setMaxAttempts(4)
        .setMaxRetryAfter(Duration.ofSeconds(30))
        .setMaxPages(5);
  }

  // the fake SDK: an HttpError carries what a real one would
  private static CallFailure classify(Throwable error) {
    if (error instanceof HttpError http) {
      return CallErrors.http(
          http.status, http.code, "failed", "rid-" + http.status, http.retryAfter);
    }
    return CallErrors.transport(error);
  }

  private static final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final Duration retryAfter;

    HttpError(int status, String code, Duration retryAfter) {
      super(code);
      this.status = status;
      this.code = code;
      this.retryAfter = retryAfter;
    }
  }

  @Test
  void logsASuccessfulCall() throws Exception {
    try (CollectionRuntime runtime = runtime(fast())) {
      CallContext context = runtime.context("test", "111", "r1", sink);
      CallResult<String> result = context.call(LIST, () -> "ok");
      assertThat(result.value()).isEqualTo("ok");
      assertThat(sink.calls())
          .singleElement()
          .isEqualTo(
              new CallRecord(
                  "test",
                  "svc",
                  "ListThings",
                  "111",
                  "r1",
                  Instant.parse("2026-11-26T00:00:00Z"),
                  sink.calls().get(0).durationMillis(),
                  "req-ok",
                  CallOutcome.OK,
                  200,
                  1,
                  null));
      assertThat(sink.gaps()).isEmpty();
    }
  }

  @Test
  void backsOffWithJitterAndHonoursRetryAfter() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (CollectionRuntime runtime = runtime(fast())) {
      CallResult<String> result =
          runtime
              .context("test", "111", "r1", sink)
              .call(
                  LIST,
                  () -> {
                    switch (attempts.incrementAndGet()) {
                      case 1 -> throw new HttpError(429, "TooManyRequests", Duration.ofSeconds(7));
                      case 2 -> throw new HttpError(503, "SlowDown", null);
                      case 3 -> throw new HttpError(500, "InternalError", null);
                      default -> {
                        return "done";
                      }
                    }
                  });
      assertThat(result.ok()).isTrue();
      // retry 1 waits what the server asked; then half (the fixed jitter) of 20ms and 40ms
      assertThat(sleeps)
          .containsExactly(Duration.ofSeconds(7), Duration.ofMillis(10), Duration.ofMillis(20));
      assertThat(sink.calls().get(0).attempts()).isEqualTo(4);
    }
  }

  @Test
  void accessDeniedIsNotRetried() throws Exception {
    try (CollectionRuntime runtime = runtime(fast())) {
      CallResult<String> result =
          runtime
              .context("test", "111", "r1", sink)
              .call(
                  LIST,
                  () -> {
                    throw new HttpError(403, "AccessDenied", null);
                  });
      assertThat(result.failed()).isTrue();
      assertThat(sleeps).isEmpty();
      assertThat(sink.calls()).extracting(CallRecord::outcome).containsExactly(CallOutcome.DENIED);
      assertThat(sink.calls().get(0).requestId()).isEqualTo("rid-403");
      assertThat(sink.gaps())
          .containsExactly(
              new CoverageGap(
                  "test",
                  "111",
                  "r1",
                  TYPE,
                  "svc",
                  GapReason.ACCESS_DENIED,
                  "svc:ListThings: AccessDenied (HTTP 403): failed"));
    }
  }

  @Test
  void notFoundAndAbsentCodesAreAnswersNotGaps() throws Exception {
    try (CollectionRuntime runtime = runtime(fast())) {
      CallContext context = runtime.context("test", "111", "r1", sink);
      CallResult<String> missing =
          context.call(
              LIST,
              () -> {
                throw new HttpError(404, "NoSuchBucketPolicy", null);
              });
      CallResult<String> notConfigured =
          context.call(
              CallSpec.of("svc", "GetHub", TYPE).absentWhen("InvalidAccessException"),
              () -> {
                throw new HttpError(400, "InvalidAccessException", null);
              });
      assertThat(missing.notFound()).isTrue();
      assertThat(notConfigured.notFound()).isTrue();
      assertThat(sink.gaps()).isEmpty();
      assertThat(sink.calls())
          .extracting(CallRecord::outcome)
          .containsExactly(CallOutcome.NOT_FOUND, CallOutcome.NOT_FOUND);
    }
  }

  @Test
  void aGapIsRecordedOncePerTypeReasonAndPlace() throws Exception {
    try (CollectionRuntime runtime = runtime(fast())) {
      CallContext context = runtime.context("test", "111", "r1", sink);
      for (int i = 0; i < 3; i++) {
        context.call(
            CallSpec.of("svc", "GetThing", TYPE),
            () -> {
              throw new HttpError(403, "AccessDenied", null);
            });
      }
      assertThat(sink.calls()).hasSize(3);
      assertThat(sink.gaps()).hasSize(1);
    }
  }

  @Test
  void anUnreachableEndpointFailsTheRestAtOnce() throws Exception {
    AtomicInteger sent = new AtomicInteger();
    try (CollectionRuntime runtime = runtime(fast())) {
      CallContext context = runtime.context("test", "111", "r1", sink);
      for (int i = 0; i < 3; i++) {
        CallResult<String> result =
            context.call(
                LIST,
                () -> {
                  sent.incrementAndGet();
                  throw new ConnectException("Connection refused");
                });
        assertThat(result.failure().orElseThrow().reason()).isEqualTo(GapReason.UNREACHABLE);
      }
      assertThat(sent.get()).isEqualTo(1);
      assertThat(sink.gaps())
          .extracting(CoverageGap::reason)
          .containsExactly(GapReason.UNREACHABLE);
    }
  }

  @Test
  void aCallThatHangsTimesOut() throws Exception {
    try (CollectionRuntime runtime = runtime(fast())) {
      long start = System.nanoTime();
      CallResult<String> result =
          runtime
              .context("test", "111", "r1", sink)
              .call(
                  LIST,
                  () -> {
                    Thread.sleep(5_000);
                    return "late";
                  });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(result.failure().orElseThrow().reason()).isEqualTo(GapReason.TIMEOUT);
      assertThat(sink.calls()).extracting(CallRecord::outcome).containsExactly(CallOutcome.TIMEOUT);
    }
  }

  @Test
  void paginatesToTheEnd() throws Exception {
    List<String> seen = new ArrayList<>();
    try (CollectionRuntime runtime = runtime(fast())) {
      boolean complete =
          runtime
              .context("test", "111", "r1", sink)
              .paginate(
                  LIST,
                  token -> token == null ? "a" : token.equals("a") ? "b" : "c",
                  page -> page.equals("c") ? null : page,
                  seen::add);
      assertThat(complete).isTrue();
      assertThat(seen).containsExactly("a", "b", "c");
      assertThat(sink.calls()).hasSize(3);
    }
  }

  @Test
  void guardsAgainstTokensThatNeverEnd() throws Exception {
    try (CollectionRuntime runtime = runtime(fast())) {
      CallContext context = runtime.context("test", "111", "r1", sink);
      assertThat(context.paginate(LIST, token -> "page", page -> "same", page -> {})).isFalse();
      AtomicInteger counter = new AtomicInteger();
      assertThat(
              context.paginate(
                  CallSpec.of("svc", "ListOthers", "test.other"),
                  token -> "p" + counter.incrementAndGet(),
                  page -> page,
                  page -> {}))
          .isFalse();
      assertThat(sink.gaps())
          .extracting(CoverageGap::resourceType, CoverageGap::reason)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(TYPE, GapReason.MALFORMED_RESPONSE),
              org.assertj.core.groups.Tuple.tuple("test.other", GapReason.ERROR));
      assertThat(counter.get()).isEqualTo(5);
    }
  }

  @Test
  void aFailingTaskLeavesGapsAndOthersStillRun() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    try (CollectionRuntime runtime = runtime(fast())) {
      CallContext context = runtime.context("test", "111", "r1", sink);
      runtime.run(
          List.of(
              new CollectionTask(
                  context,
                  "svc",
                  Set.of("test.a", "test.b"),
                  ignored -> {
                    throw new IllegalStateException("bug");
                  }),
              new CollectionTask(
                  context, "svc", Set.of("test.c"), ignored -> ran.incrementAndGet())));
      assertThat(ran.get()).isEqualTo(1);
      assertThat(sink.gaps())
          .extracting(CoverageGap::resourceType)
          .containsExactlyInAnyOrder("test.a", "test.b");
      assertThat(sink.gaps().get(0).detail()).contains("bug");
    }
  }

  @Test
  void boundsConcurrencyPerRegionAndGlobally() throws Exception {
    CollectionRuntimeConfig config =
        fast()
            .setCallTimeout(Duration.ofSeconds(5))
            .setGlobalConcurrency(3)
            .setRegionConcurrency(2)
            .setServiceInitialConcurrency(8)
            .setServiceMaxConcurrency(8)
            .setTaskParallelism(12);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxGlobal = new AtomicInteger();
    AtomicInteger[] perRegion = {new AtomicInteger(), new AtomicInteger()};
    AtomicInteger[] maxPerRegion = {new AtomicInteger(), new AtomicInteger()};
    try (CollectionRuntime runtime = runtime(config)) {
      List<CollectionTask> tasks = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        int region = i % 2;
        CallContext context = runtime.context("test", "111", "r" + region, sink);
        tasks.add(
            new CollectionTask(
                context,
                "svc",
                Set.of(TYPE),
                ctx ->
                    ctx.call(
                        LIST,
                        () -> {
                          maxGlobal.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                          maxPerRegion[region].accumulateAndGet(
                              perRegion[region].incrementAndGet(), Math::max);
                          Thread.sleep(30);
                          perRegion[region].decrementAndGet();
                          inFlight.decrementAndGet();
                          return "ok";
                        })));
      }
      runtime.run(tasks);
    }
    assertThat(maxGlobal.get()).isEqualTo(3);
    assertThat(maxPerRegion[0].get()).isLessThanOrEqualTo(2);
    assertThat(maxPerRegion[1].get()).isLessThanOrEqualTo(2);
    assertThat(sink.calls()).hasSize(12);
  }

  @Test
  void throttlingShrinksTheServiceLimitInThatRegionOnly() throws Exception {
    try (CollectionRuntime runtime = runtime(fast().setServiceInitialConcurrency(8))) {
      runtime
          .context("test", "111", "r1", sink)
          .call(
              LIST,
              () -> {
                throw new HttpError(400, "ThrottlingException", null);
              });
      assertThat(runtime.limits().serviceLimit("svc", "r1").limit()).isEqualTo(1);
      assertThat(runtime.limits().serviceLimit("svc", "r2").limit()).isEqualTo(8);
      assertThat(sink.gaps()).extracting(CoverageGap::reason).containsExactly(GapReason.THROTTLED);
    }
  }
}
